import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  BEARER_PATTERN,
  ERROR_SOURCE,
  HEADER,
  UPSTREAM_CODE,
  type PartnerCenterErrorBody,
  type ThrottledBody,
} from '../partner-center/partner-center.contract';
import { BodyTooLargeError } from '../util/read-limited';

/** A complete answer, kept so a repeated MS-RequestId can get exactly the same one. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// The emulator refuses a request body over its limit with the same error the gateway uses for answers.
export { BodyTooLargeError };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers, body };
}

export function errorAnswer(
  status: number,
  code: string,
  description: string,
  extra: { data?: PartnerCenterErrorBody['data']; headers?: Record<string, string> } = {},
): Answer {
  const body: PartnerCenterErrorBody = {
    code,
    description: description.slice(0, 1024),
    ...(extra.data ? { data: extra.data } : {}),
    source: ERROR_SOURCE,
  };
  return { status, headers: extra.headers ?? {}, body };
}

/** The documented 429 (api-throttling-guidance): Retry-After, and a body with no error code. */
export function throttledAnswer(retryAfterSeconds: number): Answer {
  const body: ThrottledBody = {
    statusCode: 429,
    message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
  };
  return { status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body };
}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(`request body over ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Writes an answer. `malformed`: a truncated body with a matching Content-Length (unparsable JSON).
 * `broken`: the full Content-Length, half the body, then the connection is cut.
 */
export function send(
  res: ServerResponse,
  answer: Answer,
  common: Record<string, string>,
  damage?: 'malformed' | 'broken',
): void {
  let text = answer.status === 204 ? '' : JSON.stringify(answer.body);
  const length = Buffer.byteLength(text);
  if (damage !== undefined) {
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  }
  res.writeHead(answer.status, {
    ...common,
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(damage === 'broken' ? length : Buffer.byteLength(text)),
  });
  if (damage === 'broken') {
    res.write(text, () => res.destroy());
    return;
  }
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** 406 unless the client accepts JSON (no Accept header accepts anything). */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined) {
    return true;
  }
  return accept.split(',').some((part) => {
    const [type, ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    // q=0 means "not acceptable" (RFC 9110 12.4.2).
    const refused = parameters.some((p) => /^q=0(\.0{0,3})?$/.test(p));
    return !refused && (type === 'application/json' || type === 'application/*' || type === '*/*');
  });
}

/** The documented 401 (error-codes page): code 400, with WWW-Authenticate. */
export function unauthorizedAnswer(): Answer {
  return errorAnswer(
    401,
    UPSTREAM_CODE.accessDenied,
    'Access denied: a valid bearer token is required.',
    {
      headers: { 'www-authenticate': 'Bearer' },
    },
  );
}

/** The partner's bearer token, or the 401 answer. */
export function authenticate(
  req: IncomingMessage,
  tokens: Set<string> | undefined,
): string | Answer {
  const match = BEARER_PATTERN.exec(header(req, HEADER.authorization) ?? '');
  const token = match?.[1];
  if (token === undefined || (tokens && !tokens.has(token))) {
    return unauthorizedAnswer();
  }
  return token;
}
