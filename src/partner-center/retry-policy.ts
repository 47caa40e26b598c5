import { RetryHandler, type Dispatcher } from 'undici';

import type { TransportOutcome } from '../observability/metric-labels';
import type { HttpMethod } from '../observability/metrics';
import type { CallSignal } from './call-signal';
import { TIMEOUT_CODES, TRANSPORT_CODES, type PartnerCenterError } from './partner-center-error';

// The retry policy is undici's (RetryAgent's options and decision function), applied by the client
// between whole attempts on the pool rather than by a RetryAgent. A RetryAgent wraps every request in a
// RetryHandler that converts headers back and forth and builds an Error with a stack for every
// non-2xx answer (a 404 "no such customer" included): about a third of the gateway's cost per
// upstream read in the benchmark. It would also resume a broken body with a Range request, which
// Partner Center does not document and which could splice two versions of a profile: here an answer
// that breaks off is never resumed; a GET is sent again whole, a PUT is settled by a fresh read.

/** undici's own retry policy (status and error lists, back-off, Retry-After): the one RetryAgent applies. */
const undiciDefaultRetry = ((): RetryHandler.RetryCallback => {
  const symbol = Object.getOwnPropertySymbols(RetryHandler).find(
    (s) => s.description === 'retry agent default retry',
  );
  const retry = symbol && (RetryHandler as unknown as Record<symbol, unknown>)[symbol];
  if (typeof retry !== 'function') {
    throw new Error("undici's default retry function was not found (undici upgraded?)");
  }
  return retry as RetryHandler.RetryCallback;
})();

// A 429 is not retried here: its Retry-After can be long, so the caller gets RATE_LIMITED with the delay.
export const RETRYABLE_READ_STATUSES = [500, 502, 503, 504];

/** What one attempt ended with, when it did not end with an answer to hand back. */
export type AttemptFailure =
  /** No answer began: the request may or may not have reached Partner Center. */
  | { stage: 'unanswered'; error: unknown; status: TransportOutcome }
  /** The answer began and broke off (`broken`), or is too large or unreadable: it cannot be resumed. */
  | {
      stage: 'body';
      error: PartnerCenterError;
      broken: boolean;
      /** The answer's HTTP status, or how it broke off. */
      status: number | TransportOutcome;
    }
  /** A whole answer with a status that is not a success. */
  | {
      stage: 'status';
      status: number;
      headers: Dispatcher.ResponseData['headers'];
      error: PartnerCenterError;
    };

export interface RetryPolicyOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** First back-off delay in milliseconds (doubles each retry). */
  minRetryDelayMs: number;
  /** Longest back-off, also the cap on honouring Retry-After, in milliseconds. */
  maxRetryDelayMs: number;
}

export type RetryDecision = (
  method: HttpMethod,
  failure: AttemptFailure,
  attempt: number,
  signal: CallSignal,
) => Promise<boolean>;

export function createRetryPolicy(options: RetryPolicyOptions): RetryDecision {
  const retryOptions = {
    maxRetries: options.retries,
    minTimeout: options.minRetryDelayMs,
    maxTimeout: options.maxRetryDelayMs,
    timeoutFactor: 2,
    errorCodes: [...TRANSPORT_CODES, ...TIMEOUT_CODES],
    // Statuses are retried for reads only, decided before the policy is asked (shouldRetry).
    statusCodes: RETRYABLE_READ_STATUSES,
    methods: ['GET', 'PUT'] as Dispatcher.HttpMethod[],
  };

  /**
   * Whether to send the call again after its `attempt`-th failure (1-based), after undici's back-off.
   * MS-RequestId makes a PUT idempotent upstream, so resending the same request after a timeout or a
   * dropped connection cannot apply it twice (contract, "Headers"); an answered PUT is never resent
   * here. (App mode's one sending after a 401 to its first sending is a new call, not a retry: the
   * client's, see docs/partner-center-contract.md.)
   */
  function shouldRetry(
    method: HttpMethod,
    failure: AttemptFailure,
    attempt: number,
    signal: CallSignal,
  ): Promise<boolean> {
    if (signal.aborted || attempt > options.retries) {
      return Promise.resolve(false);
    }
    let decided: Parameters<RetryHandler.RetryCallback>[0];
    switch (failure.stage) {
      case 'unanswered':
        decided = failure.error as Error;
        break;
      case 'body':
        if (method !== 'GET' || !failure.broken) {
          return Promise.resolve(false);
        }
        decided = failure.error.cause as Error;
        break;
      case 'status':
        if (method !== 'GET' || !RETRYABLE_READ_STATUSES.includes(failure.status)) {
          return Promise.resolve(false);
        }
        // The shape undici's policy reads for a status: it honours Retry-After (capped).
        decided = Object.assign(new Error('Request failed'), {
          code: 'UND_ERR_REQ_RETRY',
          statusCode: failure.status,
          headers: failure.headers,
        });
        break;
    }
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(false);
      signal.once('abort', onAbort);
      undiciDefaultRetry(
        decided,
        {
          state: { counter: attempt },
          opts: { method, retryOptions },
        } as unknown as Parameters<RetryHandler.RetryCallback>[1],
        (stop) => {
          signal.off('abort', onAbort);
          resolve(!stop && !signal.aborted);
        },
      );
    });
  }

  return shouldRetry;
}
