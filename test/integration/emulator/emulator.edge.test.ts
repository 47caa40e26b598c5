import { MAX_RECORDED_REQUESTS, startEmulator } from '../../../src/emulator/emulator';
import {
  expectErrorBody,
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
