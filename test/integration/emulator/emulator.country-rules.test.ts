import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import { expectErrorBody, startTestEmulator, type TestEmulator } from '../../helpers/emulator-http';

/** The documented CountryValidationRules resource (get-market-specific-validation-data). */
interface CountryValidationRulesJson {
  iso2Code: string;
  defaultCulture: string;
  isStateRequired: boolean;
  supportedStatesList?: string[];
  supportedLanguagesList: string[];
  supportedCulturesList: string[];
  isPostalCodeRequired: boolean;
  postalCodeRegex?: string;
  isCityRequired: boolean;
  phoneNumberRegex?: string;
  countryCallingCodesList: string[];
  attributes: { objectType: string };
}

const rulesPath = (iso2: string): string => `/v1/countryvalidationrules/${iso2}`;

const SEED_COUNTRIES = [
  ...new Set(
    SEED_CUSTOMERS.map((c) => (c.profile.defaultAddress as { country?: string }).country ?? ''),
  ),
];

// The documentation's response example for US.
// prettier-ignore
const US_STATES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS',
  'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV',
  'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
];

const stringList = expect.arrayContaining([expect.any(String)]) as unknown;

describe('emulator GET /v1/countryvalidationrules/{iso2}', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });

  afterAll(async () => {
    await t.stop();
  });

  it('has a seed customer in each of US, GB, DE, JP, BR, IN and IE', () => {
    expect([...SEED_COUNTRIES].sort()).toEqual(['BR', 'DE', 'GB', 'IE', 'IN', 'JP', 'US']);
  });

  it.each([...SEED_COUNTRIES, 'FR', 'CA', 'AU'])(
    'answers %s with 200 and the documented shape',
    async (iso2) => {
      const answer = await t.http.send<CountryValidationRulesJson>('GET', rulesPath(iso2));

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      const rules = answer.body;
      expect(rules).toEqual(
        expect.objectContaining({
          iso2Code: iso2,
          defaultCulture: expect.any(String) as unknown,
          isStateRequired: expect.any(Boolean) as unknown,
          supportedLanguagesList: stringList,
          supportedCulturesList: stringList,
          isPostalCodeRequired: expect.any(Boolean) as unknown,
          isCityRequired: expect.any(Boolean) as unknown,
          countryCallingCodesList: stringList,
          attributes: { objectType: 'CountryValidationRules' },
        }),
      );
      expect(rules.supportedCulturesList).toContain(rules.defaultCulture);
      if (rules.isStateRequired) {
        expect(rules.supportedStatesList).toEqual(stringList);
      }
      if (rules.isPostalCodeRequired) {
        expect(typeof rules.postalCodeRegex).toBe('string');
      }
      for (const pattern of [rules.postalCodeRegex, rules.phoneNumberRegex]) {
        if (pattern !== undefined) {
          expect(() => new RegExp(pattern)).not.toThrow();
        }
      }
    },
  );

  it('answers US as the documentation example does', async () => {
    const answer = await t.http.send<CountryValidationRulesJson>('GET', rulesPath('US'));

    expect(answer.body).toEqual(
      expect.objectContaining({
        iso2Code: 'US',
        defaultCulture: 'en-US',
        isStateRequired: true,
        supportedStatesList: US_STATES,
        supportedLanguagesList: ['en', 'es'],
        supportedCulturesList: ['en-US', 'es-US'],
        isPostalCodeRequired: true,
        postalCodeRegex: '^\\d{5}(-\\d{4})?$',
        isCityRequired: true,
        phoneNumberRegex: expect.any(String) as unknown,
        countryCallingCodesList: ['1'],
      }),
    );
    expect(answer.body.supportedStatesList).toHaveLength(51);
  });

  it('publishes rules for the country of every seed customer, and each seed address meets them', async () => {
    for (const customer of SEED_CUSTOMERS) {
      const address = customer.profile.defaultAddress as Record<string, string | undefined>;
      const answer = await t.http.send<CountryValidationRulesJson>(
        'GET',
        rulesPath(address.country ?? ''),
      );
      expect(answer.status).toBe(200);
      const rules = answer.body;
      if (rules.isPostalCodeRequired && rules.postalCodeRegex) {
        expect(address.postalCode).toMatch(new RegExp(rules.postalCodeRegex, 'i'));
      }
      if (rules.isStateRequired) {
        expect(rules.supportedStatesList).toContain(address.state);
      }
      if (rules.isCityRequired) {
        expect(address.city).toBeTruthy();
      }
    }
  });

  it.each(['us', 'Gb', 'iE'])('matches the code %s case-insensitively', async (iso2) => {
    const answer = await t.http.send<CountryValidationRulesJson>('GET', rulesPath(iso2));

    expect(answer.status).toBe(200);
    expect(answer.body.iso2Code).toBe(iso2.toUpperCase());
  });

  it('matches the path case-insensitively, with a trailing slash', async () => {
    const answer = await t.http.send<CountryValidationRulesJson>(
      'GET',
      '/V1/CountryValidationRules/DE/',
    );

    expect(answer.status).toBe(200);
    expect(answer.body.iso2Code).toBe('DE');
  });

  it.each(['ZZ', 'QQ'])('answers the unknown two-letter code %s with 404', async (iso2) => {
    const answer = await t.http.send('GET', rulesPath(iso2));

    expectErrorBody(answer, 404, '1000');
  });

  it.each(['USA', 'U', 'U1', '12', '%20US'])(
    'answers %s, which is not two letters, with 400 code 800002',
    async (iso2) => {
      const answer = await t.http.send('GET', rulesPath(iso2));

      expectErrorBody(answer, 400, '800002');
    },
  );

  it.each(['PUT', 'POST', 'DELETE'])('answers %s with 405 and Allow: GET', async (method) => {
    const answer = await t.http.send(method, rulesPath('US'), { body: {} });

    expectErrorBody(answer, 405, '800002');
    expect(answer.headers.allow).toBe('GET');
  });

  it('asks for a bearer token like every API path', async () => {
    const answer = await t.http.send('GET', rulesPath('US'), { token: null });

    expectErrorBody(answer, 401, '400');
  });
});
