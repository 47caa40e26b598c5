import {
  MAX_RECORDED_BODY_CHARS,
  MAX_RECORDED_REQUESTS,
  startEmulator,
} from '../../../src/emulator/emulator';
import {
  expectErrorBody,
  fetchProfile,
  startTestEmulator,
  type TestEmulator,
  US_CUSTOMER,
} from '../../helpers/emulator-http';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ admin: true, maxBodyBytes: 1024 });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => {
  t.emulator.reset();
});

it('answers an injected fault with the given Partner Center code and per-field data', async () => {
  const data = [{ field: 'DefaultAddress.PostalCode', message: 'PostalCode is not valid.' }];
  t.emulator.faults.set({ failNext: { status: 400, code: '3000', data, methods: ['PUT'] } });
  const answer = await t.http.putProfile(US_CUSTOMER.id, {}, { etag: 'x' });
  const body = expectErrorBody(answer, 400, '3000');
  expect(body.data).toEqual(data);
});

it('answers an injected 429 with a code as a Partner Center error body, keeping Retry-After', async () => {
  t.emulator.faults.set({ failNext: { status: 429, code: '800060', retryAfterSeconds: 3 } });
  const answer = await t.http.getProfile(US_CUSTOMER.id);
  expectErrorBody(answer, 429, '800060');
  expect(answer.headers['retry-after']).toBe('3');
});

it('rejects injected fault data that is not a list of { field, message }', () => {
  expect(() =>
    t.emulator.faults.set({ failNext: { status: 400, data: [{ field: 1 }] } } as never),
  ).toThrow(TypeError);
});

it('adds latency only to the methods listed in latencyMethods', async () => {
  t.emulator.faults.set({ latencyMs: 300, latencyMethods: ['PUT'] });
  const started = performance.now();
  const answer = await t.http.getProfile(US_CUSTOMER.id);
  expect(answer.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(300);
  expect(t.emulator.faults.latencyMs('PUT')).toBe(300);
  expect(t.emulator.faults.latencyMs('GET')).toBe(0);
});

it.each(['!!!', 'bm90LWEtbnVtYmVy' /* "not-a-number" */, '-1'])(
  'refuses the continuation token %p with 400 800002',
  async (token) => {
    const answer = await t.http.send('GET', '/v1/customers?size=2', {
      headers: { 'ms-continuationtoken': token },
    });
    expectErrorBody(answer, 400, '800002');
  },
);

it('checks the token before the body size: an oversized body without a token gets 401', async () => {
  const answer = await t.http.send('PUT', `/v1/customers/${US_CUSTOMER.id}/profiles/billing`, {
    token: null,
    body: 'x'.repeat(5000),
  });
  expectErrorBody(answer, 401, '400');
});

it('answers an oversized admin request with 400, not a crash', async () => {
  const answer = await t.http.send('PUT', '/__emulator/faults', { body: 'x'.repeat(5000) });
  expect(answer.status).toBe(400);
  expect(t.emulator.faults.snapshot()).toEqual({});
});

it.each([
  { requests: 0, windowMs: 1000 },
  { requests: 1, windowMs: 0 },
  { requests: 1.5, windowMs: 10 },
])('refuses to start with the rate limit %p', async (rateLimit) => {
  await expect(startEmulator({ port: 0, rateLimit })).rejects.toThrow(TypeError);
});

it.each(['ms-requestid', 'ms-correlationid'])(
  'refuses a %s that is not a GUID with 400 800002, as the contract defines both as GUIDs',
  async (name) => {
    const answer = await t.http.send('GET', `/v1/customers/${US_CUSTOMER.id}/profiles/billing`, {
      headers: { [name]: 'not-a-guid' },
    });
    expectErrorBody(answer, 400, '800002');
  },
);

it('keeps no request log when recordRequests is false (the embedded emulator of npm start)', async () => {
  const quiet = await startTestEmulator({ recordRequests: false });
  try {
    expect((await quiet.http.getProfile(US_CUSTOMER.id)).status).toBe(200);
    expect(quiet.emulator.requests).toEqual([]);
  } finally {
    await quiet.stop();
  }
});

it(`keeps at most ${MAX_RECORDED_REQUESTS} recorded requests, dropping the oldest`, async () => {
  const extra = 3;
  for (let i = 0; i < MAX_RECORDED_REQUESTS + extra; i += 1) {
    t.emulator.requests.push({ method: 'GET', path: `/filler/${i}`, headers: {} });
  }
  t.emulator.requests.splice(0, extra);
  await t.http.getProfile(US_CUSTOMER.id);
  expect(t.emulator.requests).toHaveLength(MAX_RECORDED_REQUESTS);
  expect(t.emulator.requests.at(-1)?.path).toContain('/profiles/billing');
  expect(t.emulator.requests[0]?.path).toBe(`/filler/${extra + 1}`);
});

it('applies dropConnection after-apply to PUTs only when no methods are given', async () => {
  t.emulator.faults.set({ dropConnection: { when: 'after-apply' } });
  expect(t.emulator.faults.snapshot().dropConnection?.methods).toEqual(['PUT']);
  const read = await t.http.getProfile(US_CUSTOMER.id);
  expect(read.status).toBe(200);
  expect(t.emulator.faults.snapshot().dropConnection).toBeDefined();
});

it.each(['soon', -1, 1.5, '1\r\nX-Evil: 1'])(
  'refuses failNext.retryAfterSeconds %p',
  (retryAfterSeconds) => {
    expect(() =>
      t.emulator.faults.set({ failNext: { status: 429, retryAfterSeconds } } as never),
    ).toThrow(TypeError);
  },
);

it('never matches a weak etag in If-Match, even when the body carries the current one', async () => {
  const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
  expect(request.Attributes.Etag).toBe(profile.attributes.etag);
  const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
    etag: `W/"${profile.attributes.etag}"`,
  });
  expectErrorBody(answer, 400, '2055');
});

it('answers an unparsable body with 400 code 800002 even when its If-Match is stale', async () => {
  const answer = await t.http.putProfile(US_CUSTOMER.id, '{"Id":', { etag: 'stale' });
  expectErrorBody(answer, 400, '800002');
});

it('treats q=0 as not acceptable: Accept application/json;q=0, text/html gets 406', async () => {
  const answer = await t.http.send('GET', `/v1/customers/${US_CUSTOMER.id}/profiles/billing`, {
    headers: { accept: 'application/json;q=0, text/html' },
  });
  expectErrorBody(answer, 406, '800002');
});

it('accepts more than one space after Bearer (RFC 6750: 1*SP)', async () => {
  const answer = await t.http.send('GET', `/v1/customers/${US_CUSTOMER.id}/profiles/billing`, {
    token: null,
    headers: { authorization: 'bearer   some-token' },
  });
  expect(answer.status).toBe(200);
});

it(`cuts recorded bodies at ${MAX_RECORDED_BODY_CHARS} characters`, async () => {
  const big = await startTestEmulator();
  try {
    await big.http.send('PUT', `/v1/customers/${US_CUSTOMER.id}/profiles/billing`, {
      body: 'x'.repeat(20_000),
    });
    const recorded = big.emulator.requests[0]?.body ?? '';
    expect(recorded.length).toBeLessThan(MAX_RECORDED_BODY_CHARS + 20);
    expect(recorded.endsWith('[truncated]')).toBe(true);
  } finally {
    await big.stop();
  }
});
