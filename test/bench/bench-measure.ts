import { runFor, toFigures } from './bench-load';
import type { RoundResult } from './bench-report';
import type { ScenarioSide } from './bench-sides';
import { clearRequests, countRequests } from './bench-upstream';
import { cpuShares, readCpu } from './bench-usage';

// The two ways the benchmark runs a scenario side: calibration (sequential, counted upstream calls,
// answers checked in depth) and a measured run (closed-loop load, figures, CPU per process).

/** Process ids whose CPU a measured run reads. */
export interface MeasuredPids {
  gateway?: number;
  rawProxy?: number;
  emulator?: number;
}

/**
 * Upstream calls one operation costs: `ops` operations one at a time, counted in the emulator's
 * request log (which keeps the last 2000 requests, so ops × calls must stay below that).
 */
export async function calibrate(
  side: ScenarioSide,
  upstreamUrl: string,
  ops: number,
): Promise<number> {
  await side.prepare?.();
  await clearRequests(upstreamUrl);
  for (let seq = 0; seq < ops; seq += 1) {
    await side.verify(0, seq);
  }
  return (await countRequests(upstreamUrl)) / ops;
}

/** One slot: prepare, warm up (not measured), then `seconds` of load from `concurrency` clients. */
export async function measure(
  side: ScenarioSide,
  options: { seconds: number; warmupSeconds: number; concurrency: number; pids: MeasuredPids },
): Promise<RoundResult> {
  const op = (worker: number, seq: number): Promise<void> => side.send(worker, seq);
  await side.prepare?.();
  if (options.warmupSeconds > 0) {
    await runFor(options.warmupSeconds, options.concurrency, op);
  }
  const conflictsBefore = side.conflicts?.();
  const before = readCpu(options.pids);
  const run = await runFor(options.seconds, options.concurrency, op);
  const cpu = cpuShares(before, readCpu(options.pids), run.seconds);
  return {
    ...toFigures(run),
    ops: run.ops,
    errors: run.errors,
    ...(run.firstError === undefined ? {} : { firstError: run.firstError }),
    seconds: run.seconds,
    ...(conflictsBefore === undefined ? {} : { conflicts: side.conflicts!() - conflictsBefore }),
    cpu,
  };
}
