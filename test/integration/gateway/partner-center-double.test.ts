/**
 * The real gateway against an independent Partner Center double (test/helpers/partner-center-double.ts)
 * written from the contract, not from our emulator: where the two differ, the gateway must follow the
 * documents. Everything goes over HTTP on loopback port 0.
 */
import { Writable } from 'node:stream';

import { loadConfig } from '../../../src/config';
import { createGateway, type Gateway } from '../../../src/gateway';
import { createLogger } from '../../../src/logger';
import {
  GetCountryValidationRulesDocument,
  GetCustomerBillingProfileDocument,
  UpdateBillingProfileDocument,
  type UpdateBillingProfileInput,
  type UpdateBillingProfileMutation,
} from '../../generated/graphql';
import {
  postGraphQL,
  type GraphQLErrorJson,
  type GraphQLResponse,
} from '../../helpers/graphql-client';
import {
  startPartnerCenterDouble,
  type Json,
  type PartnerCenterDouble,
  type ScriptedAnswer,
} from '../../helpers/partner-center-double';

const RETRIES = 1;
const ATTEMPTS = RETRIES + 1;

const IE_CUSTOMER = '7e1d2c3b-4a59-4c68-8d7e-6f5a4b3c2d1e';
const US_CUSTOMER = '8f2e3d4c-5b6a-4d79-9e8f-7a6b5c4d3e2f';
const GB_CUSTOMER = '9a3f4e5d-6c7b-4e8a-af90-8b7c6d5e4f3a';
const IE_PLAIN_CUSTOMER = 'a04a5f6e-7d8c-4f9b-b0a1-9c8d7e6f5a4b';
const UNKNOWN_CUSTOMER = 'b15b6a7f-8e9d-4a0c-81b2-ad9e8f7a6b5c';

/** Everything awkward at once: unknown properties, nulls, nested objects, no postal code, en-us. */
const AWKWARD: Json = {
  id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
  lastName: 'Ó Briain',
  email: 'billing@contoso.ie',
  culture: 'en-us',
  language: 'en',
  companyName: 'Contoso Éire Teoranta',
  vatId: null,
  marketingPreferences: { newsletter: true, channels: ['email', 'post'], since: '2019-04-01' },
  tags: [{ name: 'tier', value: 'gold', weight: 3 }],
  defaultAddress: {
    id: 'addr-42',
    country: 'IE',
    region: null,
    city: 'Dublin',
    state: null,
    addressLine1: '1 Grand Canal Quay',
    addressLine2: null,
    addressLine3: 'Docklands',
    firstName: 'Aoife',
    middleName: 'Máire',
    lastName: 'Ó Briain',
    phoneNumber: '+1 425 555 0100 ext 12',
    district: 'Dublin 2',
    emailAddress: 'aoife@contoso.ie',
    geo: { lat: 53.34, lon: -6.24, verified: false },
  },
  links: {
    self: { uri: `/v1/customers/${IE_CUSTOMER}/profiles/billing`, method: 'GET', headers: [] },
  },
  attributes: { etag: 'eyJpZCI6ImEiLCJ2IjoxfQ==', objectType: 'CustomerBillingProfile', v: 2 },
};

function seedProfile(etag: string, overrides: Json, address: Json): Json {
  return {
    id: 'c26c7b80-9fa0-4b1d-92c3-be0f9a8b7c6d',
    firstName: 'Pat',
    lastName: 'Doe',
    email: 'pat@example.com',
    culture: 'en-US',
    language: 'en',
    companyName: 'Example Inc',
    ...overrides,
    defaultAddress: {
      country: 'US',
      region: null,
      city: 'Redmond',
      state: 'WA',
      addressLine1: 'One Microsoft Way',
      addressLine2: null,
      postalCode: '98052',
      firstName: 'Pat',
      lastName: 'Doe',
      phoneNumber: '4255555555',
      ...address,
    },
    attributes: { etag, objectType: 'CustomerBillingProfile' },
  };
}

/** Lower-case culture as customer-resources writes it. */
const US_LOWER_CULTURE = seedProfile('us-etag-1', { culture: 'en-us' }, {});
/** A phone number with an extension. */
const GB_PHONE_EXTENSION = seedProfile(
  'gb-etag-1',
  { culture: 'en-GB' },
  {
    country: 'GB',
    city: 'London',
    state: null,
    postalCode: 'SW1A 1AA',
    phoneNumber: '+44 20 7946 0958 ext. 12',
  },
);
/** Ireland: no postal code property at all (Eircodes are optional). */
const IE_NO_POSTAL_CODE = seedProfile(
  'ie-etag-1',
  { culture: 'en-IE' },
  {
    country: 'IE',
    city: 'Cork',
    state: null,
    postalCode: undefined,
  },
);

const US_RULES: Json = {
  iso2Code: 'US',
  defaultCulture: 'en-US',
  isStateRequired: true,
  supportedStatesList: ['WA', 'CA', 'NY'],
  supportedLanguagesList: ['en'],
  supportedCulturesList: ['en-US'],
  isPostalCodeRequired: true,
  postalCodeRegex: '^\\d{5}$',
  isCityRequired: true,
  isVatIdSupported: false,
  phoneNumberRegex: '^[0-9 +()-]{7,20}$',
  countryCallingCodesList: ['1'],
  isAddressValidationSupported: true,
  attributes: { objectType: 'CountryValidationRules' },
};

const PROFILES = {
  [IE_CUSTOMER]: AWKWARD,
  [US_CUSTOMER]: US_LOWER_CULTURE,
  [GB_CUSTOMER]: GB_PHONE_EXTENSION,
  [IE_PLAIN_CUSTOMER]: IE_NO_POSTAL_CODE,
};

const upper = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function renamed(value: unknown, inner: (name: string, item: unknown) => unknown = (_n, v) => v) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [upper(key), inner(upper(key), item)]),
  );
}

/**
 * The PUT body expected for a camelCase profile, written here rather than taken from src: the names
 * of the documented objects (profile, address, links, attributes) in PascalCase; the value of any
 * property the contract does not describe exactly as read (it may be a dictionary of data keys).
 */
function pascal(profile: unknown): unknown {
  return renamed(profile, (name, value) => {
    if (name === 'DefaultAddress' || name === 'Attributes') {
      return renamed(value);
    }
    if (name === 'Links') {
      return renamed(value, (_n, link) =>
        renamed(link, (n, v) =>
          n === 'Headers' && Array.isArray(v) ? v.map((h) => renamed(h)) : v,
        ),
      );
    }
    return value;
  });
}

/** The property names of the documented objects of a PUT body: the profile, its address, attributes. */
function documentedNamesIn(body: unknown): string[] {
  const names = (value: unknown): string[] =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  const object = body as Record<string, unknown>;
  return [...names(object), ...names(object.DefaultAddress), ...names(object.Attributes)];
}

async function startGateway(upstreamUrl: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARTNER_CENTER_BASE_URL: upstreamUrl,
    PARTNER_CENTER_RETRIES: String(RETRIES),
    LOG_LEVEL: 'info',
    ...env,
  });
  // Logs go to a sink: a test that writes to the console fails.
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return createGateway(config, {
    logger: createLogger({ level: config.logLevel }, sink),
    client: { minRetryDelayMs: 10, maxRetryDelayMs: 50 },
  });
}

let double: PartnerCenterDouble;
let gateway: Gateway;

beforeAll(async () => {
  double = await startPartnerCenterDouble();
  gateway = await startGateway(double.url);
});

afterAll(async () => {
  await gateway?.stop();
  await double?.close();
});

beforeEach(() => {
  double.reset({ profiles: PROFILES, countryRules: { US: US_RULES } });
});

type Outcome = UpdateBillingProfileMutation['updateBillingProfile'];

const etagOf = (customerId: string): string =>
  (double.profile(customerId)!.attributes as Json).etag as string;

function update(
  input: UpdateBillingProfileInput,
  etag = etagOf(String(input.customerId)),
  url = gateway.url,
): Promise<GraphQLResponse<UpdateBillingProfileMutation>> {
  return postGraphQL(url, UpdateBillingProfileDocument, { input, etag });
}

function outcomeOf(response: GraphQLResponse<UpdateBillingProfileMutation>): Outcome {
  expect(response.errors).toBeUndefined();
  return response.data!.updateBillingProfile;
}

function errorOf(response: GraphQLResponse<UpdateBillingProfileMutation>): GraphQLErrorJson {
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

const gets = (pathPrefix: string) =>
  double.requests.filter((r) => r.method === 'GET' && r.path.startsWith(pathPrefix));

describe('reading a profile full of extra properties and awkward values', () => {
  it('shows the modelled fields, including middleName, district, emailAddress and null firstName', async () => {
    const response = await postGraphQL(gateway.url, GetCustomerBillingProfileDocument, {
      id: IE_CUSTOMER,
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.billingProfile).toEqual({
      id: AWKWARD.id,
      firstName: null,
      lastName: 'Ó Briain',
      email: 'billing@contoso.ie',
      culture: 'en-us',
      language: 'en',
      companyName: 'Contoso Éire Teoranta',
      defaultAddress: {
        country: 'IE',
        region: null,
        city: 'Dublin',
        state: null,
        addressLine1: '1 Grand Canal Quay',
        addressLine2: null,
        addressLine3: 'Docklands',
        postalCode: null,
        firstName: 'Aoife',
        middleName: 'Máire',
        lastName: 'Ó Briain',
        phoneNumber: '+1 425 555 0100 ext 12',
        district: 'Dublin 2',
        emailAddress: 'aoife@contoso.ie',
      },
      etag: 'eyJpZCI6ImEiLCJ2IjoxfQ==',
    });
  });

  it('answers customer null for a customer Partner Center does not have (404, code 60003)', async () => {
    const response = await postGraphQL(gateway.url, GetCustomerBillingProfileDocument, {
      id: UNKNOWN_CUSTOMER,
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer).toBeNull();
  });
});

describe('updating only the email', () => {
  it('PUTs the stored resource back in PascalCase with only Email changed', async () => {
    const etag = etagOf(IE_CUSTOMER);

    const outcome = outcomeOf(
      await update({ customerId: IE_CUSTOMER, email: 'accounts@contoso.ie' }, etag),
    );

    const [put] = double.puts();
    expect(double.puts()).toHaveLength(1);
    expect(put!.path).toBe(`/v1/customers/${IE_CUSTOMER}/profiles/billing`);
    expect(put!.headers['if-match']).toBe(`"${etag}"`);
    expect(put!.body).toEqual({
      Id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
      LastName: 'Ó Briain',
      Email: 'accounts@contoso.ie',
      Culture: 'en-us',
      Language: 'en',
      CompanyName: 'Contoso Éire Teoranta',
      VatId: null,
      // Values of properties the contract does not describe go back as read, inner names included.
      MarketingPreferences: { newsletter: true, channels: ['email', 'post'], since: '2019-04-01' },
      Tags: [{ name: 'tier', value: 'gold', weight: 3 }],
      DefaultAddress: {
        Id: 'addr-42',
        Country: 'IE',
        Region: null,
        City: 'Dublin',
        State: null,
        AddressLine1: '1 Grand Canal Quay',
        AddressLine2: null,
        AddressLine3: 'Docklands',
        FirstName: 'Aoife',
        MiddleName: 'Máire',
        LastName: 'Ó Briain',
        PhoneNumber: '+1 425 555 0100 ext 12',
        District: 'Dublin 2',
        EmailAddress: 'aoife@contoso.ie',
        Geo: { lat: 53.34, lon: -6.24, verified: false },
      },
      Links: {
        Self: { Uri: `/v1/customers/${IE_CUSTOMER}/profiles/billing`, Method: 'GET', Headers: [] },
      },
      Attributes: { Etag: etag, ObjectType: 'CustomerBillingProfile', V: 2 },
    });
    // Each name once: a body with a name twice (e.g. "email" and "Email") would not survive a
    // parse and re-serialisation unchanged.
    expect(JSON.stringify(put!.body)).toBe(put!.rawBody);
    expect(put!.rawBody).not.toMatch(/"email"\s*:/);
    expect(documentedNamesIn(put!.body).filter((name) => !/^[A-Z]/.test(name))).toEqual([]);

    expect(outcome.__typename).toBe('BillingProfileUpdated');
    if (outcome.__typename === 'BillingProfileUpdated') {
      expect(outcome.billingProfile.email).toBe('accounts@contoso.ie');
      expect(outcome.billingProfile.etag).toBe(etagOf(IE_CUSTOMER));
      expect(outcome.billingProfile.etag).not.toBe(etag);
      expect(outcome.billingProfile.defaultAddress?.middleName).toBe('Máire');
    }
  });

  it.each([
    ['everything awkward at once', IE_CUSTOMER],
    ['a lower-case culture (en-us)', US_CUSTOMER],
    ['a phone number with an extension', GB_CUSTOMER],
    ['an Irish address without a postal code', IE_PLAIN_CUSTOMER],
  ])('is not refused for stored values the caller did not send: %s', async (_name, customerId) => {
    const stored = structuredClone(double.profile(customerId)!);
    const etag = etagOf(customerId);

    const outcome = outcomeOf(await update({ customerId, email: 'new@example.org' }, etag));

    expect(outcome.__typename).toBe('BillingProfileUpdated');
    const [put] = double.puts();
    expect(double.puts()).toHaveLength(1);
    expect(put!.headers['if-match']).toBe(`"${etag}"`);
    expect(put!.body).toEqual(pascal({ ...stored, email: 'new@example.org' }));
    expect(JSON.stringify(put!.body)).toBe(put!.rawBody);
    expect(documentedNamesIn(put!.body).filter((name) => !/^[A-Z]/.test(name))).toEqual([]);
    // Nothing else was asked of Partner Center (no country rules for an email change).
    expect(double.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });
});

describe('a stale etag', () => {
  it('answered 400/2055 by Partner Center gives EtagMismatch with the profile read afresh', async () => {
    const etag = etagOf(IE_CUSTOMER);
    let otherEtag = '';
    // Another writer's change lands between the gateway's read and its PUT.
    double.script({
      method: 'PUT',
      run: () => {
        otherEtag = double.write(IE_CUSTOMER, { ...AWKWARD, companyName: 'Contoso Holdings' });
      },
    });

    const outcome = outcomeOf(
      await update({ customerId: IE_CUSTOMER, email: 'late@contoso.ie' }, etag),
    );

    expect(double.puts().map((r) => r.status)).toEqual([400]);
    expect(outcome.__typename).toBe('EtagMismatch');
    if (outcome.__typename === 'EtagMismatch') {
      expect(outcome.currentEtag).toBe(otherEtag);
      expect(outcome.current.etag).toBe(otherEtag);
      expect(outcome.current.companyName).toBe('Contoso Holdings');
      expect(outcome.current.email).toBe('billing@contoso.ie');
    }
    expect(gets('/v1/customers/')).toHaveLength(2);
    expect(double.profile(IE_CUSTOMER)!.email).toBe('billing@contoso.ie');
  });

  it('different from the current one gives EtagMismatch without any PUT', async () => {
    const outcome = outcomeOf(
      await update({ customerId: IE_CUSTOMER, email: 'late@contoso.ie' }, 'an-older-etag'),
    );

    expect(outcome.__typename).toBe('EtagMismatch');
    if (outcome.__typename === 'EtagMismatch') {
      expect(outcome.currentEtag).toBe(etagOf(IE_CUSTOMER));
      expect(outcome.current.email).toBe('billing@contoso.ie');
    }
    expect(double.puts()).toHaveLength(0);
  });
});

describe('Partner Center refusing the profile (400)', () => {
  const refuse = (body: Json): void =>
    double.script({
      method: 'PUT',
      answer: { status: 400, body: { source: 'PartnerFD', ...body } },
    });

  it('code 600051 is a missing phone number at defaultAddress.phoneNumber', async () => {
    refuse({ code: '600051', description: 'Customer phone number is missing.', data: [] });

    const outcome = outcomeOf(await update({ customerId: IE_CUSTOMER, email: 'x@contoso.ie' }));

    expect(outcome).toEqual({
      __typename: 'InvalidBillingProfile',
      message: 'Customer phone number is missing.',
      fieldErrors: [
        { path: ['defaultAddress', 'phoneNumber'], message: 'Customer phone number is missing.' },
      ],
    });
  });

  it('any other code shows Partner Center’s description and no field errors', async () => {
    refuse({
      code: '3000',
      description: 'The Email is not valid.',
      data: ['Email', { reason: 'format' }],
    });

    const outcome = outcomeOf(await update({ customerId: IE_CUSTOMER, email: 'x@contoso.ie' }));

    expect(outcome).toEqual({
      __typename: 'InvalidBillingProfile',
      message: 'The Email is not valid.',
      fieldErrors: [],
    });
  });

  it('data entries that name a field become field errors at their camelCase path', async () => {
    refuse({
      code: '800002',
      description: 'Invalid request input.',
      data: [{ field: 'DefaultAddress.PostalCode', message: 'The postal code is not valid.' }],
    });

    const outcome = outcomeOf(await update({ customerId: IE_CUSTOMER, email: 'x@contoso.ie' }));

    expect(outcome).toEqual({
      __typename: 'InvalidBillingProfile',
      message: 'Invalid request input.',
      fieldErrors: [
        { path: ['defaultAddress', 'postalCode'], message: 'The postal code is not valid.' },
      ],
    });
  });
});

describe('throttling and a busy customer', () => {
  const throttled: ScriptedAnswer = {
    status: 429,
    headers: { 'Retry-After': '7' },
    body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' },
  };

  it.each(['GET', 'PUT'] as const)(
    'a 429 on the %s is RATE_LIMITED with Retry-After, nothing written, not retried',
    async (method) => {
      double.script({ method, answer: throttled });

      const error = errorOf(await update({ customerId: IE_CUSTOMER, email: 'x@contoso.ie' }));

      expect(error.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 7,
        written: false,
      });
      expect(double.requests.filter((r) => r.method === method)).toHaveLength(1);
      expect(double.puts()).toHaveLength(method === 'PUT' ? 1 : 0);
      expect(double.profile(IE_CUSTOMER)).toEqual(AWKWARD);
    },
  );

  it('a 409 with code 800060 (order in progress) is UPSTREAM_UNAVAILABLE, not RATE_LIMITED', async () => {
    double.script({
      method: 'PUT',
      answer: {
        status: 409,
        body: { code: '800060', description: 'An order is in progress.', source: 'PartnerFD' },
      },
    });

    const error = errorOf(await update({ customerId: IE_CUSTOMER, email: 'x@contoso.ie' }));

    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', written: false });
    expect(double.puts()).toHaveLength(1);
  });
});

describe('a PUT whose connection drops (no ambiguous outcome)', () => {
  const DROPPED = { method: 'PUT', times: 99 } as const;

  function expectOneRequestIdResent(): void {
    const puts = double.puts();
    expect(puts).toHaveLength(ATTEMPTS);
    expect(puts.every((r) => r.status === undefined)).toBe(true);
    const ids = new Set(puts.map((r) => r.headers['ms-requestid']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/i);
  }

  it('applied on every attempt: the re-read shows the write, so the answer is Updated', async () => {
    const etag = etagOf(IE_CUSTOMER);
    double.script({ ...DROPPED, answer: { drop: 'after' } });

    const outcome = outcomeOf(
      await update({ customerId: IE_CUSTOMER, email: 'dropped@contoso.ie' }, etag),
    );

    expectOneRequestIdResent();
    expect(double.profile(IE_CUSTOMER)!.email).toBe('dropped@contoso.ie');
    expect(outcome.__typename).toBe('BillingProfileUpdated');
    if (outcome.__typename === 'BillingProfileUpdated') {
      expect(outcome.billingProfile.etag).toBe(etagOf(IE_CUSTOMER));
      expect(outcome.billingProfile.etag).not.toBe(etag);
      expect(outcome.billingProfile.email).toBe('dropped@contoso.ie');
    }
  });

  it('dropped before applying on every attempt: UPSTREAM_UNAVAILABLE, written false', async () => {
    double.script({ ...DROPPED, answer: { drop: 'before' } });

    const error = errorOf(await update({ customerId: IE_CUSTOMER, email: 'lost@contoso.ie' }));

    expectOneRequestIdResent();
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', written: false });
    expect(double.profile(IE_CUSTOMER)).toEqual(AWKWARD);
  });

  it('dropped once before applying: the resend, with the same MS-RequestId, is applied', async () => {
    const etag = etagOf(IE_CUSTOMER);
    double.script({ method: 'PUT', answer: { drop: 'before' } });

    const outcome = outcomeOf(
      await update({ customerId: IE_CUSTOMER, email: 'resent@contoso.ie' }, etag),
    );

    const [first, resend] = double.puts();
    expect(double.puts().map((r) => r.status)).toEqual([undefined, 200]);
    expect(resend!.headers['ms-requestid']).toBe(first!.headers['ms-requestid']);
    expect(resend!.headers['if-match']).toBe(`"${etag}"`);
    expect(resend!.rawBody).toBe(first!.rawBody);
    expect(outcome.__typename).toBe('BillingProfileUpdated');
    if (outcome.__typename === 'BillingProfileUpdated') {
      expect(outcome.billingProfile.etag).toBe(etagOf(IE_CUSTOMER));
    }
  });

  // The contract leaves open whether Partner Center replays its answer to a resent MS-RequestId. This
  // double does not: the resend of an applied PUT meets its own new etag (400/2055), and only a fresh
  // read can tell the caller that the write it is refused for is its own.
  it('applied, dropped once, and the resend refused as stale: the caller is told it was written', async () => {
    double.script({ method: 'PUT', answer: { drop: 'after' } });

    const outcome = outcomeOf(await update({ customerId: IE_CUSTOMER, email: 'once@contoso.ie' }));

    expect(double.puts().map((r) => r.status)).toEqual([undefined, 400]);
    expect(double.profile(IE_CUSTOMER)!.email).toBe('once@contoso.ie');
    expect(outcome.__typename).toBe('BillingProfileUpdated');
  });

  it.each([
    ['dropped', { drop: 'before' }],
    ['answered 500', { status: 500, body: { code: '800003', description: 'Unexpected.' } }],
  ] as [string, ScriptedAnswer][])(
    'and the re-read %s: written is null (unknown)',
    async (_name, reread) => {
      double.script(
        { ...DROPPED, answer: { drop: 'after' } },
        { method: 'GET', afterPuts: 1, times: 99, answer: reread },
      );

      const error = errorOf(await update({ customerId: IE_CUSTOMER, email: 'maybe@contoso.ie' }));

      expectOneRequestIdResent();
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', written: null });
      expect(gets('/v1/customers/')).toHaveLength(1 + ATTEMPTS);
    },
  );
});

describe('country validation rules', () => {
  const RULES_PATH = '/v1/countryvalidationrules/';
  let rulesGateway: Gateway;

  // The rules cache lives in the gateway: a fresh one per test.
  beforeEach(async () => {
    rulesGateway = await startGateway(double.url);
  });

  afterEach(async () => {
    await rulesGateway.stop();
  });

  it.each([
    ['answers 500', { status: 500, body: { code: '800003', description: 'Unexpected.' } }],
    ['drops the connection', { drop: 'before' }],
  ] as [string, ScriptedAnswer][])(
    'when Partner Center %s for them, a postal code change still goes to Partner Center',
    async (_name, failure) => {
      double.script({ method: 'GET', pathPrefix: RULES_PATH, times: 99, answer: failure });

      const outcome = outcomeOf(
        await update(
          { customerId: US_CUSTOMER, defaultAddress: { postalCode: '98101' } },
          etagOf(US_CUSTOMER),
          rulesGateway.url,
        ),
      );

      expect(gets(RULES_PATH)).toHaveLength(ATTEMPTS);
      expect(outcome.__typename).toBe('BillingProfileUpdated');
      const [put] = double.puts();
      expect(double.puts()).toHaveLength(1);
      expect((put!.body as { DefaultAddress: Json }).DefaultAddress.PostalCode).toBe('98101');
    },
  );

  it('refuse a postal code that does not match the country’s pattern, without a PUT', async () => {
    const outcome = outcomeOf(
      await update(
        { customerId: US_CUSTOMER, defaultAddress: { postalCode: 'ABC' } },
        etagOf(US_CUSTOMER),
        rulesGateway.url,
      ),
    );

    expect(outcome.__typename).toBe('InvalidBillingProfile');
    if (outcome.__typename === 'InvalidBillingProfile') {
      expect(outcome.fieldErrors.map((e) => e.path)).toEqual([['defaultAddress', 'postalCode']]);
    }
    expect(gets(`${RULES_PATH}US`)).toHaveLength(1);
    expect(double.puts()).toHaveLength(0);
  });

  it('let a postal code that matches the pattern through', async () => {
    const outcome = outcomeOf(
      await update(
        { customerId: US_CUSTOMER, defaultAddress: { postalCode: '98101' } },
        etagOf(US_CUSTOMER),
        rulesGateway.url,
      ),
    );

    expect(outcome.__typename).toBe('BillingProfileUpdated');
    expect(double.puts()).toHaveLength(1);
  });

  const queryRules = (countryCode: string, url = rulesGateway.url) =>
    postGraphQL(url, GetCountryValidationRulesDocument, { countryCode });

  it('are served in camelCase fields, and a second query is answered from the cache', async () => {
    const first = await queryRules('us');
    const second = await queryRules('US');

    for (const response of [first, second]) {
      expect(response.errors).toBeUndefined();
      expect(response.data?.countryValidationRules).toEqual({
        iso2Code: 'US',
        defaultCulture: 'en-US',
        isStateRequired: true,
        supportedStatesList: ['WA', 'CA', 'NY'],
        isPostalCodeRequired: true,
        postalCodeRegex: '^\\d{5}$',
        isCityRequired: true,
        phoneNumberRegex: '^[0-9 +()-]{7,20}$',
        supportedCulturesList: ['en-US'],
        supportedLanguagesList: ['en'],
        countryCallingCodesList: ['1'],
      });
    }
    expect(gets(RULES_PATH).map((r) => r.path)).toEqual([`${RULES_PATH}US`]);
  });

  it('are fetched again for every query when PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS is 0', async () => {
    const uncached = await startGateway(double.url, {
      PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS: '0',
    });
    try {
      await queryRules('us', uncached.url);
      await queryRules('us', uncached.url);
    } finally {
      await uncached.stop();
    }

    expect(gets(RULES_PATH)).toHaveLength(2);
  });

  it('are null for a country Partner Center has none for (404)', async () => {
    const response = await queryRules('zz');

    expect(response.errors).toBeUndefined();
    expect(response.data?.countryValidationRules).toBeNull();
    expect(gets(`${RULES_PATH}ZZ`)).toHaveLength(1);
  });
});
