import {
  expectErrorBody,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

const PATH = `/v1/customers/${US_CUSTOMER.id}/profiles/billing`;

describe('emulator throttling', () => {
  describe('with rateLimit 2 per minute', () => {
    let t: TestEmulator;

    beforeEach(async () => {
      t = await startTestEmulator({ rateLimit: { requests: 2, windowMs: 60_000 } });
    });

    afterEach(async () => {
      await t.stop();
    });

    it('answers the third call of a partner with 429, Retry-After and an error body', async () => {
      const first = await t.http.send('GET', PATH);
      const second = await t.http.send('GET', PATH);

      const third = await t.http.send('GET', PATH);

      expect([first.status, second.status]).toEqual([200, 200]);
      expectErrorBody(third, 429, '800060');
      expect(third.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
      expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(60);
    });

    it('counts PUTs and GETs against the same limit and applies nothing when throttled', async () => {
      await t.http.send('GET', PATH);
      const current = await t.http.getProfile(US_CUSTOMER.id);

      const put = await t.http.putProfile(
        US_CUSTOMER.id,
        {},
        { etag: current.body.attributes.etag },
      );

      expectErrorBody(put, 429, '800060');
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toEqual(current.body);
    });

    it('does not throttle a different partner (token)', async () => {
      await t.http.send('GET', PATH, { token: 'partner-a' });
      await t.http.send('GET', PATH, { token: 'partner-a' });
      const throttled = await t.http.send('GET', PATH, { token: 'partner-a' });

      const other = await t.http.send('GET', PATH, { token: 'partner-b' });

      expect(throttled.status).toBe(429);
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
      expect((await t.http.send('GET', PATH)).status).toBe(429);

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
