import {
  AuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { Agent, errors, request, type Dispatcher } from 'undici';

import { BodyTooLargeError, readLimited } from '../util/read-limited';

/** Largest accepted answer body, in bytes: a token answer is a few KiB. */
const MAX_BODY_BYTES = 262_144;

export interface MsalNetworkClientOptions {
  /** The whole request (connection, headers, body), on a precise timer, in milliseconds. */
  timeoutMs: number;
  /**
   * Certificate authorities trusted for the token authority, PEM. Replaces the system store, so only
   * for tests and private authorities. Default: Node's trust store (and NODE_EXTRA_CA_CERTS).
   */
  ca?: string | Buffer;
}

/** Why a request to the authority got no usable answer (a status with an OAuth error body is not one). */
export type AuthorityTransportReason = 'timeout' | 'network' | 'bad-answer';

/**
 * Thrown by the network client. An `AuthError` so that msal-node passes it through unchanged
 * (it replaces any other error by a bare `network_error`); `reason` and `status` say what happened.
 */
export class AuthorityTransportError extends AuthError {
  constructor(
    readonly reason: AuthorityTransportReason,
    readonly status?: number,
    readonly networkCode?: string,
  ) {
    super('network_error', '', describeTransportFailure(reason, status, networkCode));
    // AuthError pins its own prototype (for ES5 targets); put this class's back.
    Object.setPrototypeOf(this, AuthorityTransportError.prototype);
    this.name = 'AuthorityTransportError';
  }
}

export function describeTransportFailure(
  reason: AuthorityTransportReason,
  status?: number,
  networkCode?: string,
): string {
  switch (reason) {
    case 'timeout':
      return 'the token authority did not answer in time';
    case 'network':
      return `the token authority could not be reached${networkCode ? ` (${networkCode})` : ''}`;
    case 'bad-answer':
      return `the token authority's answer${status === undefined ? '' : ` (HTTP ${status})`} is not an OAuth answer`;
  }
}

export interface MsalNetworkClient extends INetworkModule {
  close(): Promise<void>;
}

/**
 * msal-node's network module on undici. msal's default client uses global fetch with no timeout on
 * the token POST and the process-wide trust store; this one has an explicit deadline, its own
 * connection pool (closed with the provider) and, for tests, its own CA. It never retries: msal
 * decides what to do with an answer (and throttles itself after a 429 or 5xx).
 */
export function createMsalNetworkClient(options: MsalNetworkClientOptions): MsalNetworkClient {
  const dispatcher: Dispatcher = new Agent({
    connections: 4,
    connect: { timeout: options.timeoutMs, ...(options.ca ? { ca: options.ca } : {}) },
  });

  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    requestOptions: NetworkRequestOptions | undefined,
  ): Promise<NetworkResponse<T>> {
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      answer = await request(url, {
        method,
        dispatcher,
        headers: requestOptions?.headers ?? {},
        ...(method === 'POST' ? { body: requestOptions?.body ?? '' } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await readLimited(answer, MAX_BODY_BYTES);
    } catch (error) {
      throw toTransportError(error);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) {
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // msal reads every answer as a token response or an OAuth error body; anything else (a proxy's
    // HTML page, an empty 502) is no answer at all.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AuthorityTransportError('bad-answer', answer.statusCode);
    }
    return { status: answer.statusCode, headers, body: body as T };
  }

  return {
    sendGetRequestAsync: (url, requestOptions) => send('GET', url, requestOptions),
    sendPostRequestAsync: (url, requestOptions) => send('POST', url, requestOptions),
    close: () => dispatcher.close(),
  };
}

function toTransportError(error: unknown): AuthorityTransportError {
  if (error instanceof AuthorityTransportError) {
    return error;
  }
  if (error instanceof BodyTooLargeError) {
    return new AuthorityTransportError('bad-answer');
  }
  // Not `instanceof Error`: an aborted signal's DOMException may come from another realm (jest).
  const name = (error as { name?: unknown } | null)?.name;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return new AuthorityTransportError('timeout');
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new AuthorityTransportError(
    'network',
    undefined,
    typeof code === 'string' ? code.slice(0, 40) : undefined,
  );
}
