import type { ScenarioResult, TargetOutcome } from './bench-report';

// The targets for the gateway, measured against the raw proxy in the same run.

export const TARGETS = {
  /** Gateway req/s as a share of the raw proxy's, by scenario. */
  minRatio: { 'one-profile': 0.5, 'ten-distinct': 0.55 } as Record<string, number>,
  /** Gateway p99 at most this multiple of the raw proxy's, for these scenarios. */
  maxP99Multiple: 2.5,
  p99Scenarios: ['one-profile', 'ten-distinct'],
  /** Gateway RSS after load. */
  maxRssMb: 150,
  /** Flat across rounds: last ≤ first × growth + slack. */
  rssGrowth: 1.1,
  rssSlackMb: 10,
};

const mb = (value: number | undefined): string =>
  value === undefined ? 'n/a' : `${value.toFixed(0)} MB`;

/** Every target, met or missed, with the figures it was judged on. */
export function evaluateTargets(
  scenarios: ScenarioResult[],
  expectedCalls: Record<string, number | undefined>,
  rssAfterRoundsMb: (number | undefined)[],
): TargetOutcome[] {
  const outcomes: TargetOutcome[] = [];
  const byKey = new Map(scenarios.map((s) => [s.key, s]));

  for (const [key, minimum] of Object.entries(TARGETS.minRatio)) {
    const s = byKey.get(key);
    if (s) {
      outcomes.push({
        name: `${s.title}: gateway ≥ ${(minimum * 100).toFixed(0)} % of the raw proxy's req/s`,
        met: s.ratio >= minimum,
        detail: `${(s.ratio * 100).toFixed(0)} % (medians ${s.gateway.median.reqPerSec.toFixed(0)} vs ${s.raw.median.reqPerSec.toFixed(0)} req/s)`,
      });
    }
  }
  for (const key of TARGETS.p99Scenarios) {
    const s = byKey.get(key);
    if (s) {
      const multiple = s.p99Multiple;
      outcomes.push({
        name: `${s.title}: gateway p99 ≤ ${TARGETS.maxP99Multiple} × the raw proxy's`,
        met: multiple <= TARGETS.maxP99Multiple,
        detail: `${multiple.toFixed(1)} × (medians ${s.gateway.median.p99Ms.toFixed(1)} vs ${s.raw.median.p99Ms.toFixed(1)} ms)`,
      });
    }
  }
  for (const s of scenarios) {
    const expected = expectedCalls[s.key];
    if (expected !== undefined) {
      outcomes.push({
        name: `${s.title}: exactly ${expected} upstream call${expected === 1 ? '' : 's'} per operation`,
        met: s.gateway.upstreamCallsPerOp === expected,
        detail: `${s.gateway.upstreamCallsPerOp.toFixed(2)}`,
      });
    }
  }

  const first = rssAfterRoundsMb[0];
  const last = rssAfterRoundsMb.at(-1);
  outcomes.push({
    name: `gateway RSS ≤ ${TARGETS.maxRssMb} MB after load`,
    met: last !== undefined && last <= TARGETS.maxRssMb,
    detail: mb(last),
  });
  outcomes.push({
    name: `gateway RSS flat across rounds (last ≤ first × ${TARGETS.rssGrowth} + ${TARGETS.rssSlackMb} MB)`,
    met:
      first !== undefined &&
      last !== undefined &&
      last <= first * TARGETS.rssGrowth + TARGETS.rssSlackMb,
    detail: rssAfterRoundsMb.map(mb).join(' -> '),
  });

  const failed = scenarios.flatMap((s) =>
    [s.raw, s.gateway].flatMap((side) =>
      side.rounds.some((r) => r.errors > 0) ? [`${s.title}, ${side.label}`] : [],
    ),
  );
  outcomes.push({
    name: 'every operation answered as expected (no errors, so the figures above are real)',
    met: failed.length === 0,
    detail: failed.length === 0 ? 'none failed' : `failures in: ${failed.join('; ')}`,
  });
  return outcomes;
}
