import type { GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The errors of an answer as formatError left them (with their documented codes), in the order of
 * the request's errors: Apollo formats each error once, one for one.
 */
export function answerErrors(
  response: GraphQLResponse,
): readonly GraphQLFormattedError[] | undefined {
  return response.body.kind === 'single'
    ? response.body.singleResult.errors
    : response.body.initialResult.errors;
}

/** The documented codes of an answer's errors (empty when it has none). */
export function answerCodes(response: GraphQLResponse): string[] {
  return (answerErrors(response) ?? []).map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
}
