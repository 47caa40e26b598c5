import { performance } from 'node:perf_hooks';

import { startEmulator } from '../../../src/emulator/emulator';
import type { EmulatorFaults } from '../../../src/emulator/emulator-faults';
import { TEST_TOKEN } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';
import {
  correlationIdOf,
  expectNothingLeaked,
  expectedProfile,
  expectStillServing,
  GB_CUSTOMER,
  onlyError,
  readProfile,
  storedProfile,
  UNKNOWN_CUSTOMER,
  updateProfile,
  upstream,
  US_CUSTOMER,
} from './gateway-test-kit';

describe('with the default policy (two read retries)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.stop();
  });
  beforeEach(() => {
    stack.emulator.reset();
  });

  describe('UNAUTHENTICATED without a bearer token', () => {
    it('refuses a read before any upstream request', async () => {
      const response = await readProfile(stack, US_CUSTOMER, { token: null });

      const error = onlyError(response);
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data).toEqual({ customer: null });
      expectNothingLeaked(response);
      expect(upstream(stack)).toHaveLength(0);
    });

    it('refuses an update before any upstream request', async () => {
      const response = await updateProfile(
        stack,
        { customerId: US_CUSTOMER, firstName: 'Nobody' },
        storedProfile(stack, US_CUSTOMER).attributes.etag,
        { token: null },
      );

      expect(onlyError(response).extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        written: false,
      });
      expect(response.data).toBeNull();
      expect(upstream(stack)).toHaveLength(0);
    });

    it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words', 'test-token.abc123'])(
      'treats the Authorization header %p as no bearer token',
      async (authorization) => {
        const response = await readProfile(stack, US_CUSTOMER, {
          token: null,
          headers: { authorization },
        });

        expect(onlyError(response).extensions?.code).toBe('UNAUTHENTICATED');
        expect(upstream(stack)).toHaveLength(0);
      },
    );
  });

  // Every read fault: the code, how many GETs the retry policy sends, and the extras it must carry.
  const readFaults: [string, EmulatorFaults, number, Record<string, unknown>][] = [
    ['UNAUTHENTICATED', { failNext: { status: 401 } }, 1, {}],
    ['FORBIDDEN', { failNext: { status: 403 } }, 1, {}],
    [
      'RATE_LIMITED',
      { failNext: { status: 429, retryAfterSeconds: 7 } },
      1,
      { retryAfterSeconds: 7, retryable: true },
    ],
    ['UPSTREAM_UNAVAILABLE', { failNext: { status: 503, count: 3 } }, 3, { retryable: true }],
    ['UPSTREAM_UNAVAILABLE', { failNext: { status: 500, count: 3 } }, 3, { retryable: true }],
    [
      'UPSTREAM_UNAVAILABLE',
      { dropConnection: { when: 'before-apply', count: 3 } },
      3,
      { retryable: true },
    ],
    ['UPSTREAM_TIMEOUT', { failNext: { status: 504, count: 3 } }, 3, { retryable: true }],
    ['UPSTREAM_ERROR', { malformedBody: { methods: ['GET'] } }, 1, { retryable: false }],
    ['UPSTREAM_ERROR', { failNext: { status: 400 } }, 1, {}],
  ];

  it.each(readFaults)(
    'answers a read with %s for %j after %i upstream GET(s), then keeps serving',
    async (code, faults, gets, extras) => {
      const stored = storedProfile(stack, US_CUSTOMER);
      stack.emulator.faults.set(faults);

      const response = await readProfile(stack, US_CUSTOMER);

      const error = onlyError(response);
      expect(error.extensions?.code).toBe(code);
      expect(error.extensions).toMatchObject(extras);
      // `written` belongs to the mutation: a read has nothing to say about it.
      expect(error.extensions).not.toHaveProperty('written');
      expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
      expect(error.path).toEqual(['customer']);
      expect(response.data).toEqual({ customer: null });
      expectNothingLeaked(response, [stored.email!, stored.defaultAddress!.addressLine1!]);
      expect(upstream(stack, 'GET')).toHaveLength(gets);
      await expectStillServing(stack);
    },
  );

  it('retries a read answered 503 once and returns the data after two GETs', async () => {
    stack.emulator.faults.set({ failNext: { status: 503, count: 1, methods: ['GET'] } });

    const response = await readProfile(stack, GB_CUSTOMER);

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.billingProfile?.etag).toBe(
      storedProfile(stack, GB_CUSTOMER).attributes.etag,
    );
    const gets = upstream(stack, 'GET');
    expect(gets).toHaveLength(2);
    // A retry is the same logical call: it keeps its MS-RequestId.
    expect(gets[1]?.headers['ms-requestid']).toBe(gets[0]?.headers['ms-requestid']);
  });

  it('retries a read whose connection dropped and returns the data', async () => {
    stack.emulator.faults.set({ dropConnection: { when: 'before-apply', methods: ['GET'] } });

    const response = await readProfile(stack, GB_CUSTOMER);

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.id).toBe(GB_CUSTOMER);
    expect(upstream(stack, 'GET')).toHaveLength(2);
  });

  it('answers NOT_FOUND with a correlation id for an update of an unknown customer', async () => {
    const response = await updateProfile(
      stack,
      { customerId: UNKNOWN_CUSTOMER, firstName: 'Ghost' },
      'any-etag',
    );

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(error.extensions?.written).toBe(false);
    expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
    expect(response.data).toBeNull();
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET']);
    expectNothingLeaked(response);
    await expectStillServing(stack);
  });

  it('answers an update with UPSTREAM_UNAVAILABLE and sends no PUT when the read before it fails', async () => {
    const before = storedProfile(stack, US_CUSTOMER);
    stack.emulator.faults.set({ failNext: { status: 503, count: 3, methods: ['GET'] } });

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Unread' },
      before.attributes.etag,
    );

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions?.written).toBe(false);
    expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
    await expectStillServing(stack);
  });

  // Faults on the PUT only: the read before it succeeds, the PUT is answered once and never resent.
  // A 5xx is settled by a fresh read (it may have come after the write): written is then known.
  const writeFaults: [string, EmulatorFaults['failNext'], Record<string, unknown>][] = [
    ['UPSTREAM_UNAVAILABLE', { status: 503, methods: ['PUT'] }, { retryable: true }],
    ['UPSTREAM_UNAVAILABLE', { status: 500, methods: ['PUT'] }, { retryable: true }],
    ['FORBIDDEN', { status: 403, methods: ['PUT'] }, { retryable: false }],
    [
      'RATE_LIMITED',
      { status: 429, methods: ['PUT'], retryAfterSeconds: 7 },
      { retryAfterSeconds: 7, retryable: true },
    ],
    // An order in progress (409, code 800060) passes: retry later. It is not throttling.
    ['UPSTREAM_UNAVAILABLE', { status: 409, methods: ['PUT'] }, { retryable: true }],
    ['UNAUTHENTICATED', { status: 401, methods: ['PUT'] }, {}],
    ['NOT_FOUND', { status: 404, methods: ['PUT'] }, {}],
  ];

  it.each(writeFaults)(
    'answers an update with %s for PUT fault %j after exactly one PUT, store unchanged',
    async (code, failNext, extras) => {
      const before = storedProfile(stack, US_CUSTOMER);
      stack.emulator.faults.set({ failNext });

      const response = await updateProfile(
        stack,
        { customerId: US_CUSTOMER, firstName: 'Unwritten' },
        before.attributes.etag,
      );

      const error = onlyError(response);
      expect(error.extensions?.code).toBe(code);
      expect(error.extensions).toMatchObject(extras);
      expect(error.extensions?.written).toBe(false);
      expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
      expect(response.data).toBeNull();
      expectNothingLeaked(response);
      expect(upstream(stack, 'PUT')).toHaveLength(1);
      expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
      await expectStillServing(stack);
    },
  );

  it('answers BillingProfileUpdated when the PUT was applied but its 200 answer cannot be read: a fresh read shows the write', async () => {
    const before = storedProfile(stack, US_CUSTOMER);
    stack.emulator.faults.set({ malformedBody: { methods: ['PUT'] } });

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Garbled' },
      before.attributes.etag,
    );

    expect(response.errors).toBeUndefined();
    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('BillingProfileUpdated');
    const after = storedProfile(stack, US_CUSTOMER);
    if (result?.__typename === 'BillingProfileUpdated') {
      expect(result.billingProfile).toEqual(expectedProfile(after));
    }
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    await expectStillServing(stack);
  });

  it('answers the error with written: false when every attempt dropped before the PUT was applied', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    stack.emulator.faults.set({
      dropConnection: { when: 'before-apply', methods: ['PUT'], count: 3 },
    });

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Lost' },
      before.attributes.etag,
    );

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions?.written).toBe(false);
    expect(error.extensions?.retryable).toBe(true);
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT', 'PUT', 'PUT', 'GET']);
    expect(storedProfile(stack, GB_CUSTOMER)).toEqual(before);
  });

  it('answers BillingProfileUpdated when every answer to an applied PUT was lost: the fresh read shows the write', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    stack.emulator.faults.set({
      dropConnection: { when: 'after-apply', methods: ['PUT'], count: 3 },
    });

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Applied' },
      before.attributes.etag,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(storedProfile(stack, GB_CUSTOMER).firstName).toBe('Applied');
  });

  it("answers written: null when the PUT is unconfirmed and the fresh read shows somebody else's write", async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    const gate = stack.emulator.gate({ methods: ['PUT'], tokens: ['writer-a'] });
    const pending = updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Anna' },
      before.attributes.etag,
      { token: 'writer-a' },
    );
    await gate.arrived(1);
    // While A's PUT waits, B writes; then A's PUT is answered 503. Was A's applied, then
    // overwritten, or never? The fresh read cannot say.
    const b = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Bert' },
      before.attributes.etag,
      { token: 'writer-b' },
    );
    expect(b.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    stack.emulator.faults.set({ failNext: { status: 503, methods: ['PUT'] } });
    await gate.release();

    const error = onlyError(await pending);
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', written: null });
    expect(storedProfile(stack, GB_CUSTOMER).firstName).toBe('Bert');
  });

  it('answers written: null when the PUT is unconfirmed and the fresh read fails too', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    const gate = stack.emulator.gate({ methods: ['PUT'] });
    stack.emulator.faults.set({
      dropConnection: { when: 'after-apply', methods: ['PUT'], count: 3 },
    });
    const pending = updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Unknown' },
      before.attributes.etag,
    );
    // The read is over once the PUT arrives: from now on every GET fails, so the re-read fails.
    await gate.arrived(1);
    stack.emulator.faults.set({ failNext: { status: 503, count: 3, methods: ['GET'] } });
    await gate.release();

    const error = onlyError(await pending);
    expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions?.written).toBeNull();
    expect(storedProfile(stack, GB_CUSTOMER).firstName).toBe('Unknown');
  });

  it('resends a PUT whose connection dropped after it was applied, with the same MS-RequestId, and applies it once', async () => {
    const before = storedProfile(stack, US_CUSTOMER);
    stack.emulator.faults.set({ dropConnection: { when: 'after-apply', methods: ['PUT'] } });

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Once' },
      before.attributes.etag,
    );

    expect(response.errors).toBeUndefined();
    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('BillingProfileUpdated');
    const puts = upstream(stack, 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.headers['ms-requestid']).toBe(puts[0]?.headers['ms-requestid']);
    const after = storedProfile(stack, US_CUSTOMER);
    expect(after.firstName).toBe('Once');
    // Applied twice, the second PUT would have met a changed etag (400, code 2055) and answered EtagMismatch.
    if (result?.__typename === 'BillingProfileUpdated') {
      expect(result.billingProfile.etag).toBe(after.attributes.etag);
    }
  });

  it('resends a PUT whose connection dropped before it was applied and applies it once', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    stack.emulator.faults.set({ dropConnection: { when: 'before-apply', methods: ['PUT'] } });

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Retried' },
      before.attributes.etag,
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    const puts = upstream(stack, 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.headers['ms-requestid']).toBe(puts[0]?.headers['ms-requestid']);
    expect(storedProfile(stack, GB_CUSTOMER).firstName).toBe('Retried');
  });

  it('never writes the caller token to the logs, even while upstream fails', async () => {
    stack.emulator.faults.set({ failNext: { status: 503, count: 3 } });
    await readProfile(stack, US_CUSTOMER);
    stack.emulator.faults.set({ failNext: { status: 401 } });
    await readProfile(stack, US_CUSTOMER);
    await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Logged' },
      storedProfile(stack, US_CUSTOMER).attributes.etag,
    );

    const text = stack.logText();
    expect(text).toContain('upstream failure');
    expect(text).not.toContain(TEST_TOKEN);
  });
});

describe('UPSTREAM_TIMEOUT', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { PARTNER_CENTER_TIMEOUT_MS: '1000', PARTNER_CENTER_RETRIES: '0' },
    });
  });
  afterAll(async () => {
    await stack.stop();
  });
  beforeEach(() => {
    stack.emulator.reset();
  });

  it('answers a read with UPSTREAM_TIMEOUT when Partner Center is slower than the timeout', async () => {
    // undici checks header timeouts on a coarse (about 0.5 s) clock, so the delay leaves a wide margin;
    // that is also why loadConfig refuses timeouts under 1000 ms.
    const latencyMs = 3_000;
    stack.emulator.faults.set({ latencyMs });

    const started = performance.now();
    const response = await readProfile(stack, US_CUSTOMER);
    const elapsed = performance.now() - started;

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.extensions?.retryable).toBe(true);
    expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
    expectNothingLeaked(response);
    expect(upstream(stack, 'GET')).toHaveLength(1);
    expect(elapsed).toBeLessThan(latencyMs);
    await expectStillServing(stack);
  });
});

describe('UPSTREAM_UNAVAILABLE when Partner Center cannot be reached', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A stopped emulator: its port refuses connections.
    const stopped = await startEmulator({ port: 0, host: '127.0.0.1' });
    await stopped.close();
    stack = await startStack({ env: { PARTNER_CENTER_BASE_URL: stopped.url } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers a read with UPSTREAM_UNAVAILABLE and a correlation id', async () => {
    const response = await readProfile(stack, US_CUSTOMER);

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
    expectNothingLeaked(response, ['ECONNREFUSED', '127.0.0.1']);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('answers an update with UPSTREAM_UNAVAILABLE', async () => {
    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Nowhere' },
      'some-etag',
    );

    expect(onlyError(response).extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('keeps answering GraphQL requests after refused connections', async () => {
    await readProfile(stack, US_CUSTOMER);

    const response = await readProfile(stack, 'not-a-guid');

    expect(onlyError(response).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('UNAUTHENTICATED when Partner Center rejects the token', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ emulator: { tokens: ['a-token-partner-center-knows'] } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers UNAUTHENTICATED with a correlation id after one GET', async () => {
    const response = await readProfile(stack, US_CUSTOMER);

    const error = onlyError(response);
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error.extensions?.correlationId).toBe(correlationIdOf(response));
    expectNothingLeaked(response);
    expect(stack.emulator.requests).toHaveLength(1);
  });

  it('serves a caller whose token Partner Center accepts', async () => {
    const response = await readProfile(stack, US_CUSTOMER, {
      token: 'a-token-partner-center-knows',
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.id).toBe(US_CUSTOMER);
  });
});

describe('RATE_LIMITED by the emulator throttle', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ emulator: { rateLimit: { requests: 1, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers RATE_LIMITED with the Retry-After delay once the limit is used up', async () => {
    const first = await readProfile(stack, US_CUSTOMER);
    expect(first.errors).toBeUndefined();

    const second = await readProfile(stack, GB_CUSTOMER);

    const error = onlyError(second);
    expect(error.extensions?.code).toBe('RATE_LIMITED');
    expect(error.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    expect(error.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.extensions?.correlationId).toBe(correlationIdOf(second));
    // 429 is never retried: the caller decides when to come back.
    expect(stack.emulator.requests).toHaveLength(2);
  });
});
