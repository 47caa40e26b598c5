import { randomUUID } from 'node:crypto';

import { Pool, RetryAgent, RetryHandler, type Dispatcher } from 'undici';

import { CallerSlots, CallerSlotsFull } from './caller-slots';
import { HEADER, toIfMatch } from './partner-center.contract';
import {
  PartnerCenterError,
  TIMEOUT_CODES,
  TRANSPORT_CODES,
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
}

/** Per-call facts from the GraphQL request: the caller's token and the operation's correlation id. */
export interface CallContext {
  token: string;
  correlationId: string;
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

/** undici's own retry decision (status and error lists, back-off, Retry-After), which ours wraps. */
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
const RETRYABLE_READ_STATUSES = [500, 502, 503, 504];

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
  const inFlight = new Set<AbortController>();
  let stopping = false;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 2000;
  const deadlineMs =
    options.deadlineMs ??
    options.timeoutMs * (options.retries + 1) + maxRetryDelayMs * options.retries;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  // Requests whose answer has begun. undici's retry handler would resume a body that breaks off with
  // a Range request; Partner Center documents no ranges, and a resumed profile could be spliced from
  // two versions. So once an answer has begun, the retry handler gives up, and a GET is sent again
  // whole (below); a PUT's outcome is settled by the caller with a fresh read.
  const answering = new Set<string>();
  // Requests sent more than once (same MS-RequestId): the answer may be to a resend.
  const resent = new Set<string>();
  const retry: RetryHandler.RetryCallback = (error, context, callback) => {
    const requestId = (context.opts.headers as Record<string, string> | undefined)?.[
      HEADER.requestId
    ];
    if (requestId !== undefined && answering.has(requestId)) {
      callback(error);
      return;
    }
    undiciDefaultRetry(error, context, (stop) => {
      if (!stop && requestId !== undefined) {
        resent.add(requestId);
      }
      callback(stop);
    });
  };
  const backoff = {
    retry,
    maxRetries: options.retries,
    minTimeout: options.minRetryDelayMs ?? 200,
    maxTimeout: maxRetryDelayMs,
    timeoutFactor: 2,
    throwOnError: false,
  };
  // undici retries PUT by default: both agents name their methods explicitly.
  const reads = new RetryAgent(pool, {
    ...backoff,
    methods: ['GET'],
    statusCodes: RETRYABLE_READ_STATUSES,
    errorCodes: [...TRANSPORT_CODES, ...TIMEOUT_CODES],
  });
  // MS-RequestId makes a PUT idempotent upstream, so resending the same request after a timeout or a
  // dropped connection cannot apply it twice (contract, "Headers"); an answered PUT is never resent.
  const writes = new RetryAgent(pool, {
    ...backoff,
    methods: ['PUT'],
    statusCodes: [],
    errorCodes: [...TRANSPORT_CODES, ...TIMEOUT_CODES],
  });

  async function send(
    agent: Dispatcher,
    method: 'GET' | 'PUT',
    path: string,
    call: CallContext,
    extra: { body?: string; etag?: string; absentOn404?: boolean },
  ): Promise<UpstreamAnswer | null> {
    const requestId = randomUUID();
    const fail = (failure: PartnerCenterFailure, cause?: unknown): PartnerCenterError =>
      new PartnerCenterError(failure, call.correlationId, requestId, { cause });
    // One controller and one timer per call: the deadline and the shutdown both end it.
    const controller = new AbortController();
    const deadline = setTimeout(
      () => controller.abort(new DOMException('the call passed its deadline', 'TimeoutError')),
      deadlineMs,
    );
    const { signal } = controller;
    if (stopping) {
      controller.abort(new Error('the gateway is shutting down'));
    }
    inFlight.add(controller);

    let release: () => void;
    try {
      release = await slots.acquire(call.token, signal);
    } catch (error) {
      clearTimeout(deadline);
      inFlight.delete(controller);
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
    try {
      // A GET whose answer breaks off mid-body is sent again whole (never resumed with Range, which
      // could splice two versions of a profile); a PUT's is settled by the caller with a fresh read.
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await attemptOnce(agent, method, path, call, extra, requestId, signal);
        } catch (error) {
          const retryable =
            method === 'GET' &&
            error instanceof BodyBrokenError &&
            attempt < options.retries &&
            !signal.aborted;
          if (!retryable) {
            throw error instanceof BodyBrokenError ? error.cause : error;
          }
        }
      }
    } catch (error) {
      if (error instanceof PartnerCenterError) {
        throw error;
      }
      throw fail(stopping ? { kind: 'shutdown' } : toTransportFailure(error), error);
    } finally {
      clearTimeout(deadline);
      inFlight.delete(controller);
      resent.delete(requestId);
      release();
    }
  }

  async function attemptOnce(
    agent: Dispatcher,
    method: 'GET' | 'PUT',
    path: string,
    call: CallContext,
    extra: { body?: string; etag?: string; absentOn404?: boolean },
    requestId: string,
    signal: AbortSignal,
  ): Promise<UpstreamAnswer | null> {
    const headers: Record<string, string> = {
      [HEADER.authorization]: `Bearer ${call.token}`,
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
    const fail = (failure: PartnerCenterFailure, cause?: unknown): PartnerCenterError =>
      new PartnerCenterError(failure, call.correlationId, requestId, { cause });

    const response = await agent.request({
      origin: options.baseUrl,
      path,
      method,
      headers,
      signal,
      ...(extra.body !== undefined ? { body: extra.body } : {}),
    });

    let text: string;
    answering.add(requestId);
    try {
      text = await readLimited(response, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw fail({ kind: 'contract', reason: error.message }, error);
      }
      throw new BodyBrokenError(
        fail(stopping ? { kind: 'shutdown' } : toTransportFailure(error), error),
      );
    } finally {
      answering.delete(requestId);
    }
    if (response.statusCode === 404 && extra.absentOn404) {
      return null;
    }
    const body = parseJson(text);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (body === undefined) {
        throw fail({ kind: 'contract', reason: 'the success body is not JSON' });
      }
      return { body, requestId, resent: resent.has(requestId) };
    }
    const failure = fail(toStatusFailure(response.statusCode, response.headers, body));
    failure.resent = resent.has(requestId);
    throw failure;
  }

  // send() answers null only for a 404 it was told to accept (find): get and put always have an answer.
  return {
    get: (path, call) => send(reads, 'GET', path, call, {}) as Promise<UpstreamAnswer>,
    find: (path, call) => send(reads, 'GET', path, call, { absentOn404: true }),
    put: (path, body, etag, call) =>
      send(writes, 'PUT', path, call, {
        body: JSON.stringify(body),
        etag,
      }) as Promise<UpstreamAnswer>,
    abortAll: () => {
      stopping = true;
      for (const controller of inFlight) {
        controller.abort(new Error('the gateway is shutting down'));
      }
    },
    close: async () => {
      await pool.close();
    },
  };
}

/** A body that broke off after the status and headers arrived; `cause` is the failure to report. */
class BodyBrokenError extends Error {
  override readonly name = 'BodyBrokenError';
  constructor(override readonly cause: PartnerCenterError) {
    super(cause.message);
  }
}

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

async function readLimited(response: Dispatcher.ResponseData, limit: number): Promise<string> {
  const { body } = response;
  const declared = Number(response.headers['content-length']);
  if (Number.isInteger(declared) && declared >= 0) {
    // The connection holds the answer to its declared length: it can be read in one go.
    if (declared > limit) {
      body.destroy();
      throw new BodyTooLargeError(`the answer is over ${limit} bytes`);
    }
    return body.text();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLargeError(`the answer is over ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
