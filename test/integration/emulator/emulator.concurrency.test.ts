import { randomUUID } from 'node:crypto';

import {
  expectErrorBody,
  fetchProfile,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

describe('emulator concurrency', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(async () => {
    await t.stop();
  });

  it.each([false, true])(
    'lets exactly one of 10 simultaneous PUTs with the same etag win, the others get 400 code 2055 (held at a gate: %p)',
    async (held) => {
      const id = seedCustomer('DE').id;
      const { profile, request } = await fetchProfile(t.http, id);
      const gate = held ? t.emulator.gate({ methods: ['PUT'] }) : undefined;

      const racing = Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.http.putProfile(
            id,
            { ...request, FirstName: `Writer ${i}` },
            { etag: profile.attributes.etag, requestId: randomUUID() },
          ),
        ),
      );
      if (gate) {
        await gate.arrived(10);
        await gate.release();
      }
      const answers = await racing;

      const winners = answers.filter((a) => a.status === 200);
      const losers = answers.filter((a) => a.status !== 200);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(9);
      for (const loser of losers) {
        expectErrorBody(loser, 400, '2055');
      }
      const winner = winners[0]!;
      expect(winner.body.firstName).toMatch(/^Writer \d$/);
      expect((await t.http.getProfile(id)).body).toEqual(winner.body);
      expect(t.emulator.store.getProfile(id)).toEqual(winner.body);
    },
  );

  it('keeps simultaneous PUTs to different customers apart', async () => {
    const ids = ['US', 'GB', 'DE', 'JP', 'BR', 'IN', 'IE'].map(
      (country) => seedCustomer(country).id,
    );
    const current = await Promise.all(ids.map((id) => fetchProfile(t.http, id)));

    const answers = await Promise.all(
      ids.map((id, i) =>
        t.http.putProfile(
          id,
          { ...current[i]!.request, LastName: `Parallel ${i}` },
          { etag: current[i]!.profile.attributes.etag },
        ),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    for (const [i, id] of ids.entries()) {
      expect(t.emulator.store.getProfile(id)?.lastName).toBe(`Parallel ${i}`);
    }
  });

  describe('gate', () => {
    it('holds a matching PUT, recorded but unanswered, while a GET passes; release answers it', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      request.FirstName = 'Held';
      const gate = t.emulator.gate({ methods: ['PUT'] });

      const pending = t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });
      await gate.arrived(1);
      const read = await t.http.getProfile(US_CUSTOMER.id);

      expect(read.status).toBe(200);
      expect(read.body).toEqual(profile);
      const held = t.emulator.requests.find((r) => r.method === 'PUT');
      expect(held).toBeDefined();
      expect(held?.status).toBeUndefined();

      await gate.release();
      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.body.firstName).toBe('Held');
      expect(held?.status).toBe(200);
    });

    it('answers a repeat of a held PUT with the same MS-RequestId with the first answer, applied once', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      request.FirstName = 'Once';
      const requestId = randomUUID();
      const gate = t.emulator.gate({ methods: ['PUT'] });

      const both = Promise.all([
        t.http.putProfile(US_CUSTOMER.id, request, { etag: profile.attributes.etag, requestId }),
        t.http.putProfile(US_CUSTOMER.id, request, { etag: profile.attributes.etag, requestId }),
      ]);
      await gate.arrived(2);
      await gate.release();
      const [first, second] = await both;

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.text).toBe(first.text);
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toEqual(first.body);
    });

    it('lets a reset release the requests a gate holds', async () => {
      const gate = t.emulator.gate();

      const pending = t.http.getProfile(US_CUSTOMER.id);
      await gate.arrived(1);
      t.emulator.reset();

      expect((await pending).status).toBe(200);
      expect(gate.matches('GET')).toBe(false);
    });

    it('releases the previous gate when a new one is set', async () => {
      const first = t.emulator.gate({ methods: ['GET'] });

      const pending = t.http.getProfile(US_CUSTOMER.id);
      await first.arrived(1);
      const second = t.emulator.gate({ methods: ['PUT'] });

      expect((await pending).status).toBe(200);
      expect(first.matches('GET')).toBe(false);
      expect(second.matches('PUT')).toBe(true);
      await second.release();
    });
  });
});
