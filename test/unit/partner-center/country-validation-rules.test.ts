import { COUNTRY_RULES } from '../../../src/emulator/country-rules-data';
import { startEmulator, type Emulator } from '../../../src/emulator/emulator';
import { createCountryRulesCache } from '../../../src/partner-center/country-validation-rules.cache';
import {
  parseCountryValidationRules,
  type CountryValidationRulesDto,
} from '../../../src/partner-center/country-validation-rules.client';
import {
  createPartnerCenterClient,
  type PartnerCenterClient,
} from '../../../src/partner-center/partner-center.client';
import { PartnerCenterError } from '../../../src/partner-center/partner-center-error';

describe('parseCountryValidationRules', () => {
  /** The documentation page's US example, in the current shape. */
  const current = {
    iso2Code: 'US',
    defaultCulture: 'en-US',
    isStateRequired: true,
    supportedStatesList: ['WA', 'NY'],
    supportedLanguagesList: ['en', 'es'],
    supportedCulturesList: ['en-US', 'es-US'],
    isPostalCodeRequired: true,
    postalCodeRegex: '^\\d{5}(-\\d{4})?$',
    isCityRequired: true,
    isVatIdSupported: false,
    taxIdFormat: 'US######',
    taxIdSample: 'US999965',
    vatIdRegex: '^US\\d{6}$',
    phoneNumberRegex: '^\\d{10}$',
    isRegistrationNumberSupported: false,
    isTaxIdSupported: true,
    isTaxIdOptional: true,
    countryCallingCodesList: ['1'],
    attributes: { objectType: 'CountryValidationRules' },
  };

  it('reads every documented property of the current shape, and nothing else', () => {
    const { attributes: _attributes, ...expected } = current;

    expect(parseCountryValidationRules(current, 'US')).toEqual(expected);
  });

  it('reads the older documented shape, whose lists are { value: [...] }', () => {
    const older = {
      iso2Code: 'US',
      isStateRequired: true,
      states: { value: ['WA', 'NY'] },
      supportedLanguages: { value: ['en'] },
      supportedCultures: { value: ['en-US'] },
      countryCallingCodes: { value: ['1'] },
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}$',
    };

    expect(parseCountryValidationRules(older, 'US')).toEqual({
      iso2Code: 'US',
      isStateRequired: true,
      supportedStatesList: ['WA', 'NY'],
      supportedLanguagesList: ['en'],
      supportedCulturesList: ['en-US'],
      countryCallingCodesList: ['1'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}$',
    });
  });

  it.each<[string, Record<string, unknown>, Partial<CountryValidationRulesDto>]>([
    [
      'the current list over the older one',
      { supportedStatesList: ['WA'], states: { value: ['NY'] } },
      { supportedStatesList: ['WA'] },
    ],
    [
      'the older list when the current one is null',
      { supportedStatesList: null, states: { value: ['NY'] } },
      { supportedStatesList: ['NY'] },
    ],
    [
      'a current list wrapped as { value: [...] }',
      { supportedStatesList: { value: ['WA'] } },
      { supportedStatesList: ['WA'] },
    ],
    ['an empty list', { supportedStatesList: [] }, { supportedStatesList: [] }],
    [
      'only the strings of a list with other items',
      { supportedStatesList: ['WA', 7, null, { code: 'NY' }, 'OR'] },
      { supportedStatesList: ['WA', 'OR'] },
    ],
  ])('reads %s', (_name, body, expected) => {
    expect(parseCountryValidationRules({ iso2Code: 'US', ...body }, 'US')).toEqual({
      iso2Code: 'US',
      ...expected,
    });
  });

  it('leaves out properties of an unexpected type instead of failing the whole answer', () => {
    expect(
      parseCountryValidationRules(
        {
          iso2Code: 'US',
          defaultCulture: 7,
          isStateRequired: 'true',
          isPostalCodeRequired: 1,
          isCityRequired: null,
          postalCodeRegex: ['^\\d{5}$'],
          phoneNumberRegex: { pattern: '^\\d+$' },
          supportedStatesList: 'WA,NY',
          states: 'WA',
          countryCallingCodesList: { value: '1' },
          isVatIdSupported: true,
        },
        'US',
      ),
    ).toEqual({ iso2Code: 'US', isVatIdSupported: true });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['from the answer when it has one', { iso2Code: 'GB' }, 'uk', 'GB'],
    ['from the requested code, in upper case, when the answer has none', {}, 'us', 'US'],
    ['from the requested code when the answer has a number', { iso2Code: 840 }, 'us', 'US'],
    ['from the requested code when the answer has null', { iso2Code: null }, 'Gb', 'GB'],
  ])('takes iso2Code %s', (_name, body, requested, expected) => {
    expect(parseCountryValidationRules(body, requested)?.iso2Code).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"iso2Code":"US"}'],
    ['a number', 42],
    ['an array', [{ iso2Code: 'US' }]],
  ])('answers undefined for a body that is %s', (_name, body) => {
    expect(parseCountryValidationRules(body, 'US')).toBeUndefined();
  });
});

// The cache against a real emulator over a loopback socket, through the real client.
describe('createCountryRulesCache', () => {
  const call = {
    caller: 'country-rules-test-token',
    credentials: 'country-rules-test-token',
    correlationId: '0c0c0c0c-0000-4000-8000-0000000000c1',
  };
  let emulator: Emulator;
  let client: PartnerCenterClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
    client = createPartnerCenterClient({
      baseUrl: emulator.url,
      timeoutMs: 5000,
      retries: 0,
      application: 'partner-center-bff/test',
    });
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  /** The GETs of country rules the emulator received, by path. */
  function ruleRequests(): string[] {
    return emulator.requests
      .filter((r) => r.method === 'GET' && r.path.startsWith('/v1/countryvalidationrules/'))
      .map((r) => r.path);
  }

  /** A clock the test moves by hand. */
  function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
    let time = start;
    return {
      now: () => time,
      advance: (ms) => {
        time += ms;
      },
    };
  }

  it("answers the country's published rules, as Partner Center sends them", async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });

    const rules = await cache.get('US', call);

    expect(rules).toEqual(COUNTRY_RULES.get('US'));
    expect(ruleRequests()).toEqual(['/v1/countryvalidationrules/US']);
    expect(emulator.requests[0]?.headers.authorization).toBe(`Bearer ${call.caller}`);
  });

  it('makes one request for many concurrent askers of the same country', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });

    const answers = await Promise.all(Array.from({ length: 25 }, () => cache.get('GB', call)));

    expect(ruleRequests()).toEqual(['/v1/countryvalidationrules/GB']);
    expect(answers[0]?.iso2Code).toBe('GB');
    for (const answer of answers) {
      expect(answer).toBe(answers[0]);
    }
  });

  it('keys countries case-insensitively', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });

    const answers = await Promise.all([
      cache.get('de', call),
      cache.get('De', call),
      cache.get('DE', call),
    ]);
    const later = await cache.get('dE', call);

    expect(ruleRequests()).toEqual(['/v1/countryvalidationrules/DE']);
    expect(answers.every((a) => a === later)).toBe(true);
    expect(later?.iso2Code).toBe('DE');
  });

  it('keeps each country apart', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });

    const [us, jp] = await Promise.all([cache.get('US', call), cache.get('JP', call)]);
    await Promise.all([cache.get('US', call), cache.get('JP', call)]);

    expect(us?.iso2Code).toBe('US');
    expect(jp?.iso2Code).toBe('JP');
    expect(ruleRequests().sort()).toEqual([
      '/v1/countryvalidationrules/JP',
      '/v1/countryvalidationrules/US',
    ]);
  });

  it('reuses the rules until the TTL has passed since they arrived, then fetches again', async () => {
    const time = clock();
    const cache = createCountryRulesCache({ client, ttlMs: 60_000, now: time.now });

    const first = await cache.get('BR', call);
    time.advance(59_999);
    const reused = await cache.get('BR', call);

    expect(reused).toBe(first);
    expect(ruleRequests()).toHaveLength(1);

    time.advance(1);
    const refetched = await cache.get('BR', call);

    expect(ruleRequests()).toHaveLength(2);
    expect(refetched).not.toBe(first);
    expect(refetched).toEqual(first);

    time.advance(59_999);
    await cache.get('BR', call);

    expect(ruleRequests()).toHaveLength(2);
  });

  it('fetches every time with a TTL of 0', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 0 });

    await cache.get('IN', call);
    await cache.get('IN', call);
    await cache.get('IN', call);

    expect(ruleRequests()).toHaveLength(3);
  });

  it('answers null for a country Partner Center has no rules for (404), and keeps that answer', async () => {
    const time = clock();
    const cache = createCountryRulesCache({ client, ttlMs: 60_000, now: time.now });

    expect(await cache.get('ZZ', call)).toBeNull();
    expect(await cache.get('zz', call)).toBeNull();
    expect(emulator.requests.map((r) => r.status)).toEqual([404]);

    time.advance(60_000);

    expect(await cache.get('ZZ', call)).toBeNull();
    expect(ruleRequests()).toHaveLength(2);
  });

  it('does not keep a failure: the next asker gets a fresh try', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });
    emulator.faults.set({ failNext: { status: 500, count: 10, methods: ['GET'] } });

    const first = await cache.get('FR', call).catch((error: unknown) => error);
    const second = await cache.get('FR', call).catch((error: unknown) => error);
    emulator.faults.clear();
    const rules = await cache.get('FR', call);
    await cache.get('FR', call);

    for (const failure of [first, second]) {
      expect(failure).toBeInstanceOf(PartnerCenterError);
      expect((failure as PartnerCenterError).status).toBe(500);
    }
    expect(rules?.iso2Code).toBe('FR');
    expect(emulator.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives concurrent askers with the same token the one failure, and the next asker a fresh try', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });
    emulator.faults.set({ failNext: { status: 503, count: 1, methods: ['GET'] } });

    const settled = await Promise.allSettled([cache.get('CA', call), cache.get('ca', call)]);
    const rules = await cache.get('CA', call);

    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(rules?.iso2Code).toBe('CA');
    expect(emulator.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('shares a fetch in flight only between callers with the same token', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });
    const other = {
      ...call,
      caller: 'another-partner-token',
      credentials: 'another-partner-token',
    };

    await Promise.all([cache.get('AU', call), cache.get('AU', other), cache.get('AU', call)]);

    expect(ruleRequests()).toEqual([
      '/v1/countryvalidationrules/AU',
      '/v1/countryvalidationrules/AU',
    ]);
    expect(emulator.requests.map((r) => r.headers.authorization).sort()).toEqual(
      [`Bearer ${call.caller}`, `Bearer ${other.caller}`].sort(),
    );
  });

  it("never passes one caller's failure to another, and serves fetched rules to every caller", async () => {
    // Only call.token is accepted here: a fetch with any other token is refused with 401.
    const strict = await startEmulator({ port: 0, host: '127.0.0.1', tokens: [call.caller] });
    const strictClient = createPartnerCenterClient({
      baseUrl: strict.url,
      timeoutMs: 5000,
      retries: 0,
      application: 'partner-center-bff/test',
    });
    try {
      const cache = createCountryRulesCache({ client: strictClient, ttlMs: 60_000 });
      const refused = { ...call, caller: 'revoked-token', credentials: 'revoked-token' };

      const [bad, good] = await Promise.allSettled([
        cache.get('US', refused),
        cache.get('US', call),
      ]);
      const later = await cache.get('US', refused);

      expect(bad.status).toBe('rejected');
      expect(((bad as PromiseRejectedResult).reason as PartnerCenterError).status).toBe(401);
      expect(good.status).toBe('fulfilled');
      expect((good as PromiseFulfilledResult<unknown>).value).toEqual(COUNTRY_RULES.get('US'));
      // Published metadata: once fetched, the rules serve everyone for the TTL.
      expect(later).toEqual(COUNTRY_RULES.get('US'));
      expect(strict.requests.map((r) => r.status).sort()).toEqual([200, 401]);
    } finally {
      await strictClient.close();
      await strict.close();
    }
  });

  it('refuses a code that is not two letters without asking Partner Center, and keeps nothing', async () => {
    const cache = createCountryRulesCache({ client, ttlMs: 60_000 });

    await expect(cache.get('U1', call)).rejects.toThrow(TypeError);
    await expect(cache.get('../customers', call)).rejects.toThrow(TypeError);
    await expect(cache.get('U1', call)).rejects.toThrow(TypeError);

    expect(emulator.requests).toEqual([]);
  });
});
