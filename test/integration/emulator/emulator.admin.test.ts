import type { RecordedRequest } from '../../../src/emulator/emulator';
import type { EmulatorFaults } from '../../../src/emulator/emulator-faults';
import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import {
  expectErrorBody,
  fetchProfile,
  startTestEmulator,
  TOKEN,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

const ID = US_CUSTOMER.id;
const PATH = `/v1/customers/${ID}/profiles/billing`;

describe('emulator admin API', () => {
  describe('by default (admin off)', () => {
    let t: TestEmulator;

    beforeAll(async () => {
      t = await startTestEmulator();
    });

    afterAll(async () => {
      await t.stop();
    });

    it.each<[string, string]>([
      ['GET', '/__emulator/faults'],
      ['GET', '/__emulator/requests'],
    ])('answers %s %s from the API router with 404 code 1000', async (method, path) => {
      const answer = await t.http.send(method, path);

      expectErrorBody(answer, 404, '1000');
    });

    it('does not let PUT /__emulator/faults change the faults', async () => {
      const answer = await t.http.send('PUT', '/__emulator/faults', {
        body: { failNext: { status: 503 } },
      });

      expectErrorBody(answer, 404, '1000');
      expect(t.emulator.faults.snapshot()).toEqual({});
      expect((await t.http.send('GET', PATH)).status).toBe(200);
    });

    it('does not let POST /__emulator/reset undo a change', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);
      const put = await t.http.putProfile(ID, request, { etag: profile.attributes.etag });

      const answer = await t.http.send('POST', '/__emulator/reset');

      expectErrorBody(answer, 404, '1000');
      expect(t.emulator.store.getProfile(ID)).toEqual(put.body);
    });

    it('asks for a token like any API path', async () => {
      const answer = await t.http.send('GET', '/__emulator/faults', { token: null });

      expectErrorBody(answer, 401, '400');
    });
  });

  describe('with admin: true', () => {
    let t: TestEmulator;

    beforeEach(async () => {
      t = await startTestEmulator({ admin: true });
    });

    afterEach(async () => {
      await t.stop();
    });

    it('PUT /__emulator/faults installs faults that the next call meets', async () => {
      const set = await t.http.send<EmulatorFaults>('PUT', '/__emulator/faults', {
        token: null,
        body: { failNext: { status: 503, methods: ['GET'] } },
      });

      expect(set.status).toBe(200);
      expect(set.body).toEqual({ failNext: { status: 503, methods: ['GET'] } });
      expectErrorBody(await t.http.send('GET', PATH), 503, '800003');
      expect((await t.http.send('GET', PATH)).status).toBe(200);
    });

    it('GET /__emulator/faults shows the current faults', async () => {
      t.emulator.faults.set({ latencyMs: 3 });

      const answer = await t.http.send('GET', '/__emulator/faults', { token: null });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ latencyMs: 3 });
    });

    it('DELETE /__emulator/faults clears them', async () => {
      t.emulator.faults.set({ failNext: { status: 500 } });

      const answer = await t.http.send('DELETE', '/__emulator/faults', { token: null });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});
      expect((await t.http.send('GET', PATH)).status).toBe(200);
    });

    it.each<[string, string]>([
      ['invalid faults', '{"failNext":{"status":200}}'],
      ['unparsable JSON', '{"failNext":'],
    ])('answers PUT /__emulator/faults with %s with 400 and keeps the faults', async (_c, body) => {
      t.emulator.faults.set({ latencyMs: 2 });

      const answer = await t.http.send('PUT', '/__emulator/faults', { token: null, body });

      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(
        expect.objectContaining({ code: 'ADMIN', description: expect.any(String) as unknown }),
      );
      expect(t.emulator.faults.snapshot()).toEqual({ latencyMs: 2 });
    });

    it('GET /__emulator/requests lists API requests with the authorization redacted', async () => {
      await t.http.send('GET', PATH, {
        headers: { 'ms-correlationid': '0c0c0c0c-0000-4000-8000-0000000000c1' },
      });

      const answer = await t.http.send<RecordedRequest[]>('GET', '/__emulator/requests', {
        token: null,
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual([
        {
          method: 'GET',
          path: PATH,
          headers: expect.objectContaining({
            authorization: 'Bearer [redacted]',
            'ms-correlationid': '0c0c0c0c-0000-4000-8000-0000000000c1',
          }) as unknown,
          status: 200,
        },
      ]);
      expect(answer.text).not.toContain(TOKEN);
      // In process, tests still see what was sent.
      expect(t.emulator.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('DELETE /__emulator/requests empties the log', async () => {
      await t.http.send('GET', PATH);

      const cleared = await t.http.send('DELETE', '/__emulator/requests', { token: null });
      const listed = await t.http.send('GET', '/__emulator/requests', { token: null });

      expect(cleared.status).toBe(200);
      expect(listed.body).toEqual([]);
    });

    it('POST /__emulator/reset restores the seed data and its original etag', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);
      request.FirstName = 'Changed';
      const put = await t.http.putProfile(ID, request, { etag: profile.attributes.etag });
      expect(put.body.attributes.etag).not.toBe(profile.attributes.etag);
      t.emulator.faults.set({ latencyMs: 1 });

      const reset = await t.http.send('POST', '/__emulator/reset', { token: null });

      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ customers: SEED_CUSTOMERS.map((c) => c.id) });
      expect((await t.http.getProfile(ID)).body).toEqual(profile);
      expect(t.emulator.faults.snapshot()).toEqual({});
    });

    it('answers an unknown admin route with 404 code 1000', async () => {
      const answer = await t.http.send('GET', '/__emulator/nothing', { token: null });

      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(expect.objectContaining({ code: '1000' }));
    });
  });
});
