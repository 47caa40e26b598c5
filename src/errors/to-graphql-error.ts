import { UPSTREAM_CODE } from '../partner-center/partner-center.contract';
import { PartnerCenterError } from '../partner-center/partner-center-error';
import {
  ForbiddenError,
  GatewayError,
  InternalServerError,
  NotFoundError,
  RateLimitedError,
  ShuttingDownError,
  UnauthenticatedError,
  UnreachableCaseError,
  UpstreamContractError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from './gateway-errors';

const DEFAULT_RETRY_AFTER_SECONDS = 1;
const CALLER_LIMIT_RETRY_AFTER_SECONDS = 1;
/** The longest wait RATE_LIMITED ever asks for (README): an upstream Retry-After beyond it is capped. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const SHUTTING_DOWN_MESSAGE = 'The gateway is shutting down; send the operation again.';

/**
 * The one crossing from upstream failures to documented GraphQL errors: a status ->
 * code table for HTTP answers, and a code per transport failure. Pure: no I/O, no logging.
 */
export function toGraphQLError(error: unknown): GatewayError {
  if (error instanceof GatewayError) {
    return error;
  }
  if (!(error instanceof PartnerCenterError)) {
    return new InternalServerError(undefined, { cause: error });
  }
  const options = { cause: error, correlationId: error.correlationId };
  const failure = error.failure;
  switch (failure.kind) {
    case 'timeout':
      return new UpstreamTimeoutError('Partner Center did not answer in time.', options);
    case 'unavailable':
      return new UpstreamUnavailableError('Partner Center is unavailable.', options);
    case 'contract':
      return new UpstreamContractError(
        'Partner Center sent an answer the gateway cannot read.',
        options,
      );
    case 'not-sent':
      return fromNotSent(failure.reason, options);
    case 'shutdown':
      return new ShuttingDownError(SHUTTING_DOWN_MESSAGE, options);
    case 'credentials':
      // The gateway's own identity (app mode): refused credentials will be refused again until the
      // configuration changes; an authority that cannot be reached may answer later.
      return failure.refused
        ? new UnauthenticatedError(
            "The gateway's application credentials were refused by the token authority.",
            options,
          )
        : new UpstreamUnavailableError(
            'The token authority for Partner Center is unavailable; retry later.',
            options,
          );
    case 'status':
      return fromStatus(failure.status, failure.upstreamCode, failure.retryAfterSeconds, options);
    default:
      throw new UnreachableCaseError(failure);
  }
}

function fromNotSent(
  reason: 'caller-limit' | 'deadline' | 'shutdown',
  options: { cause: unknown; correlationId: string },
): GatewayError {
  switch (reason) {
    case 'caller-limit':
      return new RateLimitedError(
        'Too many Partner Center calls are in flight for this caller; retry shortly.',
        CALLER_LIMIT_RETRY_AFTER_SECONDS,
        options,
      );
    case 'deadline':
      return new UpstreamTimeoutError('Partner Center did not answer in time.', options);
    case 'shutdown':
      return new ShuttingDownError(SHUTTING_DOWN_MESSAGE, options);
  }
}

function fromStatus(
  status: number,
  upstreamCode: string | undefined,
  retryAfterSeconds: number | undefined,
  options: { cause: unknown; correlationId: string },
): GatewayError {
  if (status === 401) {
    return new UnauthenticatedError('Partner Center rejected the access token.', options);
  }
  if (status === 403) {
    return new ForbiddenError('Partner Center denied access to this customer.', options);
  }
  if (status === 404) {
    return new NotFoundError('Partner Center has no such customer.', options);
  }
  if (status === 409 && upstreamCode === UPSTREAM_CODE.orderInProgress) {
    // Not throttling and not the caller's mistake: it passes when the order completes.
    return new UpstreamUnavailableError(
      'Partner Center has an order in progress for this customer; retry later.',
      options,
    );
  }
  // Whatever the body: the documented 429 body has no code at all (api-throttling-guidance).
  if (status === 429) {
    return new RateLimitedError(
      'Partner Center is throttling requests; retry after the given delay.',
      Math.min(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS),
      options,
    );
  }
  if (status === 504 || status === 408) {
    return new UpstreamTimeoutError('Partner Center did not answer in time.', options);
  }
  if (status >= 500) {
    return new UpstreamUnavailableError('Partner Center is unavailable.', options);
  }
  // Any other 4xx here is a request the gateway should never have sent, or an answer outside the
  // contract (405, 406, 409, unexpected 400/412 on a read): the caller can do nothing about it.
  return new UpstreamContractError('Partner Center refused the request.', options);
}
