import type { UpdateBillingProfileMutation } from '../../generated/graphql';
import { useStack } from '../../helpers/start-stack';
import {
  expectedProfile,
  GB_CUSTOMER,
  readProfile,
  storedProfile,
  updateProfile,
  upstream,
  US_CUSTOMER,
} from './gateway-test-kit';

const stack = useStack();

type Outcome = UpdateBillingProfileMutation['updateBillingProfile'];

/**
 * Sends `writers` updates of one customer at once, all with the same etag; writer i sets "Writer i".
 * Each writer is another user (its own token), as concurrent editors are: one caller's calls beyond
 * PARTNER_CENTER_MAX_CALLS_PER_CALLER would wait for each other instead of racing.
 */
async function raceUpdates(customerId: string, writers: number): Promise<Outcome[]> {
  const etag = storedProfile(stack, customerId).attributes.etag;
  const responses = await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      updateProfile(stack, { customerId, firstName: `Writer ${i}` }, etag, {
        token: `writer-${i}.token`,
      }),
    ),
  );
  return responses.map((response) => {
    expect(response.errors).toBeUndefined();
    return response.data!.updateBillingProfile;
  });
}

/**
 * With `held`, the emulator holds every PUT at a gate until all writers have sent one, so every writer
 * PUTs and all but one get Partner Center's stale-etag answer (400, code 2055); without it, the race is free and later writers may
 * already see the new etag and send no PUT.
 */
async function race(customerId: string, writers: number, held: boolean): Promise<Outcome[]> {
  if (!held) {
    return raceUpdates(customerId, writers);
  }
  const gate = stack.emulator.gate({ methods: ['PUT'] });
  const racing = raceUpdates(customerId, writers);
  await gate.arrived(writers);
  await gate.release();
  return racing;
}

describe.each([
  [2, false],
  [10, false],
  [2, true],
  [10, true],
])(
  '%i concurrent updates with the same etag (all PUTs held until all are sent: %p)',
  (writers, held) => {
    it('store exactly one write and answer EtagMismatch to every other writer', async () => {
      const outcomes = await race(US_CUSTOMER, writers, held);

      const winners = outcomes.filter((o) => o.__typename === 'BillingProfileUpdated');
      const losers = outcomes.filter((o) => o.__typename === 'EtagMismatch');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(writers - 1);

      // No lost write: the store holds the winner's value, under the etag the winner was given.
      const stored = storedProfile(stack, US_CUSTOMER);
      const winner = winners[0]!;
      if (winner.__typename === 'BillingProfileUpdated') {
        expect(stored.firstName).toBe(winner.billingProfile.firstName);
        expect(stored.attributes.etag).toBe(winner.billingProfile.etag);
      }
      // Every loser is shown what is there now, so it can decide what to do.
      for (const loser of losers) {
        if (loser.__typename === 'EtagMismatch') {
          expect(loser.currentEtag).toBe(stored.attributes.etag);
          expect(loser.current).toEqual(expectedProfile(stored));
        }
      }
      if (held) {
        expect(upstream(stack, 'PUT')).toHaveLength(writers);
        // Partner Center answers a stale etag with 400 (code 2055).
        expect(upstream(stack, 'PUT').filter((r) => r.status === 400)).toHaveLength(writers - 1);
      }
    });

    it('lets a loser apply its change with the etag the mismatch returned', async () => {
      const outcomes = await race(GB_CUSTOMER, writers, held);
      const loser = outcomes.find((o) => o.__typename === 'EtagMismatch');
      expect(loser).toBeDefined();
      if (loser?.__typename !== 'EtagMismatch') {
        return;
      }

      const retry = await updateProfile(
        stack,
        { customerId: GB_CUSTOMER, lastName: 'Second-Writer' },
        loser.currentEtag,
      );

      expect(retry.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
      const stored = storedProfile(stack, GB_CUSTOMER);
      expect(stored.lastName).toBe('Second-Writer');
      expect(stored.firstName).toBe(loser.current.firstName);
    });
  },
);

it('keeps concurrent updates of different customers apart', async () => {
  const [us, gb] = await Promise.all([
    updateProfile(
      stack,
      { customerId: US_CUSTOMER, companyName: 'US Co' },
      storedProfile(stack, US_CUSTOMER).attributes.etag,
    ),
    updateProfile(
      stack,
      { customerId: GB_CUSTOMER, companyName: 'GB Co' },
      storedProfile(stack, GB_CUSTOMER).attributes.etag,
    ),
  ]);

  expect(us?.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
  expect(gb?.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
  expect(storedProfile(stack, US_CUSTOMER).companyName).toBe('US Co');
  expect(storedProfile(stack, GB_CUSTOMER).companyName).toBe('GB Co');
});

it('gives each concurrent GraphQL request its own upstream read', async () => {
  const responses = await Promise.all(
    Array.from({ length: 4 }, () => readProfile(stack, US_CUSTOMER)),
  );

  for (const response of responses) {
    expect(response.errors).toBeUndefined();
  }
  // Loaders are per request: no cross-request cache, so each request reads fresh data.
  expect(upstream(stack, 'GET')).toHaveLength(4);
});
