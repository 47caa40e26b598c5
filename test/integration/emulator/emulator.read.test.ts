import type { CollectionDto, CustomerDto } from '../../../src/emulator/emulator-dto';
import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import {
  expectErrorBody,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type ProfileJson,
  type TestEmulator,
} from '../../helpers/emulator-http';
import { seedDocumentResponse } from '../../fixtures/seed-document';

// The response example of the seed document, with any etag.
const SEED_DOCUMENT_RESPONSE = {
  ...seedDocumentResponse(US_CUSTOMER.id),
  attributes: {
    etag: expect.any(String) as unknown,
    objectType: 'CustomerBillingProfile',
  },
};

const CAMEL_CASE_KEY = /^[a-z][A-Za-z0-9]*$/;

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(keysDeep);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)]);
  }
  return [];
}

describe('emulator reads', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });

  afterAll(async () => {
    await t.stop();
  });

  describe('GET /v1/customers', () => {
    it('answers a Collection of every seed customer', async () => {
      const answer = await t.http.send<CollectionDto<CustomerDto>>('GET', '/v1/customers');

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.body).toEqual({
        totalCount: SEED_CUSTOMERS.length,
        items: expect.any(Array) as unknown,
        links: { self: expect.objectContaining({ method: 'GET' }) as unknown },
        attributes: { objectType: 'Collection' },
      });
      expect(answer.body.items.map((c) => c.id)).toEqual(SEED_CUSTOMERS.map((c) => c.id));
      expect(answer.body.items.length).toBeGreaterThanOrEqual(5);
      const countries = answer.body.items.map(
        (c) => (c.billingProfile as ProfileJson).defaultAddress?.country,
      );
      expect(countries).toEqual(expect.arrayContaining(['US', 'GB', 'DE', 'JP', 'BR', 'IN', 'IE']));
    });

    it('answers each customer with its company profile, billing profile and object type', async () => {
      const answer = await t.http.send<CollectionDto<CustomerDto>>('GET', '/v1/customers');

      const first = SEED_CUSTOMERS[0]!;
      expect(answer.body.items[0]).toEqual({
        id: first.id,
        companyProfile: {
          tenantId: first.id,
          domain: first.domain,
          companyName: first.companyName,
          attributes: { objectType: 'CustomerCompanyProfile' },
        },
        billingProfile: expect.objectContaining({
          id: first.profile.id,
          attributes: { etag: expect.any(String) as unknown, objectType: 'CustomerBillingProfile' },
        }) as unknown,
        relationshipToPartner: 'reseller',
        links: { self: { uri: `/v1/customers/${first.id}`, method: 'GET', headers: [] } },
        attributes: { objectType: 'Customer' },
      });
    });

    it('pages with size: links.next carries an MS-ContinuationToken that fetches the rest', async () => {
      const first = await t.http.send<CollectionDto<CustomerDto>>('GET', '/v1/customers?size=2');

      expect(first.status).toBe(200);
      expect(first.body.totalCount).toBe(2);
      expect(first.body.items.map((c) => c.id)).toEqual(
        SEED_CUSTOMERS.slice(0, 2).map((c) => c.id),
      );
      const next = first.body.links.next;
      expect(next).toEqual({
        uri: expect.stringMatching(/^\/v1\/customers\?/) as unknown,
        method: 'GET',
        headers: [{ key: 'MS-ContinuationToken', value: expect.any(String) as unknown }],
      });

      const seen = [...first.body.items];
      let link = next;
      while (link) {
        const page = await t.http.send<CollectionDto<CustomerDto>>('GET', link.uri, {
          headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])),
        });
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(page.body.items.length);
        seen.push(...page.body.items);
        link = page.body.links.next;
      }
      expect(seen.map((c) => c.id)).toEqual(SEED_CUSTOMERS.map((c) => c.id));
    });

    it('has no links.next when everything fits on one page', async () => {
      const answer = await t.http.send<CollectionDto<CustomerDto>>(
        'GET',
        `/v1/customers?size=${SEED_CUSTOMERS.length}`,
      );

      expect(answer.status).toBe(200);
      expect(answer.body.links.next).toBeUndefined();
      expect(answer.body.items).toHaveLength(SEED_CUSTOMERS.length);
    });

    it.each(['0', '-1', '1.5', 'ten', '501'])(
      'rejects size=%s with 400 code 800002',
      async (size) => {
        const answer = await t.http.send('GET', `/v1/customers?size=${size}`);

        expectErrorBody(answer, 400, '800002');
      },
    );
  });

  describe('GET /v1/customers/{id}', () => {
    it('answers the customer with objectType Customer', async () => {
      const customer = seedCustomer('GB');

      const answer = await t.http.send<CustomerDto>('GET', `/v1/customers/${customer.id}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(
        expect.objectContaining({
          id: customer.id,
          attributes: { objectType: 'Customer' },
          companyProfile: expect.objectContaining({ companyName: customer.companyName }) as unknown,
        }),
      );
    });
  });

  describe('GET /v1/customers/{id}/profiles/billing', () => {
    it('answers the first seed customer with the seed document sample values', async () => {
      const answer = await t.http.getProfile(US_CUSTOMER.id);

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.body).toEqual(SEED_DOCUMENT_RESPONSE);
      expect(SEED_CUSTOMERS[0]!.id).toBe(US_CUSTOMER.id);
    });

    it.each(SEED_CUSTOMERS.map((c) => [c.companyName, c.id] as const))(
      'answers %s in camelCase with an etag and objectType CustomerBillingProfile',
      async (_company, id) => {
        const answer = await t.http.getProfile(id);

        expect(answer.status).toBe(200);
        for (const key of keysDeep(answer.body)) {
          expect(key).toMatch(CAMEL_CASE_KEY);
        }
        expect(answer.body.attributes).toEqual({
          etag: expect.stringMatching(/^\S+$/) as unknown,
          objectType: 'CustomerBillingProfile',
        });
      },
    );

    it.each([
      ['US', ['region', 'addressLine2', 'addressLine3']],
      ['DE', ['region', 'addressLine2', 'state', 'phoneNumber']],
      ['BR', ['region', 'addressLine2', 'firstName', 'lastName']],
    ])('omits the absent optional address fields of the %s customer', async (country, absent) => {
      const answer = await t.http.getProfile(seedCustomer(country).id);

      expect(answer.status).toBe(200);
      const address = answer.body.defaultAddress ?? {};
      for (const field of absent) {
        expect(address).not.toHaveProperty(field);
      }
      expect(answer.text).not.toMatch(/null/);
    });

    it('answers optional address fields that the seed has', async () => {
      const answer = await t.http.getProfile(seedCustomer('GB').id);

      expect(answer.body.defaultAddress).toEqual(
        expect.objectContaining({ region: 'England', addressLine2: 'Floor 3' }),
      );
    });

    it.each(SEED_CUSTOMERS.map((c) => [c.companyName, c] as const))(
      'answers every stored property of %s, its own links and attributes added',
      async (_company, customer) => {
        const answer = await t.http.getProfile(customer.id);

        expect(answer.body).toEqual({
          ...customer.profile,
          links: {
            self: {
              uri: `/v1/customers/${customer.id}/profiles/billing`,
              method: 'GET',
              headers: [],
            },
          },
          attributes: { etag: expect.any(String) as unknown, objectType: 'CustomerBillingProfile' },
        });
      },
    );

    it('answers the properties no documentation names: unknown, nested and on the address', async () => {
      const answer = await t.http.getProfile('6eb05fa8-d351-4f91-af53-5c8f9a0b1c23');

      expect(answer.body).toEqual(
        expect.objectContaining({
          purchaseOrderReference: 'PO-2026-0042',
          invoicePreferences: { delivery: 'email', copies: 2, languages: ['en', 'es'] },
          defaultAddress: expect.objectContaining({
            id: 'c0ffee00-0006-4a5b-8c9d-0e1f2a3b4c5d',
            middleName: 'Quinn',
            district: 'King County',
            emailAddress: 'ap@litware.com',
          }) as unknown,
        }),
      );
    });

    it('answers the same billing profile inside GET /v1/customers/{id}', async () => {
      const customer = seedCustomer('IN');

      const profile = await t.http.getProfile(customer.id);
      const wrapped = await t.http.send<CustomerDto>('GET', `/v1/customers/${customer.id}`);

      expect(wrapped.body.billingProfile).toEqual(profile.body);
    });

    it.each([
      ['the seed document casing', (id: string) => `/v1/Customers/${id}/Profiles/Billing`],
      ['upper case', (id: string) => `/V1/CUSTOMERS/${id.toUpperCase()}/PROFILES/BILLING`],
      ['a trailing slash', (id: string) => `/v1/customers/${id}/profiles/billing/`],
    ])('matches the path case-insensitively (%s)', async (_name, path) => {
      const expected = await t.http.getProfile(US_CUSTOMER.id);

      const answer = await t.http.send<ProfileJson>('GET', path(US_CUSTOMER.id));

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expected.body);
    });

    it('answers the same etag until the profile changes', async () => {
      const first = await t.http.getProfile(US_CUSTOMER.id);
      const second = await t.http.getProfile(US_CUSTOMER.id);

      expect(second.body.attributes.etag).toBe(first.body.attributes.etag);
    });

    it('gives different customers different etags', async () => {
      const etags = await Promise.all(
        SEED_CUSTOMERS.map(async (c) => (await t.http.getProfile(c.id)).body.attributes.etag),
      );

      expect(new Set(etags).size).toBe(SEED_CUSTOMERS.length);
    });
  });
});
