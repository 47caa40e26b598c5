import {
  fetchProfile,
  startTestEmulator,
  US_CUSTOMER,
  type HttpAnswer,
  type TestEmulator,
} from '../../helpers/emulator-http';

const PATH = `/v1/customers/${US_CUSTOMER.id}/profiles/billing`;

/** The documented 429 (api-throttling-guidance): Retry-After, and exactly this body, without a code. */
function expectThrottled(answer: HttpAnswer): number {
  expect(answer.status).toBe(429);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
  const seconds = Number(answer.headers['retry-after']);
  expect(answer.body).toStrictEqual({
    statusCode: 429,
    message: `Rate limit is exceeded. Try again in ${seconds} seconds.`,
  });
  return seconds;
}

describe('emulator throttling', () => {
  describe('with rateLimit 2 per minute', () => {
    let t: TestEmulator;

    beforeEach(async () => {
      t = await startTestEmulator({ rateLimit: { requests: 2, windowMs: 60_000 } });
    });

    afterEach(async () => {
      await t.stop();
    });

    it('answers the third call of a partner with 429, Retry-After and the documented body', async () => {
      const first = await t.http.send('GET', PATH);
      const second = await t.http.send('GET', PATH);

      const third = await t.http.send('GET', PATH);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(expectThrottled(third)).toBeLessThanOrEqual(60);
      expect(third.body).not.toHaveProperty('code');
    });

    it('counts PUTs and GETs against the same limit and applies nothing when throttled', async () => {
      await t.http.send('GET', PATH);
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      request.FirstName = 'Throttled';

      const put = await t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });

      expectThrottled(put);
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toEqual(profile);
    });

    it('does not throttle a different partner (token)', async () => {
      await t.http.send('GET', PATH, { token: 'partner-a' });
      await t.http.send('GET', PATH, { token: 'partner-a' });
      const throttled = await t.http.send('GET', PATH, { token: 'partner-a' });

      const other = await t.http.send('GET', PATH, { token: 'partner-b' });

      expectThrottled(throttled);
      expect(other.status).toBe(200);
    });

    it('does not count unauthenticated calls against a partner', async () => {
      await t.http.send('GET', PATH, { token: null });
      await t.http.send('GET', PATH, { token: null });
      await t.http.send('GET', PATH, { token: null });

      const answer = await t.http.send('GET', PATH);

      expect(answer.status).toBe(200);
    });

    it('admits the partner again after reset', async () => {
      await t.http.send('GET', PATH);
      await t.http.send('GET', PATH);
      expectThrottled(await t.http.send('GET', PATH));

      t.emulator.reset();

      expect((await t.http.send('GET', PATH)).status).toBe(200);
    });
  });

  describe('by default', () => {
    let t: TestEmulator;

    beforeAll(async () => {
      t = await startTestEmulator();
    });

    afterAll(async () => {
      await t.stop();
    });

    it('throttles nothing', async () => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => t.http.send('GET', PATH)));

      expect(answers.map((a) => a.status)).toEqual(Array<number>(50).fill(200));
      expect(answers.every((a) => a.headers['retry-after'] === undefined)).toBe(true);
    });
  });
});
