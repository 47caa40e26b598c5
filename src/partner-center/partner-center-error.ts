import type { Dispatcher } from 'undici';

import { HEADER, MAX_DESCRIPTION_LENGTH } from './partner-center.contract';

/**
 * What the Partner Center transport throws. It knows HTTP, not GraphQL: to-graphql-error.ts converts it
 * once into a documented code. (Named apart from the public `UPSTREAM_ERROR` code on purpose: this is a
 * private class of the upstream layer, that code is one of several it may become.) Never carries the
 * raw upstream body, a token or a query string.
 */
export type PartnerCenterFailure =
  | {
      kind: 'status';
      status: number;
      upstreamCode?: string;
      retryAfterSeconds?: number;
      /**
       * Partner Center's `description`, cut to the documented 1024 characters and stripped of control
       * characters. Shown to callers only where the contract makes it the message (a refused update).
       */
      description?: string;
      /** Entries of the error's `data` that name a field; the contract documents no shape, so often none. */
      fieldProblems?: { field: string; message: string }[];
    }
  | { kind: 'timeout' }
  | { kind: 'unavailable'; networkCode?: string }
  | { kind: 'contract'; reason: string }
  /** Never sent: the caller's line was full, the deadline passed in it, or the gateway is stopping. */
  | { kind: 'not-sent'; reason: 'caller-limit' | 'deadline' | 'shutdown' }
  /** Cut short in flight because the gateway is stopping: it may or may not have reached Partner Center. */
  | { kind: 'shutdown' }
  /**
   * Never sent: the gateway's own token (app mode) could not be had. `refused`: the authority said no
   * to its credentials (a configuration problem); otherwise the authority could not be reached.
   */
  | { kind: 'credentials'; refused: boolean };

/**
 * What AppCredentials throw when no token can be had. Carries no token, secret or authority text:
 * only whether the authority refused the credentials (it will again) or could not be reached.
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly refused: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class PartnerCenterError extends Error {
  override readonly name = 'PartnerCenterError';
  /** The answer came to a resend of the request (same MS-RequestId), not to its first sending. */
  resent = false;

  constructor(
    readonly failure: PartnerCenterFailure,
    readonly correlationId: string,
    readonly requestId: string,
    options?: { cause?: unknown },
  ) {
    super(describe(failure), options);
  }

  get status(): number | undefined {
    return this.failure.kind === 'status' ? this.failure.status : undefined;
  }

  get upstreamCode(): string | undefined {
    return this.failure.kind === 'status' ? this.failure.upstreamCode : undefined;
  }
}

function describe(failure: PartnerCenterFailure): string {
  switch (failure.kind) {
    case 'status':
      return `Partner Center answered ${failure.status}${failure.upstreamCode ? ` (code ${failure.upstreamCode})` : ''}`;
    case 'timeout':
      return 'Partner Center did not answer in time';
    case 'unavailable':
      return `Partner Center could not be reached${failure.networkCode ? ` (${failure.networkCode})` : ''}`;
    case 'contract':
      return `Partner Center's answer breaks the contract: ${failure.reason}`;
    case 'not-sent':
      return failure.reason === 'caller-limit'
        ? 'the caller has too many Partner Center calls in flight'
        : failure.reason === 'deadline'
          ? 'the call waited for a free slot past its deadline'
          : 'the gateway is shutting down';
    case 'shutdown':
      return 'the call was cut short: the gateway is shutting down';
    case 'credentials':
      return failure.refused
        ? "the token authority refused the gateway's application credentials"
        : "the gateway's application token could not be had: the token authority is unavailable";
  }
}

/** The first PartnerCenterError in an error's cause chain (GraphQL wrappers keep it as originalError). */
export function findPartnerCenterError(error: unknown): PartnerCenterError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof PartnerCenterError) {
      return current;
    }
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}

// Turning what the transport saw into a failure: pure, no I/O.

export const TIMEOUT_CODES = [
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
];
export const TRANSPORT_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
];

/** A transport error (undici's, or the call's own deadline) as a failure. */
export function toTransportFailure(error: unknown): PartnerCenterFailure {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  // The deadline aborts with a DOMException named TimeoutError: the call's deadline passed.
  if ((typeof code === 'string' && TIMEOUT_CODES.includes(code)) || name === 'TimeoutError') {
    return { kind: 'timeout' };
  }
  if (typeof code === 'string' && (TRANSPORT_CODES.includes(code) || code.startsWith('UND_ERR'))) {
    return { kind: 'unavailable', networkCode: code };
  }
  return { kind: 'unavailable' };
}

/** A non-2xx answer as a failure: the status, Partner Center's code, description and Retry-After. */
export function toStatusFailure(
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  body: unknown,
): PartnerCenterFailure {
  const error = (isObject(body) ? body : {}) as {
    code?: unknown;
    description?: unknown;
    data?: unknown;
  };
  const retryAfter = Number(headers[HEADER.retryAfter]);
  const fieldProblems = Array.isArray(error.data)
    ? error.data.flatMap((entry: unknown) => {
        const field = isObject(entry) ? stringProperty(entry, 'field') : undefined;
        const message = isObject(entry) ? stringProperty(entry, 'message') : undefined;
        return field && message ? [{ field: field.slice(0, 200), message: clean(message) }] : [];
      })
    : [];
  const description = typeof error.description === 'string' ? clean(error.description) : '';
  return {
    kind: 'status',
    status,
    ...(typeof error.code === 'string' || typeof error.code === 'number'
      ? { upstreamCode: String(error.code) }
      : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0
      ? { retryAfterSeconds: Math.ceil(retryAfter) }
      : {}),
    ...(description ? { description } : {}),
    ...(fieldProblems.length > 0 ? { fieldProblems } : {}),
  };
}

/** A string property by name in any casing (Partner Center is a .NET service). */
function stringProperty(source: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(source).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : source[key];
  return typeof value === 'string' ? value : undefined;
}

// Upstream text may reach a caller as a message: no control characters, no more than documented.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]+/g;

function clean(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, MAX_DESCRIPTION_LENGTH);
}

// Not partner-center.dto's isJsonObject: that module imports this one.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
