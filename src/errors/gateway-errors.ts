import { GraphQLError } from 'graphql';

import { ErrorCode, RETRYABLE } from './error-code';

interface GatewayErrorOptions {
  cause?: unknown;
  correlationId?: string;
  extensions?: Record<string, unknown>;
}

/** Base of every error the gateway sends on purpose: a literal documented code and safe extras only. */
export abstract class GatewayError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        retryable: RETRYABLE[code],
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        ...options.extensions,
      },
      ...(options.cause === undefined ? {} : { originalError: asError(options.cause) }),
    });
    this.name = new.target.name;
  }
}

function asError(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}

export class BadUserInputError extends GatewayError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.BAD_USER_INPUT, message, options);
  }
}

export class UnauthenticatedError extends GatewayError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.UNAUTHENTICATED, message, options);
  }
}

export class ForbiddenError extends GatewayError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.FORBIDDEN, message, options);
  }
}

export class NotFoundError extends GatewayError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.NOT_FOUND, message, options);
  }
}

export class RateLimitedError extends GatewayError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(message: string, retryAfterSeconds: number, options?: GatewayErrorOptions) {
    // Object.assign, not `{ ...extensions, retryAfterSeconds }`: on Node 20 a spread that adds a key
    // makes a new hidden class each time it runs (README, "Benchmark").
    super(ErrorCode.RATE_LIMITED, message, {
      ...options,
      extensions: Object.assign({}, options?.extensions, { retryAfterSeconds }),
    });
  }
}

export class UpstreamTimeoutError extends GatewayError {
  readonly code = ErrorCode.UPSTREAM_TIMEOUT;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.UPSTREAM_TIMEOUT, message, options);
  }
}

export class UpstreamUnavailableError extends GatewayError {
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, message, options);
  }
}

export class UpstreamContractError extends GatewayError {
  readonly code = ErrorCode.UPSTREAM_ERROR;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.UPSTREAM_ERROR, message, options);
  }
}

export class ShuttingDownError extends GatewayError {
  readonly code = ErrorCode.SHUTTING_DOWN;
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.SHUTTING_DOWN, message, options);
  }
}

export class InternalServerError extends GatewayError {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  constructor(message = 'Internal server error.', options?: GatewayErrorOptions) {
    super(ErrorCode.INTERNAL_SERVER_ERROR, message, options);
  }
}

/**
 * The same documented error with more safe extensions (the mutation's `written`), as a new error: the
 * original may be shared (a loader caches it for every field that asked for the same customer).
 */
export function withExtensions(
  error: GatewayError,
  extensions: Record<string, unknown>,
): GraphQLError {
  return new GraphQLError(error.message, {
    // Object.assign: see RateLimitedError.
    extensions: Object.assign({}, error.extensions, extensions),
    originalError: error,
  });
}

/** Ends exhaustive switches: a new case that is not handled fails to compile. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
