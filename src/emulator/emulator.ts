import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import {
  BEARER_PATTERN,
  HEADER,
  UPSTREAM_CODE,
  isGuid,
} from '../partner-center/partner-center.contract';
import { listen, urlHost } from '../util/listen';
import { handleAdmin } from './emulator-admin';
import {
  FaultController,
  faultAnswer,
  type EmulatorFaults,
  type FaultMethod,
} from './emulator-faults';
import { Gate } from './emulator-gate';
import {
  BodyTooLargeError,
  acceptsJson,
  authenticate,
  errorAnswer,
  header,
  readBody,
  send,
  throttledAnswer,
  unauthorizedAnswer,
  type Answer,
} from './emulator-http';
import { RememberedAnswers } from './emulator-request-ids';
import { createRoutes, type Call } from './emulator-routes';
import { EmulatorStore } from './emulator-store';
import { Throttle, validRateLimit, type RateLimit } from './emulator-throttle';
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
  /**
   * App mode: only access tokens this authority issued (and has not revoked) are accepted, others get
   * 401, as Partner Center accepts only Entra ID tokens for its resource. Usually an EntraAuthority.
   * Default: user mode (any well-formed token, or `tokens`).
   */
  appAuthority?: AppTokenAuthority;
  /** Mounts the admin API under /__emulator/. Default false. */
  admin?: boolean;
  /** Largest accepted request body, in bytes. Default 65536. */
  maxBodyBytes?: number;
  /**
   * Keeps `requests` (headers, tokens and bodies included) for tests and the admin API. Default true;
   * the gateway's embedded emulator and the CLI without admin turn it off, so a long-running dev
   * server neither grows nor holds callers' tokens. At most MAX_RECORDED_REQUESTS are kept, bodies cut at MAX_RECORDED_BODY_CHARS.
   */
  recordRequests?: boolean;
}

/** What the emulator asks of the token authority in app mode. */
export interface AppTokenAuthority {
  accepts(token: string): Promise<boolean>;
}

export const MAX_RECORDED_REQUESTS = 2_000;
/** Longer recorded bodies are cut, so the log stays small whatever clients send. */
export const MAX_RECORDED_BODY_CHARS = 8_192;

/** What the emulator saw of one request (for tests: headers seen upstream, call counts). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status answered, or 'dropped'; absent while the request is still being handled. */
  status?: number | 'dropped';
}

export interface Emulator {
  url: string;
  store: EmulatorStore;
  faults: FaultController;
  /** Every API request received, oldest first (admin requests are not recorded). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /**
   * Holds matching requests (recorded, not yet answered) until the returned gate is released.
   * One gate at a time; a new one or reset() releases the previous.
   */
  gate(options?: { methods?: FaultMethod[]; tokens?: string[] }): Gate;
  /** Restores seed data and clears faults, throttle windows, remembered request ids and the log. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new EmulatorStore(options.seed ?? SEED_CUSTOMERS);
  const faults = new FaultController(options.faults);
  const throttle = new Throttle(validRateLimit(options.rateLimit));
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const remembered = new RememberedAnswers();
  const route = createRoutes(store, remembered);
  let activeGate: Gate | undefined;
  const requests: RecordedRequest[] = [];
  const tokens = options.tokens ? new Set(options.tokens) : undefined;

  const state = {
    store,
    faults,
    requests,
    reset: (): void => {
      void activeGate?.release();
      activeGate = undefined;
      store.reset();
      faults.clear();
      throttle.reset();
      remembered.clear();
      requests.length = 0;
    },
  };

  function record(request: RecordedRequest): void {
    requests.push(request);
    if (requests.length > MAX_RECORDED_REQUESTS) {
      requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
    }
  }

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
    const entry: RecordedRequest = {
      method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      ),
      ...(body
        ? {
            body:
              body.length > MAX_RECORDED_BODY_CHARS
                ? `${body.slice(0, MAX_RECORDED_BODY_CHARS)}…[truncated]`
                : body,
          }
        : {}),
    };
    if (options.recordRequests !== false) {
      record(entry);
    }
    const respond = async (): Promise<void> => {
      const outcome = await answerApi(req, method, url, body, tooLarge);
      if (outcome === 'drop') {
        entry.status = 'dropped';
        req.socket.destroy();
        return;
      }
      entry.status = outcome.answer.status;
      send(res, outcome.answer, common, outcome.damage);
    };
    const token = BEARER_PATTERN.exec(header(req, HEADER.authorization) ?? '')?.[1];
    const gate = activeGate?.matches(method, token) ? activeGate : undefined;
    await (gate ? gate.hold(respond) : respond());
  }

  /** The API pipeline after the body is read: latency, faults, auth, throttle, headers, routes. */
  async function answerApi(
    req: IncomingMessage,
    method: string,
    url: URL,
    body: string,
    tooLarge: BodyTooLargeError | undefined,
  ): Promise<{ answer: Answer; damage?: 'malformed' | 'broken' } | 'drop'> {
    const latency = faults.latencyMs(method);
    if (latency > 0) {
      await delay(latency);
    }
    const statusFault = faults.takeStatus(method);
    if (statusFault) {
      return { answer: faultAnswer(statusFault) };
    }
    const auth = authenticate(req, tokens);
    if (typeof auth !== 'string') {
      return { answer: auth };
    }
    if (options.appAuthority && !(await options.appAuthority.accepts(auth))) {
      return { answer: unauthorizedAnswer() };
    }
    const retryAfter = throttle.admit(auth);
    if (retryAfter !== undefined) {
      return { answer: throttledAnswer(retryAfter) };
    }
    for (const name of [HEADER.requestId, HEADER.correlationId]) {
      const value = header(req, name);
      if (value !== undefined && !isGuid(value)) {
        return { answer: errorAnswer(400, UPSTREAM_CODE.invalidInput, `${name} must be a GUID.`) };
      }
    }
    if (tooLarge) {
      return { answer: errorAnswer(400, UPSTREAM_CODE.invalidInput, tooLarge.message) };
    }
    if (!acceptsJson(header(req, HEADER.accept))) {
      return {
        answer: errorAnswer(406, UPSTREAM_CODE.invalidInput, 'Only application/json is served.'),
      };
    }

    const call: Call = { req, method, url, partner: auth, body };
    const drop = method === 'GET' || method === 'PUT' ? faults.takeDrop(method) : undefined;
    if (drop?.when === 'before-apply') {
      return 'drop';
    }
    const answer = await route(call);
    if (drop?.when === 'after-apply') {
      return 'drop';
    }
    if (answer.status !== 200) {
      return { answer };
    }
    if (faults.takeMalformed(method) !== undefined) {
      return { answer, damage: 'malformed' };
    }
    return faults.takeBroken(method) !== undefined ? { answer, damage: 'broken' } : { answer };
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

  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const hostPort = `${urlHost(address)}:${address.port}`;

  return {
    url: `http://${hostPort}`,
    store,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    gate: (gateOptions = {}) => {
      void activeGate?.release();
      activeGate = new Gate(gateOptions.methods, gateOptions.tokens);
      return activeGate;
    },
    reset: state.reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
