import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import { PartnerCenterError, findPartnerCenterError } from '../partner-center/partner-center-error';
import { ErrorCode } from './error-code';
import { toGraphQLError } from './to-graphql-error';

// Codes Apollo Server itself issues for requests it refuses before execution; safe to pass through.
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
]);

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

/** An error of the JavaScript runtime (stack overflow, a type error) behind a GraphQL error, if any. */
function internalCause(error: GraphQLError): Error | undefined {
  let current: unknown = error.originalError;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (!(current instanceof GraphQLError)) {
      return current;
    }
    current = current.originalError;
  }
  return undefined;
}

/**
 * Apollo `formatError`, the last stop of every error: upstream failures become their
 * documented code through to-graphql-error; documented and Apollo codes pass without stack traces;
 * anything else is masked as INTERNAL_SERVER_ERROR and logged in full. A mutation's `written` extension
 * survives the masking: the caller must know whether the write happened. Never throws.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const original = unwrapResolverError(error);
      const where = {
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
      };
      const upstream = findPartnerCenterError(original);
      if (upstream) {
        logUpstreamFailure(logger, upstream, formatted);
      }
      if (!(original instanceof GraphQLError) || original instanceof PartnerCenterError) {
        const converted = toGraphQLError(original);
        if (converted.code === ErrorCode.INTERNAL_SERVER_ERROR) {
          logger.error({ err: original, path: formatted.path }, 'unexpected error');
        }
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
        ((Object.values(ErrorCode) as string[]).includes(code) || APOLLO_CODES.has(code))
      ) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
        if (code.startsWith('PERSISTED_QUERY_')) {
          logger.info({ code }, 'persisted query refused');
        }
        const internal = internalCause(original);
        if (internal) {
          // The runtime's own words (e.g. "Maximum call stack size exceeded") never reach a caller.
          logger.warn(
            { code, error: internal.message.slice(0, 200) },
            'request refused by an internal failure',
          );
          return {
            message: GENERIC_MESSAGES[code] ?? 'The request could not be processed.',
            ...where,
            extensions: { ...extensions, code },
          };
        }
        return { ...formatted, extensions: { ...extensions, code } };
      }
      logger.error(
        { err: original.originalError ?? original, path: formatted.path },
        'unexpected error',
      );
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
  };
}

function logUpstreamFailure(
  logger: Logger,
  error: PartnerCenterError,
  formatted: GraphQLFormattedError,
): void {
  logger.warn(
    {
      code: toGraphQLError(error).code,
      failure: error.failure.kind,
      status: error.status,
      upstreamCode: error.upstreamCode,
      correlationId: error.correlationId,
      requestId: error.requestId,
      path: formatted.path,
    },
    'upstream failure',
  );
}
