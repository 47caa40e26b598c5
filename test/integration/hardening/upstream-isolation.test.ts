import { startStack, useStack, type Stack } from '../../helpers/start-stack';
import {
  GB_CUSTOMER,
  onlyError,
  readProfile,
  storedProfile,
  updateProfile,
  upstream,
  US_CUSTOMER,
} from '../gateway/gateway-test-kit';

// Six pooled connections upstream and four calls per caller: a caller whose calls hang can hold at
// most four of them, so another caller always finds a connection.
const stack = useStack({
  env: {
    PARTNER_CENTER_MAX_CALLS_PER_CALLER: '4',
    PARTNER_CENTER_MAX_QUEUED_CALLS_PER_CALLER: '4',
  },
  client: { connections: 6 },
});

describe('one caller cannot starve the others', () => {
  it("answers a caller while another caller's reads hang, and refuses that caller past its line", async () => {
    const gate = stack.emulator.gate({ methods: ['GET'], tokens: ['slow-caller'] });
    const slow = Array.from({ length: 8 }, () =>
      readProfile(stack, US_CUSTOMER, { token: 'slow-caller' }),
    );
    // Four calls reach Partner Center and hang; four wait in the caller's line.
    await gate.arrived(4);

    const fast = await readProfile(stack, GB_CUSTOMER, { token: 'fast-caller' });
    expect(fast.errors).toBeUndefined();
    expect(fast.data?.customer?.billingProfile?.etag).toBe(
      storedProfile(stack, GB_CUSTOMER).attributes.etag,
    );

    const refused = await readProfile(stack, US_CUSTOMER, { token: 'slow-caller' });
    expect(onlyError(refused).extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
      retryable: true,
    });
    const slowCalls = (): number =>
      upstream(stack, 'GET').filter((r) => r.headers.authorization === 'Bearer slow-caller').length;
    expect(slowCalls()).toBe(4);

    await gate.release();
    for (const answer of await Promise.all(slow)) {
      expect(answer.errors).toBeUndefined();
    }
    expect(slowCalls()).toBe(8);
  });

  it('refuses an update past the caller line before anything is sent, with written: false', async () => {
    const gate = stack.emulator.gate({ methods: ['GET'], tokens: ['busy-caller'] });
    const busy = Array.from({ length: 8 }, () =>
      readProfile(stack, US_CUSTOMER, { token: 'busy-caller' }),
    );
    await gate.arrived(4);

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Queued' },
      storedProfile(stack, GB_CUSTOMER).attributes.etag,
      { token: 'busy-caller' },
    );

    expect(onlyError(response).extensions).toMatchObject({ code: 'RATE_LIMITED', written: false });
    expect(upstream(stack, 'PUT')).toHaveLength(0);
    await gate.release();
    await Promise.all(busy);
  });
});

describe('a Partner Center answer that breaks off mid-body', () => {
  it('is read again whole, never resumed with a Range request', async () => {
    stack.emulator.faults.set({ brokenBody: { methods: ['GET'] } });

    const response = await readProfile(stack, US_CUSTOMER);

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.billingProfile?.etag).toBe(
      storedProfile(stack, US_CUSTOMER).attributes.etag,
    );
    const gets = upstream(stack, 'GET');
    expect(gets).toHaveLength(2);
    for (const get of gets) {
      expect(get.headers).not.toHaveProperty('range');
      expect(get.path).toBe(`/v1/customers/${US_CUSTOMER}/profiles/billing`);
    }
  });

  it('on an applied PUT, is settled by a fresh read instead of a resumed PUT', async () => {
    stack.emulator.faults.set({ brokenBody: { methods: ['PUT'] } });

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Broken' },
      storedProfile(stack, US_CUSTOMER).attributes.etag,
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    expect(upstream(stack, 'PUT')[0]?.headers).not.toHaveProperty('range');
    expect(storedProfile(stack, US_CUSTOMER).firstName).toBe('Broken');
  });
});

describe('the gateway as a whole', () => {
  let small: Stack;
  beforeAll(async () => {
    small = await startStack({ env: { MAX_CONCURRENT_REQUESTS: '2' } });
  });
  afterAll(async () => {
    await small.stop();
  });

  it('refuses requests beyond MAX_CONCURRENT_REQUESTS at once, with 503 and Retry-After, and recovers', async () => {
    const gate = small.emulator.gate({ methods: ['GET'] });
    const held = [readProfile(small, US_CUSTOMER), readProfile(small, GB_CUSTOMER)];
    await gate.arrived(2);

    const refused = await fetch(small.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"query":"{ __typename }"}',
    });

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({
      errors: [{ extensions: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 } }],
    });
    await gate.release();
    for (const answer of await Promise.all(held)) {
      expect(answer.errors).toBeUndefined();
    }
    const after = await readProfile(small, US_CUSTOMER);
    expect(after.errors).toBeUndefined();
  });
});
