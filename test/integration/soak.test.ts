import { runSoak, type SoakResult } from '../soak/soak';

// A reduced `npm run soak`: the same clients, faults and ground truth, small enough for every run.
const ATTEMPTS = 200;

describe('the no-lost-update soak, reduced', () => {
  let result: SoakResult;
  const findings: string[] = [];

  beforeAll(async () => {
    result = await runSoak({
      clients: 8,
      attempts: ATTEMPTS,
      maxDurationMs: 12_000,
      recordRequests: true,
      log: (line) => {
        if (!line.includes('attempts answered')) {
          findings.push(line);
        }
      },
    });
  }, 20_000);

  it('sends every attempt within its time bound and gets some updates through', () => {
    expect(result.timedOut).toBe(false);
    expect(result.attempts).toBe(ATTEMPTS);
    expect(result.updated).toBeGreaterThan(0);
  });

  it('loses, duplicates and misreports no update: the emulator store agrees with every answer', () => {
    expect(findings.filter((line) => !line.includes('a read of'))).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, ambiguous: 0, foreign: 0 });
  });

  it('ran with every kind of fault actually firing', () => {
    expect(result.faultsFired.unavailable).toBeGreaterThan(0);
    expect(result.faultsFired.dropped).toBeGreaterThan(0);
    expect(result.slowPuts).toBeGreaterThan(0);
    // The emulator's own log confirms what the driver saw taken.
    expect(result.upstream?.unavailable).toBeGreaterThan(0);
    expect(result.upstream?.dropped).toBeGreaterThan(0);
  });
});
