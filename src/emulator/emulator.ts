import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { validateBillingProfile } from '../partner-center/billing-profile.rules';
import {
  BEARER_PATTERN,
  HEADER,
  UPSTREAM_CODE,
  isGuid,
} from '../partner-center/partner-center.contract';
import type { CollectionDto, CustomerDto } from '../partner-center/partner-center.dto';
import { handleAdmin } from './emulator-admin';
import { toPascalPath, toProfileCandidate, toStoredFields } from './emulator-body';
import { FaultController, type EmulatorFaults, type StatusFault } from './emulator-faults';
import { BodyTooLargeError, errorAnswer, json, readBody, send, type Answer } from './emulator-http';
import { EmulatorStore } from './emulator-store';
import { Throttle, type RateLimit } from './emulator-throttle';
import { SEED_CUSTOMERS, type SeedCustomer } from './seed-data';

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Customers to serve. Default SEED_CUSTOMERS. */
  seed?: readonly SeedCustomer[];
  /** Faults active from the start. Default none. */
  faults?: EmulatorFaults;
  /** Per-partner rate limit answering 429 with Retry-After. Default off. */
  rateLimit?: RateLimit;
  /** When set, only these bearer tokens are accepted (others get 401). Default: any well-formed token. */
  tokens?: readonly string[];
  /** Mounts the admin API under /__emulator/. Default false. */
  admin?: boolean;
  /** Largest accepted request body, in bytes. Default 65536. */
  maxBodyBytes?: number;
}

/** What the emulator saw of one request (for tests: headers seen upstream, call counts). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Emulator {
  url: string;
  store: EmulatorStore;
  faults: FaultController;
  /** Every API request received, oldest first (admin requests are not recorded). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Restores seed data and clears faults, throttle windows, remembered request ids and the log. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_REMEMBERED_REQUEST_IDS = 10_000;
const CUSTOMERS_PATH = /^\/v1\/customers\/?$/i;
const CUSTOMER_PATH = /^\/v1\/customers\/([^/]+)\/?$/i;
const BILLING_PATH = /^\/v1\/customers\/([^/]+)\/profiles\/billing\/?$/i;
const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 500;

interface Call {
  req: IncomingMessage;
  method: string;
  url: URL;
  partner: string;
  body: string;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new EmulatorStore(options.seed ?? SEED_CUSTOMERS);
  const faults = new FaultController(options.faults);
  const throttle = new Throttle(validRateLimit(options.rateLimit));
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const remembered = new Map<string, Promise<Answer>>();
  const requests: RecordedRequest[] = [];
  const tokens = options.tokens ? new Set(options.tokens) : undefined;

  const state = {
    store,
    faults,
    requests,
    reset: (): void => {
      store.reset();
      faults.clear();
      throttle.reset();
      remembered.clear();
      requests.length = 0;
    },
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    common: Record<string, string>,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = req.method ?? 'GET';

    let body = '';
    let tooLarge: BodyTooLargeError | undefined;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) {
        throw error;
      }
      tooLarge = error;
      res.setHeader('connection', 'close');
    }

    if (options.admin && url.pathname.startsWith('/__emulator/')) {
      send(
        res,
        tooLarge
          ? errorAnswer(400, 'ADMIN', tooLarge.message)
          : handleAdmin(method, url.pathname, body, state),
        common,
      );
      return;
    }
    requests.push({
      method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      ),
      ...(body ? { body } : {}),
    });

    const latency = faults.latencyMs(method);
    if (latency > 0) {
      await delay(latency);
    }

    const statusFault = faults.takeStatus(method);
    if (statusFault) {
      send(res, faultAnswer(statusFault), common);
      return;
    }

    const auth = authenticate(req, tokens);
    if (typeof auth !== 'string') {
      send(res, auth, common);
      return;
    }
    const retryAfter = throttle.admit(auth);
    if (retryAfter !== undefined) {
      send(
        res,
        errorAnswer(
          429,
          UPSTREAM_CODE.throttled,
          'Too many requests. Retry after the given delay.',
          {
            headers: { 'retry-after': String(retryAfter) },
          },
        ),
        common,
      );
      return;
    }
    if (tooLarge) {
      send(res, errorAnswer(400, UPSTREAM_CODE.invalidInput, tooLarge.message), common);
      return;
    }
    if (!acceptsJson(header(req, HEADER.accept))) {
      send(
        res,
        errorAnswer(406, UPSTREAM_CODE.invalidInput, 'Only application/json is served.'),
        common,
      );
      return;
    }

    const call: Call = { req, method, url, partner: auth, body };
    const drop = method === 'GET' || method === 'PUT' ? faults.takeDrop(method) : undefined;
    if (drop?.when === 'before-apply') {
      req.socket.destroy();
      return;
    }
    const answer = await route(call);
    if (drop?.when === 'after-apply') {
      req.socket.destroy();
      return;
    }
    const malformed = answer.status === 200 && faults.takeMalformed(method) !== undefined;
    send(res, answer, common, malformed);
  }

  async function route(call: Call): Promise<Answer> {
    const { pathname } = call.url;
    let match: RegExpExecArray | null;
    if (CUSTOMERS_PATH.test(pathname)) {
      return call.method === 'GET' ? listCustomers(call) : notAllowed('GET');
    }
    if ((match = BILLING_PATH.exec(pathname))) {
      const id = decodeSegment(match[1] ?? '');
      if (call.method === 'GET') {
        return withCustomer(id, () => json(200, store.getProfile(id)));
      }
      if (call.method === 'PUT') {
        return withCustomer(id, () => idempotent(call, id, () => putProfile(call, id)));
      }
      return notAllowed('GET, PUT');
    }
    if ((match = CUSTOMER_PATH.exec(pathname))) {
      const id = decodeSegment(match[1] ?? '');
      return call.method === 'GET'
        ? withCustomer(id, () => json(200, store.getCustomer(id)))
        : notAllowed('GET');
    }
    return errorAnswer(404, UPSTREAM_CODE.notFound, 'The requested resource was not found.');
  }

  function withCustomer(
    id: string,
    then: () => Answer | Promise<Answer>,
  ): Answer | Promise<Answer> {
    if (!isGuid(id)) {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The customer tenant id must be a GUID.');
    }
    if (!store.has(id)) {
      return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    }
    return then();
  }

  function idempotent(call: Call, customerId: string, run: () => Answer): Promise<Answer> {
    const requestId = header(call.req, HEADER.requestId);
    if (!requestId) {
      return Promise.resolve(run());
    }
    // Scoped to the customer too: a reused MS-RequestId must never replay another customer's answer.
    const key = `${call.partner}\n${customerId.toLowerCase()}\n${requestId.toLowerCase()}`;
    const known = remembered.get(key);
    if (known) {
      return known;
    }
    const answer = Promise.resolve(run());
    remembered.set(key, answer);
    if (remembered.size > MAX_REMEMBERED_REQUEST_IDS) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) {
        remembered.delete(oldest);
      }
    }
    return answer;
  }

  function putProfile(call: Call, id: string): Answer {
    const ifMatch = header(call.req, HEADER.ifMatch);
    if (!ifMatch) {
      return errorAnswer(412, UPSTREAM_CODE.etagInvalid, 'The If-Match header is required.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.body);
    } catch {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidInput,
        'The request body must be a JSON object.',
      );
    }
    const candidate = toProfileCandidate(parsed as Record<string, unknown>);
    const current = store.getProfile(id);
    const problems = validateBillingProfile(candidate).map((p) => ({
      field: toPascalPath(p.path),
      message: `${toPascalPath(p.path)} ${p.message}.`,
    }));
    if (
      typeof candidate.id !== 'string' ||
      candidate.id.toLowerCase() !== current?.id.toLowerCase()
    ) {
      problems.unshift({
        field: 'Id',
        message: 'Id must be the id of the current billing profile.',
      });
    }
    if (problems.length > 0) {
      return errorAnswer(400, UPSTREAM_CODE.invalidProperty, 'The billing profile is invalid.', {
        data: problems,
      });
    }
    const outcome = store.replaceProfile(
      id,
      unquote(ifMatch),
      toStoredFields(candidate, current?.id ?? ''),
    );
    switch (outcome.kind) {
      case 'updated':
        return json(200, outcome.profile);
      case 'etag-mismatch':
        return errorAnswer(412, UPSTREAM_CODE.etagInvalid, 'The etag is no longer valid.');
      case 'not-found':
        return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    }
  }

  function listCustomers(call: Call): Answer {
    const sizeParam = call.url.searchParams.get('size');
    const size = sizeParam === null ? DEFAULT_PAGE_SIZE : Number(sizeParam);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidInput,
        `size must be an integer from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    const token = header(call.req, HEADER.continuationToken);
    const decoded =
      token === undefined
        ? '0'
        : /^[A-Za-z0-9_-]+$/.test(token)
          ? Buffer.from(token, 'base64url').toString()
          : '';
    const offset = /^\d+$/.test(decoded) ? Number(decoded) : -1;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The continuation token is not valid.');
    }
    const all = store.listCustomers();
    const items = all.slice(offset, offset + size);
    const next = offset + size < all.length;
    const body: CollectionDto<CustomerDto> = {
      totalCount: items.length,
      items,
      links: {
        self: { uri: `/v1/customers?size=${size}`, method: 'GET', headers: [] },
        ...(next
          ? {
              next: {
                uri: `/v1/customers?size=${size}&seekOperation=next`,
                method: 'GET',
                headers: [
                  {
                    key: 'MS-ContinuationToken',
                    value: Buffer.from(String(offset + size)).toString('base64url'),
                  },
                ],
              },
            }
          : {}),
      },
      attributes: { objectType: 'Collection' },
    };
    return json(200, body);
  }

  const server = createServer((req, res) => {
    const common: Record<string, string> = {
      'ms-correlationid': header(req, HEADER.correlationId) ?? randomUUID(),
      'ms-requestid': header(req, HEADER.requestId) ?? randomUUID(),
    };
    handle(req, res, common).catch(() => {
      if (!res.headersSent) {
        send(res, errorAnswer(500, UPSTREAM_CODE.unexpected, 'Unexpected service error.'), common);
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    store,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    reset: state.reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function decodeSegment(segment: string): string {
  // Malformed percent-encoding is just an id that is not a GUID (400), not a server error.
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function unquote(etag: string): string {
  // If-Match may carry the etag quoted (RFC 9110 entity-tag) or bare, as the seed shows.
  const trimmed = etag.trim().replace(/^W\//, '');
  return trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2
    ? trimmed.slice(1, -1)
    : trimmed;
}

function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined) {
    return true;
  }
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

function authenticate(req: IncomingMessage, tokens: Set<string> | undefined): string | Answer {
  const match = BEARER_PATTERN.exec(header(req, HEADER.authorization) ?? '');
  const token = match?.[1];
  if (token === undefined || (tokens && !tokens.has(token))) {
    return errorAnswer(
      401,
      UPSTREAM_CODE.accessDenied,
      'Access denied: a valid bearer token is required.',
      {
        headers: { 'www-authenticate': 'Bearer' },
      },
    );
  }
  return token;
}

function faultAnswer(fault: StatusFault): Answer {
  const { status } = fault;
  const retry = { 'retry-after': String(fault.retryAfterSeconds ?? 1) };
  if (fault.code !== undefined) {
    return errorAnswer(status, fault.code, 'Injected fault.', {
      ...(fault.data ? { data: fault.data } : {}),
      ...(status === 429 || status === 503 ? { headers: retry } : {}),
    });
  }
  switch (status) {
    case 401:
      return errorAnswer(401, UPSTREAM_CODE.accessDenied, 'Access denied.', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    case 403:
      return errorAnswer(403, UPSTREAM_CODE.accessDenied, 'Forbidden.');
    case 404:
      return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    case 429:
      return errorAnswer(429, UPSTREAM_CODE.throttled, 'Too many requests.', { headers: retry });
    case 503:
      return errorAnswer(503, UPSTREAM_CODE.unexpected, 'Service unavailable.', { headers: retry });
    default:
      return errorAnswer(
        status,
        status >= 500 ? UPSTREAM_CODE.unexpected : UPSTREAM_CODE.invalidInput,
        'Injected fault.',
      );
  }
}

function validRateLimit(limit: RateLimit | undefined): RateLimit | undefined {
  if (
    limit !== undefined &&
    !(
      Number.isInteger(limit.requests) &&
      limit.requests >= 1 &&
      Number.isInteger(limit.windowMs) &&
      limit.windowMs >= 1
    )
  ) {
    throw new TypeError('rateLimit needs integer requests >= 1 and windowMs >= 1');
  }
  return limit;
}

function notAllowed(allow: string): Answer {
  return errorAnswer(405, UPSTREAM_CODE.invalidInput, 'Method not allowed.', {
    headers: { allow },
  });
}
