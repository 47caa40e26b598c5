import { randomUUID } from 'node:crypto';

import type { Context } from '@opentelemetry/api';
import { Pool, type Dispatcher } from 'undici';

import type { TransportOutcome } from '../observability/metric-labels';
import type { HttpMethod, PartnerCenterMetrics } from '../observability/metrics';
import type { CallSpan, PartnerCenterTracing } from '../observability/partner-center-tracing';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../observability/trace-context';
import { BodyTooLargeError, readLimited } from '../util/read-limited';
import { CallSignal, forEachThenThrow } from './call-signal';
import { CallerSlots, CallerSlotsFull } from './caller-slots';
import { HEADER, toIfMatch } from './partner-center.contract';
import { createRetryPolicy, type AttemptFailure } from './retry-policy';
import {
  CredentialsError,
  PartnerCenterError,
  toStatusFailure,
  toTransportFailure,
  type PartnerCenterFailure,
} from './partner-center-error';

export interface PartnerCenterClientOptions {
  /** Origin such as https://api.partnercenter.microsoft.com (validated by loadConfig). */
  baseUrl: string;
  /** Per-attempt timeout for the answer's headers and body, in milliseconds. */
  timeoutMs: number;
  /** Extra attempts after the first. Reads retry on 5xx and transport failures; writes only on transport failures. */
  retries: number;
  /** First back-off delay in milliseconds (doubles each retry). Default 200. */
  minRetryDelayMs?: number;
  /** Longest back-off, also the cap on honouring Retry-After, in milliseconds. Default 2000. */
  maxRetryDelayMs?: number;
  /** Sent as MS-PartnerCenter-Application. */
  application: string;
  /**
   * The whole logical call (queueing, every attempt, back-off, reading the body) ends after this
   * many milliseconds, on a precise timer. `timeoutMs` alone is checked per attempt on undici's coarse
   * clock and restarts with every body chunk. Default: timeoutMs * (retries + 1) + maxRetryDelayMs * retries.
   */
  deadlineMs?: number;
  /** Largest accepted answer body, in bytes; a larger one is a contract failure. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Pooled keep-alive connections to Partner Center. Default 64. */
  connections?: number;
  /** Calls one caller (bearer token) may have in flight; the rest wait. Default 8, well below `connections`. */
  maxCallsPerCaller?: number;
  /** Calls of one caller that may wait for a slot; beyond that, the call is refused (RATE_LIMITED). Default 128. */
  maxQueuedCallsPerCaller?: number;
  /** Records each request (attempt) and retry; none when undefined. */
  metrics?: PartnerCenterMetrics | undefined;
  /**
   * A span per logical call, whose traceparent each request carries. Undefined (tracing off): no
   * span, and the caller's own traceparent and tracestate are passed on unchanged.
   */
  tracing?: PartnerCenterTracing | undefined;
}

/**
 * The gateway's own identity towards Partner Center (app mode). Both methods reject with a
 * CredentialsError when no token can be had.
 */
export interface AppCredentials {
  /** A current access token: cached, and fetched once for any number of concurrent calls. */
  token(): Promise<string>;
  /** A new token after Partner Center refused `rejected` (401); concurrent refusals share one fetch. */
  refresh(rejected: string): Promise<string>;
}

/** Per-call facts from the GraphQL request. */
export interface CallContext {
  /** Whose calls these are: the per-caller cap counts them together (never sent anywhere). */
  caller: string;
  /** The caller's own Partner Center token (user mode), or the gateway's application identity (app mode). */
  credentials: string | AppCredentials;
  correlationId: string;
  /** The caller's valid W3C traceparent, passed on as it is when the gateway records no spans. */
  traceparent?: string | undefined;
  /** The caller's tracestate, passed on with its traceparent. */
  tracestate?: string | undefined;
  /** Tracing on: the GraphQL operation's span (set by the tracing plugin), parent of each call's span. */
  traceContext?: Context | undefined;
}

export interface UpstreamAnswer {
  body: unknown;
  requestId: string;
  /** The request was sent more than once (same MS-RequestId) after timeouts or dropped connections. */
  resent: boolean;
}

export interface PartnerCenterClient {
  get(path: string, call: CallContext): Promise<UpstreamAnswer>;
  /** A GET where 404 means "no such resource": null, without an error (cheaper: no exception). */
  find(path: string, call: CallContext): Promise<UpstreamAnswer | null>;
  /** The ETag-guarded PUT. Never retried after an answer; retried after a transport failure with the same MS-RequestId. */
  put(path: string, body: unknown, etag: string, call: CallContext): Promise<UpstreamAnswer>;
  /** Ends every call in flight, and refuses new ones, with a `shutdown` failure (the gateway is stopping). */
  abortAll(): void;
  close(): Promise<void>;
}

export function createPartnerCenterClient(
  options: PartnerCenterClientOptions,
): PartnerCenterClient {
  const pool = new Pool(options.baseUrl, {
    connections: options.connections ?? 64,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  });
  const slots = new CallerSlots(
    options.maxCallsPerCaller ?? 8,
    options.maxQueuedCallsPerCaller ?? 128,
  );
  // Calls in flight, so that a stopping gateway can cut them short; and whether it is stopping.
  const inFlight = new Set<CallSignal>();
  let stopping = false;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 2000;
  const deadlineMs =
    options.deadlineMs ??
    options.timeoutMs * (options.retries + 1) + maxRetryDelayMs * options.retries;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const shouldRetry = createRetryPolicy({
    retries: options.retries,
    minRetryDelayMs: options.minRetryDelayMs ?? 200,
    maxRetryDelayMs,
  });

  async function send(
    method: HttpMethod,
    path: string,
    call: CallContext,
    extra: { body?: string; etag?: string; absentOn404?: boolean },
  ): Promise<UpstreamAnswer | null> {
    let requestId = randomUUID();
    const fail = (failure: PartnerCenterFailure, cause?: unknown): PartnerCenterError =>
      new PartnerCenterError(failure, call.correlationId, requestId, { cause });
    const span = options.tracing?.startCall(method, path, call.traceContext, call.correlationId);
    // For the span: the last attempt's status, how many requests were sent, and whether the call threw.
    let lastStatus: number | TransportOutcome | undefined;
    let sent = 0;
    let failed = true;
    // One signal and one timer per call: the deadline and the shutdown both end it.
    const signal = new CallSignal();
    const deadline = setTimeout(
      () => signal.abort(new DOMException('the call passed its deadline', 'TimeoutError')),
      deadlineMs,
    );
    if (stopping) {
      signal.abort(new Error('the gateway is shutting down'));
    }
    inFlight.add(signal);

    let release: (() => void) | undefined;
    try {
      try {
        release = await slots.acquire(call.caller, signal);
      } catch (error) {
        // Nothing was sent: the caller's line is full, the deadline passed, or the gateway is stopping.
        throw fail(
          error instanceof CallerSlotsFull
            ? { kind: 'not-sent', reason: 'caller-limit' }
            : stopping
              ? { kind: 'not-sent', reason: 'shutdown' }
              : { kind: 'not-sent', reason: 'deadline' },
          error,
        );
      }
      const { credentials } = call;
      let token = typeof credentials === 'string' ? credentials : await appToken(credentials, fail);
      let headers = requestHeaders(call, token, requestId, extra, span);
      let refreshed = false;
      // Sendings under the current MS-RequestId: more than one, and the answer may be to a resend.
      let sendings = 0;
      for (let attempt = 1; ; attempt += 1) {
        const started = performance.now();
        const outcome = await attemptOnce(method, path, headers, extra, signal, fail);
        lastStatus = outcome.status;
        options.metrics?.request(method, outcome.status, (performance.now() - started) / 1000);
        sent += 1;
        sendings += 1;
        const resent = sendings > 1;
        if (!('stage' in outcome)) {
          failed = false;
          return outcome.body === ABSENT ? null : { body: outcome.body, requestId, resent };
        }
        span?.attemptFailed(sent, outcome.status);
        if (
          outcome.stage === 'status' &&
          outcome.status === 401 &&
          typeof credentials !== 'string' &&
          !refreshed &&
          // After a resend, an earlier sending may have been applied: that is settled as usual.
          sendings === 1 &&
          !signal.aborted
        ) {
          // The app token was refused (revoked, or expired early): one new token, one new sending.
          // Nothing was applied, so it goes under a new MS-RequestId, and it is not a retry.
          refreshed = true;
          token = await appToken(credentials, fail, token);
          requestId = randomUUID();
          headers = requestHeaders(call, token, requestId, extra, span);
          sendings = 0;
          attempt -= 1;
          continue;
        }
        if (!(await shouldRetry(method, outcome, attempt, signal))) {
          const error =
            outcome.stage === 'unanswered'
              ? fail(
                  stopping ? { kind: 'shutdown' } : toTransportFailure(outcome.error),
                  outcome.error,
                )
              : outcome.error;
          error.resent = resent;
          throw error;
        }
        options.metrics?.retry(method);
      }
    } finally {
      clearTimeout(deadline);
      inFlight.delete(signal);
      release?.();
      span?.end(lastStatus, failed, requestId, Math.max(sent - 1, 0));
    }
  }

  function requestHeaders(
    call: CallContext,
    token: string,
    requestId: string,
    extra: { body?: string; etag?: string },
    span: CallSpan | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      [HEADER.authorization]: `Bearer ${token}`,
      [HEADER.accept]: 'application/json',
      [HEADER.contractVersion]: 'v1',
      [HEADER.requestId]: requestId,
      [HEADER.correlationId]: call.correlationId,
      [HEADER.application]: options.application,
      [HEADER.locale]: 'en-US',
    };
    if (extra.body !== undefined) {
      headers[HEADER.contentType] = 'application/json';
    }
    if (extra.etag !== undefined) {
      headers[HEADER.ifMatch] = toIfMatch(extra.etag);
    }
    if (span !== undefined) {
      span.inject(headers);
    } else if (call.traceparent !== undefined) {
      headers[TRACEPARENT_HEADER] = call.traceparent;
      if (call.tracestate !== undefined) {
        headers[TRACESTATE_HEADER] = call.tracestate;
      }
    }
    return headers;
  }

  /** The gateway's own token (or, after a 401 to `rejected`, a new one), as a failure if none can be had. */
  async function appToken(
    credentials: AppCredentials,
    fail: (failure: PartnerCenterFailure, cause?: unknown) => PartnerCenterError,
    rejected?: string,
  ): Promise<string> {
    try {
      return await (rejected === undefined ? credentials.token() : credentials.refresh(rejected));
    } catch (error) {
      throw fail(
        { kind: 'credentials', refused: error instanceof CredentialsError && error.refused },
        error,
      );
    }
  }

  /** How a request that got no (whole) answer ended, as the `status` of metrics and spans. */
  function transportOutcome(error: unknown): TransportOutcome {
    return stopping
      ? 'shutdown'
      : toTransportFailure(error).kind === 'timeout'
        ? 'timeout'
        : 'unavailable';
  }

  /** One sending of the request: its answer (ABSENT for an accepted 404), or how it failed. */
  async function attemptOnce(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    extra: { body?: string; absentOn404?: boolean },
    signal: CallSignal,
    fail: (failure: PartnerCenterFailure, cause?: unknown) => PartnerCenterError,
  ): Promise<{ body: unknown; status: number } | AttemptFailure> {
    let response: Dispatcher.ResponseData;
    try {
      response = await pool.request({ path, method, headers, signal, body: extra.body });
    } catch (error) {
      return { stage: 'unanswered', error, status: transportOutcome(error) };
    }
    const { statusCode } = response;
    let text: string;
    try {
      text = await readLimited(response, maxBodyBytes);
    } catch (error) {
      return error instanceof BodyTooLargeError
        ? {
            stage: 'body',
            broken: false,
            status: statusCode,
            error: fail({ kind: 'contract', reason: error.message }, error),
          }
        : {
            stage: 'body',
            broken: true,
            status: transportOutcome(error),
            error: fail(stopping ? { kind: 'shutdown' } : toTransportFailure(error), error),
          };
    }
    if (statusCode === 404 && extra.absentOn404) {
      return { body: ABSENT, status: statusCode };
    }
    const body = parseJson(text);
    if (statusCode >= 200 && statusCode < 300) {
      if (body === undefined) {
        return {
          stage: 'body',
          broken: false,
          status: statusCode,
          error: fail({ kind: 'contract', reason: 'the success body is not JSON' }),
        };
      }
      return { body, status: statusCode };
    }
    return {
      stage: 'status',
      status: statusCode,
      headers: response.headers,
      error: fail(toStatusFailure(statusCode, response.headers, body)),
    };
  }

  // send() answers null only for a 404 it was told to accept (find): get and put always have an answer.
  return {
    get: (path, call) => send('GET', path, call, {}) as Promise<UpstreamAnswer>,
    find: (path, call) => send('GET', path, call, { absentOn404: true }),
    put: (path, body, etag, call) =>
      send('PUT', path, call, {
        body: JSON.stringify(body),
        etag,
      }) as Promise<UpstreamAnswer>,
    abortAll: () => {
      stopping = true;
      // Every call is ended even if ending one fails; the first failure is thrown after.
      forEachThenThrow(inFlight, (signal) =>
        signal.abort(new Error('the gateway is shutting down')),
      );
    },
    close: async () => {
      await pool.close();
    },
  };
}

/** The body of an accepted 404: no such resource. */
const ABSENT = Symbol('absent');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
