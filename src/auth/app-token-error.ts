import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';

import {
  AuthorityTransportError,
  describeTransportFailure,
  type AuthorityTransportReason,
} from './msal-network-client';

/**
 * Why no app token could be had. `credentials-refused`: the authority answered and said no (bad
 * secret or certificate, unknown app or tenant, a scope the app may not have): it will say no again
 * until the configuration changes, so the gateway answers UNAUTHENTICATED. `authority-unavailable`:
 * no usable answer (network, timeout, 429/5xx, msal holding back after one of those): retryable,
 * UPSTREAM_UNAVAILABLE.
 */
export type AppTokenFailure =
  | {
      kind: 'credentials-refused';
      status?: number;
      /** The OAuth `error` code, e.g. `invalid_client`. */
      error: string;
      /** Entra's error number, e.g. `AADSTS7000215` (invalid client secret). */
      aadsts?: string;
    }
  | {
      kind: 'authority-unavailable';
      reason: AuthorityTransportReason | 'status' | 'throttled' | 'no-token' | 'unexpected';
      status?: number;
      networkCode?: string;
      /** The OAuth `error` code or msal's error code, when there is one. */
      error?: string;
    };

/** Never carries a token, a secret or the authority's free-text description. */
export class AppTokenError extends Error {
  override readonly name = 'AppTokenError';

  constructor(
    readonly failure: AppTokenFailure,
    options?: { cause?: unknown },
  ) {
    super(describe(failure), options);
  }

  /** Whether asking again later may succeed without a configuration change. */
  get retryable(): boolean {
    return this.failure.kind === 'authority-unavailable';
  }
}

/** Classifies what msal-node (or the network client under it) threw while getting a token. */
export function toAppTokenError(error: unknown): AppTokenError {
  if (error instanceof AppTokenError) {
    return error;
  }
  return new AppTokenError(toFailure(error), { cause: error });
}

function toFailure(error: unknown): AppTokenFailure {
  if (error instanceof AuthorityTransportError) {
    return {
      kind: 'authority-unavailable',
      reason: error.reason,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.networkCode === undefined ? {} : { networkCode: error.networkCode }),
    };
  }
  if (error instanceof ServerError || error instanceof InteractionRequiredAuthError) {
    const status = error instanceof ServerError ? error.status : undefined;
    const code = safeCode(error.errorCode);
    if (status === undefined && error instanceof ServerError) {
      // msal answers from its throttling cache, without a request, for a while after a 429 or 5xx.
      return { kind: 'authority-unavailable', reason: 'throttled', ...withError(code) };
    }
    if (status !== undefined && (status === 429 || status === 408 || status >= 500)) {
      return { kind: 'authority-unavailable', reason: 'status', status, ...withError(code) };
    }
    const aadsts = aadstsOf(error.errorNo, error.errorMessage);
    return {
      kind: 'credentials-refused',
      ...(status === undefined ? {} : { status }),
      error: code ?? 'unknown_error',
      ...(aadsts === undefined ? {} : { aadsts }),
    };
  }
  if (error instanceof AuthError) {
    return {
      kind: 'authority-unavailable',
      reason: 'unexpected',
      ...withError(safeCode(error.errorCode)),
    };
  }
  return { kind: 'authority-unavailable', reason: 'unexpected' };
}

function withError(code: string | undefined): { error?: string } {
  return code === undefined ? {} : { error: code };
}

/** Upstream text goes into messages and logs only when it looks like an OAuth error code. */
function safeCode(code: string | undefined): string | undefined {
  return code !== undefined && /^[a-z0-9_.]{1,64}$/i.test(code) ? code : undefined;
}

function aadstsOf(errorNo: unknown, message: string): string | undefined {
  const number =
    typeof errorNo === 'number' || (typeof errorNo === 'string' && /^\d{1,10}$/.test(errorNo))
      ? String(errorNo)
      : /AADSTS(\d{1,10})/.exec(message)?.[1];
  return number === undefined ? undefined : `AADSTS${number}`;
}

function describe(failure: AppTokenFailure): string {
  if (failure.kind === 'credentials-refused') {
    const detail = [failure.error, failure.aadsts].filter(Boolean).join(', ');
    return `the token authority refused the app credentials (${detail})`;
  }
  switch (failure.reason) {
    case 'timeout':
    case 'network':
    case 'bad-answer':
      return describeTransportFailure(failure.reason, failure.status, failure.networkCode);
    case 'status':
      return `the token authority is unavailable (HTTP ${failure.status}${failure.error ? `, ${failure.error}` : ''})`;
    case 'throttled':
      return 'the token authority failed recently; msal holds requests back until its Retry-After';
    case 'no-token':
      return 'the token authority answered without an access token';
    case 'unexpected':
      return `no app token could be had${failure.error ? ` (${failure.error})` : ''}`;
  }
}
