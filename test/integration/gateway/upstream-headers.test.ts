import { postGraphQL, TEST_TOKEN } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import {
  correlationIdOf,
  GB_CUSTOMER,
  GUID,
  readProfile,
  storedProfile,
  updateProfile,
  upstream,
  US_CUSTOMER,
} from './gateway-test-kit';

const stack = useStack();

/** One GraphQL request that reads two customers: two upstream GETs. */
async function readTwo(headers: Record<string, string> = {}) {
  const query = /* GraphQL */ `
    query Two($a: ID!, $b: ID!) {
      a: customer(id: $a) {
        id
      }
      b: customer(id: $b) {
        id
      }
    }
  `;
  const response = await postGraphQL<unknown, Record<string, string>>(
    stack.gatewayUrl,
    query,
    { a: US_CUSTOMER, b: GB_CUSTOMER },
    { headers },
  );
  expect(response.errors).toBeUndefined();
  expect(upstream(stack, 'GET')).toHaveLength(2);
  return response;
}

/** One update that goes through: a GET then a PUT upstream. */
async function updateOnce(headers: Record<string, string> = {}) {
  const response = await updateProfile(
    stack,
    { customerId: US_CUSTOMER, firstName: 'Headers' },
    storedProfile(stack, US_CUSTOMER).attributes.etag,
    { headers },
  );
  expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
  expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT']);
  return response;
}

describe('headers on every upstream call', () => {
  it('passes the caller bearer token through as Authorization', async () => {
    const token = 'caller-specific.token_value-42';

    await readProfile(stack, US_CUSTOMER, { token });

    expect(upstream(stack)[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('sends the contract headers on a GET and on a PUT', async () => {
    await updateOnce();

    for (const request of upstream(stack)) {
      expect(request.headers).toMatchObject({
        authorization: `Bearer ${TEST_TOKEN}`,
        accept: 'application/json',
        'ms-contract-version': 'v1',
        'x-locale': 'en-US',
      });
      expect(request.headers['ms-requestid']).toMatch(GUID);
      expect(request.headers['ms-correlationid']).toMatch(GUID);
      expect(request.headers['ms-partnercenter-application']).toMatch(/^partner-center-bff\/\S+$/);
    }
  });

  it('sends Content-Type application/json, and the etag quoted in If-Match and in Attributes.Etag', async () => {
    const etag = storedProfile(stack, US_CUSTOMER).attributes.etag;

    await updateOnce();

    const put = upstream(stack, 'PUT')[0]!;
    expect(put.headers['content-type']).toMatch(/^application\/json\b/);
    // The headers and test-and-debug pages show If-Match with the etag in double quotes.
    expect(put.headers['if-match']).toBe(`"${etag}"`);
    // The .NET SDK sends no If-Match at all, only the etag in the resource: both are sent.
    const body = JSON.parse(put.body ?? '') as { Attributes?: { Etag?: string } };
    expect(body.Attributes?.Etag).toBe(etag);
  });
});

describe('MS-RequestId', () => {
  it('differs between the GET and the PUT of one update', async () => {
    await updateOnce();

    const [get, put] = upstream(stack);
    expect(get?.headers['ms-requestid']).not.toBe(put?.headers['ms-requestid']);
  });

  it('differs between the GETs of two customers in one request', async () => {
    await readTwo();

    const ids = upstream(stack).map((r) => r.headers['ms-requestid']);
    expect(new Set(ids).size).toBe(2);
  });

  it('differs between two requests for the same customer', async () => {
    await readProfile(stack, US_CUSTOMER);
    await readProfile(stack, US_CUSTOMER);

    const ids = upstream(stack).map((r) => r.headers['ms-requestid']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

const MS_HEADER_ID = '0c0c0c0c-0000-4000-8000-0000000000aa';
const X_HEADER_ID = '0c0c0c0c-0000-4000-8000-0000000000bb';

describe('MS-CorrelationId', () => {
  it("forwards the caller's ms-correlationid header and returns it", async () => {
    const response = await readTwo({ 'ms-correlationid': '0c0c0c0c-0000-4000-8000-000000000001' });

    expect(correlationIdOf(response)).toBe('0c0c0c0c-0000-4000-8000-000000000001');
    for (const request of upstream(stack)) {
      expect(request.headers['ms-correlationid']).toBe('0c0c0c0c-0000-4000-8000-000000000001');
    }
  });

  it("forwards the caller's x-correlation-id header when there is no ms-correlationid", async () => {
    const correlationId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

    const response = await updateOnce({ 'x-correlation-id': correlationId });

    expect(correlationIdOf(response)).toBe(correlationId);
    expect(upstream(stack).map((r) => r.headers['ms-correlationid'])).toEqual([
      correlationId,
      correlationId,
    ]);
  });

  it('prefers ms-correlationid over x-correlation-id', async () => {
    const response = await readProfile(stack, US_CUSTOMER, {
      headers: { 'x-correlation-id': X_HEADER_ID, 'ms-correlationid': MS_HEADER_ID },
    });

    expect(correlationIdOf(response)).toBe(MS_HEADER_ID);
    expect(upstream(stack)[0]?.headers['ms-correlationid']).toBe(MS_HEADER_ID);
  });

  it('generates one per GraphQL request, shared by its upstream calls and returned', async () => {
    const response = await readTwo();

    const generated = correlationIdOf(response);
    expect(generated).toMatch(GUID);
    expect(upstream(stack).map((r) => r.headers['ms-correlationid'])).toEqual([
      generated,
      generated,
    ]);
  });

  it('generates one shared by the GET and the PUT of an update', async () => {
    const response = await updateOnce();

    const generated = correlationIdOf(response);
    expect(generated).toMatch(GUID);
    expect(upstream(stack).map((r) => r.headers['ms-correlationid'])).toEqual([
      generated,
      generated,
    ]);
  });

  it('generates a different one for each GraphQL request', async () => {
    const first = await readProfile(stack, US_CUSTOMER);
    const second = await readProfile(stack, US_CUSTOMER);

    expect(correlationIdOf(first)).not.toBe(correlationIdOf(second));
    expect(upstream(stack).map((r) => r.headers['ms-correlationid'])).toEqual([
      correlationIdOf(first),
      correlationIdOf(second),
    ]);
  });

  it.each([
    ['a value with spaces', 'not safe at all'],
    ['a value with a semicolon', 'abc;def'],
    ['a value over 64 characters', 'a'.repeat(65)],
    ['a non-GUID id (the contract defines MS-CorrelationId as a GUID)', 'caller-correlation-0001'],
    ['non-ASCII letters', 'corrélation'],
  ])('ignores %s and generates a GUID instead', async (_name, unsafe) => {
    const response = await readProfile(stack, US_CUSTOMER, {
      headers: { 'ms-correlationid': unsafe },
    });

    const used = correlationIdOf(response);
    expect(used).toMatch(GUID);
    expect(upstream(stack)[0]?.headers['ms-correlationid']).toBe(used);
  });

  it('falls back to x-correlation-id when ms-correlationid is unsafe', async () => {
    const response = await readProfile(stack, US_CUSTOMER, {
      headers: { 'ms-correlationid': 'bad value', 'x-correlation-id': X_HEADER_ID },
    });

    expect(correlationIdOf(response)).toBe(X_HEADER_ID);
    expect(upstream(stack)[0]?.headers['ms-correlationid']).toBe(X_HEADER_ID);
  });

  it('returns the correlation id even when the request fails before any upstream call', async () => {
    const response = await readProfile(stack, US_CUSTOMER, {
      token: null,
      headers: { 'ms-correlationid': MS_HEADER_ID },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(correlationIdOf(response)).toBe(MS_HEADER_ID);
  });
});

describe('logs', () => {
  it('never contain the caller token', async () => {
    const token = 'very-secret-caller-token.xyz';
    await readProfile(stack, US_CUSTOMER, { token });
    await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Logs' },
      storedProfile(stack, US_CUSTOMER).attributes.etag,
      { token },
    );

    expect(stack.logs.length).toBeGreaterThan(0);
    expect(stack.logText()).not.toContain(token);
  });
});
