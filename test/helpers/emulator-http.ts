import { randomUUID } from 'node:crypto';

import { Agent, request } from 'undici';

import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/emulator';
import { SEED_CUSTOMERS, type SeedCustomer } from '../../src/emulator/seed-data';
import {
  ERROR_SOURCE,
  type PartnerCenterErrorBody,
} from '../../src/partner-center/partner-center.contract';
import type { ProfileAnswerDto } from '../../src/emulator/emulator-dto';
import { billingProfilePath } from '../../src/partner-center/partner-center.paths';

/** A billing profile as the emulator answers it, with the modelled fields typed for tests. */
export type ProfileJson = ProfileAnswerDto & {
  firstName?: string;
  lastName?: string;
  email?: string;
  culture?: string;
  language?: string;
  companyName?: string;
  defaultAddress?: Record<string, string | undefined>;
};

/** A PUT body: PascalCase JSON. */
export type RequestJson = Record<string, unknown> & {
  Attributes: Record<string, unknown> & { Etag: string };
};

export const TOKEN = 'emulator-test-token';

/** One answer as the client saw it: header names lower-case, the body both raw and parsed. */
export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: T;
}

export interface SendOptions {
  /** Bearer token; `null` sends no Authorization header. Default TOKEN. */
  token?: string | null;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export interface PutOptions {
  /** Sent as If-Match unless undefined. */
  etag?: string;
  requestId?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface EmulatorHttp {
  send<T = unknown>(method: string, path: string, options?: SendOptions): Promise<HttpAnswer<T>>;
  getProfile(customerId: string): Promise<HttpAnswer<ProfileJson>>;
  putProfile<T = ProfileJson>(
    customerId: string,
    body: unknown,
    options?: PutOptions,
  ): Promise<HttpAnswer<T>>;
  close(): Promise<void>;
}

/** An HTTP client with its own connection pool, so one test file's sockets never leak into another. */
export function createEmulatorHttp(baseUrl: string): EmulatorHttp {
  const agent = new Agent();

  async function send<T>(
    method: string,
    path: string,
    options: SendOptions = {},
  ): Promise<HttpAnswer<T>> {
    const token = options.token === undefined ? TOKEN : options.token;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    const body =
      options.body === undefined || typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
    const response = await request(`${baseUrl}${path}`, {
      method: method as 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      dispatcher: agent,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      ),
      text,
      body: parseOrUndefined(text) as T,
    };
  }

  return {
    send,
    getProfile: (customerId) => send<ProfileJson>('GET', billingProfilePath(customerId)),
    putProfile: <T>(customerId: string, body: unknown, options: PutOptions = {}) =>
      send<T>('PUT', billingProfilePath(customerId), {
        ...(options.token === undefined ? {} : { token: options.token }),
        body,
        headers: {
          'ms-requestid': options.requestId ?? randomUUID(),
          ...(options.etag === undefined ? {} : { 'if-match': options.etag }),
          ...options.headers,
        },
      }),
    close: () => agent.close(),
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface TestEmulator {
  emulator: Emulator;
  http: EmulatorHttp;
  stop(): Promise<void>;
}

/** A real emulator on 127.0.0.1, port 0, plus a client for it; `stop` closes both. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', ...options });
  const http = createEmulatorHttp(emulator.url);
  return {
    emulator,
    http,
    stop: async () => {
      await http.close();
      await emulator.close();
    },
  };
}

export function seedCustomer(country: string): SeedCustomer {
  const customer = SEED_CUSTOMERS.find(
    (c) => (c.profile.defaultAddress as { country?: string } | undefined)?.country === country,
  );
  if (!customer) {
    throw new Error(`no seed customer in ${country}`);
  }
  return customer;
}

/** The US customer carrying the seed document's sample values. */
export const US_CUSTOMER = seedCustomer('US');

const upper = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function pascalNames(
  value: unknown,
  inner: (name: string, item: unknown) => unknown = (_n, v) => v,
) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [upper(k), inner(upper(k), v)]));
}

/**
 * The full resource as the seed document's request sends it: the names of the documented objects
 * (profile, address, links, attributes) in PascalCase; the value of any other property as read.
 */
export function toRequestBody(profile: ProfileJson): RequestJson {
  return pascalNames(profile, (name, value) => {
    if (name === 'DefaultAddress' || name === 'Attributes') {
      return pascalNames(value);
    }
    if (name === 'Links') {
      return pascalNames(value, (_n, link) =>
        pascalNames(link, (n, v) =>
          n === 'Headers' && Array.isArray(v) ? v.map((h) => pascalNames(h)) : v,
        ),
      );
    }
    return value;
  }) as RequestJson;
}

/** The DefaultAddress of a request body, for tests that edit it in place. */
export function requestAddress(request: RequestJson): Record<string, unknown> {
  const address = request.DefaultAddress;
  if (typeof address !== 'object' || address === null || Array.isArray(address)) {
    throw new Error('the request has no DefaultAddress object');
  }
  return address as Record<string, unknown>;
}

/** GETs the profile (expecting 200) and returns it with its PascalCase request body. */
export async function fetchProfile(
  http: EmulatorHttp,
  customerId: string,
): Promise<{ profile: ProfileJson; request: RequestJson }> {
  const answer = await http.getProfile(customerId);
  expect(answer.status).toBe(200);
  return { profile: answer.body, request: toRequestBody(answer.body) };
}

/** The documented error body: code (string), description (at most 1024 characters), source. */
export function expectErrorBody(
  answer: HttpAnswer<unknown>,
  status: number,
  code: string,
): PartnerCenterErrorBody {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = answer.body as PartnerCenterErrorBody;
  expect(body).toEqual(
    expect.objectContaining({
      code,
      description: expect.any(String) as unknown,
      source: ERROR_SOURCE,
    }),
  );
  expect(typeof body.code).toBe('string');
  expect(['code', 'data', 'description', 'source']).toEqual(
    expect.arrayContaining(Object.keys(body)),
  );
  expect(body.description.length).toBeGreaterThan(0);
  expect(body.description.length).toBeLessThanOrEqual(1024);
  return body;
}
