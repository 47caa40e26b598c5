import { GraphQLError } from 'graphql';

// GraphQL wraps what went wrong (a located error, withExtensions, a GatewayError's cause): these walk
// the `originalError` chain, a few links at most, for the logging plugin and formatError alike.

const MAX_DEPTH = 5;

/** What went wrong, under the GraphQL wrappers: the first link that is not a GraphQLError with a cause. */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    if (!(current instanceof GraphQLError) || current.originalError === undefined) {
      return current;
    }
    current = current.originalError;
  }
  return current;
}

/** An error of the JavaScript runtime (stack overflow, a type error) behind a GraphQL error, if any. */
export function internalCause(error: GraphQLError): Error | undefined {
  const cause = rootCause(error);
  return cause instanceof Error && !(cause instanceof GraphQLError) ? cause : undefined;
}
