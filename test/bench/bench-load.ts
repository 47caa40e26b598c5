import { performance } from 'node:perf_hooks';

import { Pool } from 'undici';

// The load generator: a closed loop of `concurrency` clients over one undici Pool per target, each
// sending its next operation as soon as the last one is answered.

/** One system under test, reached over HTTP with a bearer token that rotates per request. */
export interface Target {
  /** POSTs a JSON body; resolves with the answer's text, throws on any status but 200. */
  post(path: string, body: string): Promise<string>;
  close(): Promise<void>;
}

/** A target at `url` (origin); `tokens` callers take turns, so per-caller limits work as for many users. */
export function createTarget(
  url: string,
  options: { connections: number; tokens: number },
): Target {
  const pool = new Pool(url, { connections: options.connections });
  const headers = Array.from({ length: options.tokens }, (_unused, i) => ({
    'content-type': 'application/json',
    authorization: `Bearer bench-user-${i}`,
  }));
  let sent = 0;
  return {
    async post(path, body) {
      sent += 1;
      const response = await pool.request({
        method: 'POST',
        path,
        headers: headers[sent % headers.length],
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) {
        throw new Error(`${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
      }
      return text;
    },
    close: () => pool.close(),
  };
}

export interface LoadRun {
  /** Operations answered as expected. */
  ops: number;
  /** Operations that threw (bad status, GraphQL errors, unexpected shape). */
  errors: number;
  firstError?: string;
  /** From the start until the last operation in flight was answered. */
  seconds: number;
  /** Latency of every answered operation, in ms. */
  latenciesMs: number[];
}

/** Runs `op` from `concurrency` clients until `seconds` are over; operations in flight finish. */
export async function runFor(
  seconds: number,
  concurrency: number,
  op: (worker: number, seq: number) => Promise<void>,
): Promise<LoadRun> {
  const run: LoadRun = { ops: 0, errors: 0, seconds: 0, latenciesMs: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let seq = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_unused, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await op(worker, seq++);
          run.latenciesMs.push(performance.now() - t0);
          run.ops += 1;
        } catch (error) {
          run.errors += 1;
          run.firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

export interface RunFigures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

/** Throughput and latency percentiles (nearest rank) of one run. */
export function toFigures(run: LoadRun): RunFigures {
  const sorted = Float64Array.from(run.latenciesMs).sort();
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { reqPerSec: run.ops / run.seconds, p50Ms: rank(50), p99Ms: rank(99) };
}
