import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { PartnerCenterError } from '../partner-center/partner-center-error';
import { internalCause } from './error-chain';
import { DOCUMENTED_CODES, ErrorCode } from './error-code';
import { toGraphQLError } from './to-graphql-error';

const PASSED_CODES: ReadonlySet<string> = new Set(DOCUMENTED_CODES);

// Apollo refuses these two persisted-query requests with a bare GraphQLError (no code): they are the
// caller's mistakes, and get the codes Apollo's router gives them.
const UNCODED_APOLLO_ERRORS = new Map([
  ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
  ['Unsupported persisted query version', 'PERSISTED_QUERY_NOT_SUPPORTED'],
]);

const GENERIC_MESSAGES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'The GraphQL document could not be parsed.',
  GRAPHQL_VALIDATION_FAILED: 'The GraphQL document could not be validated.',
};

/**
 * Apollo `formatError`, the last stop of every error: upstream failures become their documented code
 * through to-graphql-error; documented and Apollo codes pass without stack traces; anything else is
 * masked as INTERNAL_SERVER_ERROR. A mutation's `written` extension survives the masking: the caller
 * must know whether the write happened. Pure: it logs nothing (the error-logging plugin logs each
 * error once, with the request's logger, from the codes decided here). Never throws.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  try {
    const original = unwrapResolverError(error);
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (!(original instanceof GraphQLError) || original instanceof PartnerCenterError) {
      const converted = toGraphQLError(original);
      return { message: converted.message, ...where, extensions: { ...converted.extensions } };
    }
    const uncoded =
      original.extensions.code === undefined && original.originalError === undefined
        ? UNCODED_APOLLO_ERRORS.get(original.message)
        : undefined;
    const code = uncoded ?? formatted.extensions?.code;
    if (
      typeof code === 'string' &&
      code !== ErrorCode.INTERNAL_SERVER_ERROR &&
      PASSED_CODES.has(code)
    ) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      if (internalCause(original)) {
        // The runtime's own words (e.g. "Maximum call stack size exceeded") never reach a caller.
        return {
          message: GENERIC_MESSAGES[code] ?? 'The request could not be processed.',
          ...where,
          extensions: { ...extensions, code },
        };
      }
      return { ...formatted, extensions: { ...extensions, code } };
    }
    const written = formatted.extensions?.written;
    return {
      message: 'Internal server error.',
      ...where,
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        retryable: false,
        ...(written === undefined ? {} : { written }),
      },
    };
  } catch {
    return {
      message: 'Internal server error.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
}
