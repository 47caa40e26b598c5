/**
 * The documented `extensions.code` values: the gateway's public error contract (README, "Errors").
 * Expected outcomes of updateBillingProfile (stale etag, invalid input) are union results, not errors.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo Server itself issues for requests it refuses before execution; safe to pass through. */
export const APOLLO_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

/** Every `extensions.code` a caller may see: the gateway's own and Apollo Server's (README, "Errors"). */
export const DOCUMENTED_CODES: readonly string[] = [...Object.values(ErrorCode), ...APOLLO_CODES];

/** Whether the same operation may simply be sent again (documented per code in the README). */
export const RETRYABLE: Readonly<Record<ErrorCode, boolean>> = {
  BAD_USER_INPUT: false,
  UNAUTHENTICATED: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  RATE_LIMITED: true,
  UPSTREAM_TIMEOUT: true,
  UPSTREAM_UNAVAILABLE: true,
  UPSTREAM_ERROR: false,
  SHUTTING_DOWN: true,
  INTERNAL_SERVER_ERROR: false,
};
