/**
 * A small, independent double of Partner Center, written from docs/partner-center-contract.md and the
 * update page's example (not from src/emulator, which shares the gateway's assumptions). It is strict
 * where the documents are explicit (If-Match present and in double quotes, test-and-debug page; a
 * stale etag is 400 code 2055, error-codes page) and judges nothing else: a PUT is stored as sent, in
 * camelCase, with a new etag. Tests script any other answer, or a dropped connection.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received ('' for none). */
  rawBody: string;
  /** rawBody parsed; undefined when empty or not JSON. */
  body: unknown;
  /** The status answered; undefined when the connection was dropped. */
  status?: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** An answer in place of the double's own: a reply, or the socket destroyed (no hang). */
export type ScriptedAnswer =
  | Reply
  /** `before`: nothing is applied; `after`: a PUT is handled as usual (maybe stored), then dropped. */
  | { drop: 'before' | 'after' };

export interface Script {
  method: 'GET' | 'PUT';
  /** Only requests whose path starts with this (any case). Default: every path. */
  pathPrefix?: string;
  /** How many matching requests it serves. Default 1. */
  times?: number;
  /** Only once this many PUTs have arrived (e.g. to fail the re-read after a PUT). Default 0. */
  afterPuts?: number;
  /** Runs when the script serves a request, before any answer (e.g. another writer's change). */
  run?: () => void;
  /** Without one the double answers as usual, after `run`. */
  answer?: ScriptedAnswer;
}

export interface PartnerCenterDouble {
  url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  puts(): RecordedRequest[];
  /** Drops all state, then holds these profiles (by customer id) and country rules (by ISO2 code). */
  reset(state?: { profiles?: Record<string, Json>; countryRules?: Record<string, Json> }): void;
  /** The stored profile (camelCase), as the next GET would answer it. */
  profile(customerId: string): Json | undefined;
  /** Another writer's change: stores `profile` with a new etag, and returns that etag. */
  write(customerId: string, profile: Json): string;
  script(...scripts: Script[]): void;
  close(): Promise<void>;
}

const PROFILE_PATH = /^\/v1\/customers\/([^/]+)\/profiles\/billing$/i;
const RULES_PATH = /^\/v1\/countryvalidationrules\/([^/]+)$/i;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toCamelCase(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(toCamelCase);
  }
  if (!isObject(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      toCamelCase(item),
    ]),
  );
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

const refusal = (status: number, code: string, description: string): Reply => ({
  status,
  body: { code, description, source: 'PartnerFD' },
});

export async function startPartnerCenterDouble(): Promise<PartnerCenterDouble> {
  const profiles = new Map<string, Json>();
  const countryRules = new Map<string, Json>();
  const requests: RecordedRequest[] = [];
  let scripts: (Script & { times: number })[] = [];
  let version = 0;
  const puts = (): RecordedRequest[] => requests.filter((r) => r.method === 'PUT');

  function store(customerId: string, profile: Json): string {
    const etag = Buffer.from(`${randomUUID()}:${++version}`).toString('base64');
    const attributes = isObject(profile.attributes) ? profile.attributes : {};
    profiles.set(customerId.toLowerCase(), { ...profile, attributes: { ...attributes, etag } });
    return etag;
  }

  function take({ method, path }: RecordedRequest): Script | undefined {
    const script = scripts.find(
      (s) =>
        s.method === method &&
        s.times > 0 &&
        path.toLowerCase().startsWith((s.pathPrefix ?? '').toLowerCase()) &&
        puts().length >= (s.afterPuts ?? 0),
    );
    if (script) {
      script.times -= 1;
    }
    return script;
  }

  /** What the documents say Partner Center answers. */
  function route({ method, path, headers, body: sent }: RecordedRequest): Reply {
    if (!/^Bearer \S+$/i.test(headers.authorization ?? '')) {
      return refusal(401, '400', 'Access denied.');
    }
    const rules = RULES_PATH.exec(path);
    if (rules && method === 'GET') {
      const found = countryRules.get(rules[1]!.toUpperCase());
      return found ? { status: 200, body: found } : refusal(404, '1000', 'Country not found.');
    }
    const match = PROFILE_PATH.exec(path);
    if (!match || (method !== 'GET' && method !== 'PUT')) {
      return refusal(404, '1000', 'Not found.');
    }
    const customerId = match[1]!.toLowerCase();
    const current = profiles.get(customerId);
    if (!current) {
      return refusal(404, '60003', 'Tenant not found.');
    }
    if (method === 'GET') {
      return { status: 200, body: current };
    }
    const ifMatch = headers['if-match'];
    if (typeof ifMatch !== 'string' || !/^"[^"]*"$/.test(ifMatch)) {
      return refusal(400, '800002', 'If-Match must be present and be the etag in double quotes.');
    }
    const body = toCamelCase(sent);
    if (!isObject(body)) {
      return refusal(400, '800002', 'The request body is not a billing profile.');
    }
    const etag = (current.attributes as Json).etag;
    const bodyEtag = isObject(body.attributes) ? body.attributes.etag : undefined;
    if (ifMatch.slice(1, -1) !== etag || (bodyEtag !== undefined && bodyEtag !== etag)) {
      return refusal(400, '2055', 'Etag is no longer valid');
    }
    store(customerId, body);
    return { status: 200, body: profiles.get(customerId) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      headers: req.headers,
      rawBody,
      body: parse(rawBody),
    };
    requests.push(recorded);
    const script = take(recorded);
    script?.run?.();
    const answer = script?.answer;
    if (answer && 'drop' in answer) {
      if (answer.drop === 'after') {
        route(recorded);
      }
      req.socket.destroy();
      return;
    }
    const reply = answer ?? route(recorded);
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    recorded.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'ms-requestid': String(req.headers['ms-requestid'] ?? ''),
      'ms-correlationid': String(req.headers['ms-correlationid'] ?? ''),
      ...reply.headers,
    });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    puts,
    reset(state = {}) {
      profiles.clear();
      countryRules.clear();
      requests.length = 0;
      scripts = [];
      for (const [id, profile] of Object.entries(state.profiles ?? {})) {
        profiles.set(id.toLowerCase(), structuredClone(profile));
      }
      for (const [code, rules] of Object.entries(state.countryRules ?? {})) {
        countryRules.set(code.toUpperCase(), structuredClone(rules));
      }
    },
    profile: (customerId) => profiles.get(customerId.toLowerCase()),
    write: (customerId, profile) => store(customerId, structuredClone(profile)),
    script(...added) {
      scripts.push(...added.map((s) => ({ ...s, times: s.times ?? 1 })));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
