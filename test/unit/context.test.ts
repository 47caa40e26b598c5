import { Writable } from 'node:stream';

import { correlationIdFrom, createContext, requireCaller } from '../../src/context';
import { UnauthenticatedError } from '../../src/errors/gateway-errors';
import { createLogger } from '../../src/logger';
import { createCountryRulesCache } from '../../src/partner-center/country-validation-rules.cache';
import { createPartnerCenterClient } from '../../src/partner-center/partner-center.client';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFrom', () => {
  const A = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  const B = '0a1b2c3d-0000-4000-8000-00000000000b';

  it.each<[string, Record<string, string | string[]>, string]>([
    ['ms-correlationid', { 'ms-correlationid': A }, A],
    ['x-correlation-id', { 'x-correlation-id': B }, B],
    ['ms-correlationid over x-correlation-id', { 'x-correlation-id': B, 'ms-correlationid': A }, A],
    ['an upper-case GUID, in lower case', { 'ms-correlationid': A.toUpperCase() }, A],
    ['a trimmed value', { 'ms-correlationid': `  ${A}  ` }, A],
    ['the first of repeated headers', { 'ms-correlationid': [A, B] }, A],
    [
      'x-correlation-id when ms-correlationid is not a GUID',
      { 'ms-correlationid': 'abc-123', 'x-correlation-id': B },
      B,
    ],
  ])('takes %s', (_name, headers, expected) => {
    expect(correlationIdFrom(headers)).toBe(expected);
  });

  it.each<[string, string]>([
    ['an empty value', ''],
    ['only spaces', '   '],
    ['a non-GUID id', 'caller-correlation-0001'],
    ['a GUID without dashes', A.replace(/-/g, '')],
    ['a header injection', `${A}\r\nX-Injected: 1`],
    ['markup', '<script>alert(1)</script>'],
    ['a path', '../../etc/passwd'],
    ['non-ASCII letters', 'corrélation'],
  ])('refuses %s and generates a GUID instead', (_name, value) => {
    const id = correlationIdFrom({ 'ms-correlationid': value, 'x-correlation-id': value });

    expect(id).toMatch(GUID);
    expect(id).not.toBe(value);
  });

  it('generates a different GUID for every request without one', () => {
    const ids = new Set(Array.from({ length: 20 }, () => correlationIdFrom({})));

    expect(ids.size).toBe(20);
    for (const id of ids) {
      expect(id).toMatch(GUID);
    }
  });
});

describe('createContext', () => {
  // A real client and cache: building them does no I/O, and these tests never call them.
  const client = createPartnerCenterClient({
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 1000,
    retries: 0,
    application: 'partner-center-bff/test',
  });
  const deps = {
    client,
    countryRules: createCountryRulesCache({ client, ttlMs: 60_000 }),
    logger: createLogger(
      { level: 'silent' },
      new Writable({
        write(_chunk, _encoding, callback) {
          callback();
        },
      }),
    ),
  };

  afterAll(async () => {
    await deps.client.close();
  });

  it('takes the bearer token and correlation id for upstream calls', async () => {
    const context = await createContext(deps, { authorization: 'Bearer abc.def-123' }, 'corr-1');

    expect(context.correlationId).toBe('corr-1');
    expect(context.call).toEqual({
      caller: 'abc.def-123',
      credentials: 'abc.def-123',
      correlationId: 'corr-1',
    });
    expect(requireCaller(context).call).toBe(context.call);
  });

  it('shares the client and the country rules cache across requests', async () => {
    const first = await createContext(deps, { authorization: 'Bearer t' }, 'a');
    const second = await createContext(deps, {}, 'b');

    expect(first.client).toBe(deps.client);
    expect(first.countryRules).toBe(deps.countryRules);
    expect(second.countryRules).toBe(deps.countryRules);
  });

  it('gives every request its own loader', async () => {
    const first = await createContext(deps, { authorization: 'Bearer t' }, 'a');
    const second = await createContext(deps, { authorization: 'Bearer t' }, 'b');

    expect(first.loaders.billingProfile).toBeDefined();
    expect(first.loaders.billingProfile).not.toBe(second.loaders.billingProfile);
  });

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bare token', { authorization: 'abc.def' }],
    ['Bearer without a token', { authorization: 'Bearer ' }],
    ['a token with spaces', { authorization: 'Bearer two words' }],
  ])('refuses upstream calls with UNAUTHENTICATED for %s', async (_name, headers) => {
    const context = await createContext(deps, headers, 'corr-2');

    expect(context.call).toBeUndefined();
    expect(context.loaders.billingProfile).toBeUndefined();
    let thrown: unknown;
    try {
      requireCaller(context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnauthenticatedError);
    expect((thrown as UnauthenticatedError).extensions.code).toBe('UNAUTHENTICATED');
  });
});
