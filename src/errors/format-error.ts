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
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`, the last stop of every error (house style 2.3): upstream failures become their
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
      const code = formatted.extensions?.code;
      if (
        typeof code === 'string' &&
        code !== ErrorCode.INTERNAL_SERVER_ERROR &&
        ((Object.values(ErrorCode) as string[]).includes(code) || APOLLO_CODES.has(code))
      ) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions };
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
