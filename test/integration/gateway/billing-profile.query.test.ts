import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import { GetCustomerBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import {
  billingPath,
  expectedProfile,
  GB_CUSTOMER,
  onlyError,
  readProfile,
  storedProfile,
  UNKNOWN_CUSTOMER,
  upstream,
  US_CUSTOMER,
} from './gateway-test-kit';

const stack = useStack();

const SEEDED_IDS = SEED_CUSTOMERS.map((c) => c.id);

describe('customer(id).billingProfile', () => {
  it('serves exactly the seeded customers, so the table below covers every one', () => {
    expect(stack.emulator.store.customerIds()).toEqual(SEEDED_IDS);
  });

  it.each(SEEDED_IDS)(
    'answers customer %s field by field as the emulator stores it',
    async (id) => {
      const response = await readProfile(stack, id);

      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data?.customer).toEqual({
        id,
        billingProfile: expectedProfile(storedProfile(stack, id)),
      });
    },
  );

  it('answers null for optional properties Partner Center omits', async () => {
    const stored = storedProfile(stack, US_CUSTOMER);
    expect(stored.defaultAddress).not.toHaveProperty('region');
    expect(stored.defaultAddress).not.toHaveProperty('addressLine2');

    const response = await readProfile(stack, US_CUSTOMER);

    const address = response.data?.customer?.billingProfile?.defaultAddress;
    expect(address).toMatchObject({ region: null, addressLine2: null, addressLine3: null });
    expect(address?.city).toBe('Redmond');
  });

  it('reads the profile with one GET of the billing-profile path', async () => {
    await readProfile(stack, GB_CUSTOMER);

    expect(upstream(stack).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${billingPath(GB_CUSTOMER)}`,
    ]);
  });

  it('answers the lower-case id for an id sent in upper case', async () => {
    const response = await readProfile(stack, US_CUSTOMER.toUpperCase());

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.id).toBe(US_CUSTOMER.toLowerCase());
    expect(response.data?.customer?.billingProfile?.etag).toBe(
      storedProfile(stack, US_CUSTOMER).attributes.etag,
    );
  });
});

describe('one upstream GET per customer and GraphQL request', () => {
  it('sends one GET for five aliases of one customer reached through fragments', async () => {
    const query = /* GraphQL */ `
      query FiveAliases($id: ID!) {
        a: customer(id: $id) {
          id
          billingProfile {
            ...ProfileBits
          }
        }
        b: customer(id: $id) {
          billingProfile {
            etag
          }
        }
        c: customer(id: $id) {
          ...CustomerBits
        }
        d: customer(id: $id) {
          ...CustomerBits
          billingProfile {
            firstName
          }
        }
        e: customer(id: $id) {
          id
        }
      }
      fragment CustomerBits on Customer {
        id
        billingProfile {
          ...ProfileBits
        }
      }
      fragment ProfileBits on CustomerBillingProfile {
        id
        email
        etag
      }
    `;
    const stored = storedProfile(stack, US_CUSTOMER);

    const response = await postGraphQL<Record<string, unknown>, { id: string }>(
      stack.gatewayUrl,
      query,
      { id: US_CUSTOMER },
    );

    expect(response.errors).toBeUndefined();
    const bits = { id: stored.id, email: stored.email, etag: stored.attributes.etag };
    expect(response.data).toEqual({
      a: { id: US_CUSTOMER, billingProfile: bits },
      b: { billingProfile: { etag: stored.attributes.etag } },
      c: { id: US_CUSTOMER, billingProfile: bits },
      d: { id: US_CUSTOMER, billingProfile: { ...bits, firstName: stored.firstName } },
      e: { id: US_CUSTOMER },
    });
    expect(upstream(stack)).toHaveLength(1);
    expect(upstream(stack, 'GET')[0]?.path).toBe(billingPath(US_CUSTOMER));
  });

  it('sends one GET for a customer asked in upper and lower case', async () => {
    const query = /* GraphQL */ `
      query TwoSpellings($lower: ID!, $upper: ID!) {
        lower: customer(id: $lower) {
          billingProfile {
            etag
          }
        }
        upper: customer(id: $upper) {
          billingProfile {
            etag
          }
        }
      }
    `;
    const response = await postGraphQL<Record<string, unknown>, Record<string, string>>(
      stack.gatewayUrl,
      query,
      { lower: GB_CUSTOMER.toLowerCase(), upper: GB_CUSTOMER.toUpperCase() },
    );

    expect(response.errors).toBeUndefined();
    expect(upstream(stack)).toHaveLength(1);
  });

  it('sends five GETs, one per path, for five different customers', async () => {
    const ids = SEEDED_IDS.slice(0, 5);
    const query = `query FiveCustomers {\n${ids
      .map((id, i) => `c${i}: customer(id: "${id}") { id billingProfile { id etag } }`)
      .join('\n')}\n}`;

    const response = await postGraphQL<
      Record<string, { id: string; billingProfile: { id: string; etag: string } }>,
      never
    >(stack.gatewayUrl, query);

    expect(response.errors).toBeUndefined();
    ids.forEach((id, i) => {
      const stored = storedProfile(stack, id);
      expect(response.data?.[`c${i}`]).toEqual({
        id,
        billingProfile: { id: stored.id, etag: stored.attributes.etag },
      });
    });
    const paths = upstream(stack, 'GET').map((r) => r.path);
    expect(paths).toHaveLength(5);
    expect([...paths].sort()).toEqual(ids.map(billingPath).sort());
    expect(upstream(stack)).toHaveLength(5);
  });

  it('answers null for an unknown customer after one GET', async () => {
    const response = await readProfile(stack, UNKNOWN_CUSTOMER);

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ customer: null });
    expect(upstream(stack).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${billingPath(UNKNOWN_CUSTOMER)}`,
    ]);
  });

  it('answers null for an unknown customer asked three times with one GET', async () => {
    const query = /* GraphQL */ `
      query Unknown($id: ID!) {
        a: customer(id: $id) {
          id
        }
        b: customer(id: $id) {
          billingProfile {
            etag
          }
        }
        c: customer(id: $id) {
          id
          billingProfile {
            email
          }
        }
      }
    `;
    const response = await postGraphQL<Record<string, unknown>, { id: string }>(
      stack.gatewayUrl,
      query,
      { id: UNKNOWN_CUSTOMER },
    );

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ a: null, b: null, c: null });
    expect(upstream(stack)).toHaveLength(1);
  });

  it.each(['not-a-guid', '12345', "0c39d6d5-c70d-4c55-bc02-f620844f3fd1' OR 1=1", '../../admin'])(
    'refuses the id %p with BAD_USER_INPUT before any upstream request',
    async (id) => {
      const response = await postGraphQL(stack.gatewayUrl, GetCustomerBillingProfileDocument, {
        id,
      });

      const error = onlyError(response);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.path).toEqual(['customer']);
      expect(response.data).toEqual({ customer: null });
      expect(upstream(stack)).toHaveLength(0);
    },
  );
});
