import { randomUUID } from 'node:crypto';

import {
  expectErrorBody,
  fetchProfile,
  seedCustomer,
  startTestEmulator,
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

  it('lets exactly one of 10 simultaneous PUTs with the same etag win', async () => {
    const id = seedCustomer('DE').id;
    const { profile, request } = await fetchProfile(t.http, id);

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.http.putProfile(
          id,
          { ...request, FirstName: `Writer ${i}` },
          { etag: profile.attributes.etag, requestId: randomUUID() },
        ),
      ),
    );

    const winners = answers.filter((a) => a.status === 200);
    const losers = answers.filter((a) => a.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(9);
    for (const loser of losers) {
      expectErrorBody(loser, 412, '2055');
    }
    const winner = winners[0]!;
    expect(winner.body.firstName).toMatch(/^Writer \d$/);
    expect((await t.http.getProfile(id)).body).toEqual(winner.body);
    expect(t.emulator.store.getProfile(id)).toEqual(winner.body);
  });

  it('keeps simultaneous PUTs to different customers apart', async () => {
    const ids = ['US', 'GB', 'DE', 'JP', 'BR'].map((country) => seedCustomer(country).id);
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
});
