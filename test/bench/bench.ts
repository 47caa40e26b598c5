/* eslint-disable no-console -- the benchmark reports on stdout */
import 'reflect-metadata';

import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

import { Pool } from 'undici';

import { loadConfig } from '../../src/config';
import { startEmulator } from '../../src/emulator/emulator';
import { createGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';

// `npm run bench`: the real gateway over the real emulator on loopback. Reports throughput, latency
// percentiles, upstream calls per operation and memory; exits 1 when a goal below is missed.
const GOALS = {
  readP95Ms: 50,
  readOpsPerSecond: 1000,
  updateP95Ms: 40,
  heapGrowthMb: 40,
};
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const READS = Number(process.env.BENCH_READS ?? 20_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 2_000);

interface Run {
  name: string;
  ops: number;
  seconds: number;
  latencies: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runLoad(
  name: string,
  total: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { name, ops: total, seconds: (performance.now() - started) / 1000, latencies };
}

function report(run: Run): { opsPerSecond: number; p50: number; p95: number; p99: number } {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const result = {
    opsPerSecond: Math.round(run.ops / run.seconds),
    p50: Number(percentile(sorted, 50).toFixed(2)),
    p95: Number(percentile(sorted, 95).toFixed(2)),
    p99: Number(percentile(sorted, 99).toFixed(2)),
  };
  console.log(
    `${run.name.padEnd(34)} ${String(run.ops).padStart(6)} ops  ${String(result.opsPerSecond).padStart(6)} ops/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms`,
  );
  return result;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const gateway = await createGateway(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', PARTNER_CENTER_BASE_URL: emulator.url }),
    { logger: createLogger({ level: 'warn' }, quiet) },
  );
  const url = new URL(gateway.url);
  const client = new Pool(url.origin, { connections: CONCURRENCY });
  const ids = emulator.store.customerIds();

  // The load stands for many users: the token rotates, so the per-caller cap works as in production.
  let sent = 0;
  async function post(query: string, variables?: unknown): Promise<Record<string, unknown>> {
    const token = `bench-user-${(sent += 1) % 32}`;
    const response = await client.request({
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.body.json()) as {
      data?: Record<string, unknown>;
      errors?: unknown[];
    };
    if (response.statusCode !== 200 || body.errors) {
      throw new Error(
        `unexpected answer ${response.statusCode}: ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    return body.data ?? {};
  }

  const READ = `query($id: ID!) { customer(id: $id) { id billingProfile { id firstName lastName email etag defaultAddress { country city postalCode } } } }`;
  const ALIASES = `query($id: ID!) { a: customer(id: $id) { billingProfile { etag } } b: customer(id: $id) { billingProfile { email } } c: customer(id: $id) { id } d: customer(id: $id) { billingProfile { firstName } } e: customer(id: $id) { billingProfile { companyName } } }`;
  const UPDATE = `mutation($input: UpdateBillingProfileInput!, $etag: String!) { updateBillingProfile(input: $input, etag: $etag) { __typename ... on BillingProfileUpdated { billingProfile { etag } } } }`;

  // Warm-up: JIT, connection pools.
  await runLoad('warm-up', 2_000, CONCURRENCY, (i) =>
    post(READ, { id: ids[i % ids.length] }).then(() => undefined),
  );
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;

  console.log(`partner-center-bff benchmark: concurrency ${CONCURRENCY}, node ${process.version}`);
  const reads = report(
    await runLoad('read customer.billingProfile', READS, CONCURRENCY, (i) =>
      post(READ, { id: ids[i % ids.length] }).then(() => undefined),
    ),
  );

  emulator.clearRequests();
  const aliasOps = 1_000;
  report(
    await runLoad('read, 5 aliases of one customer', aliasOps, CONCURRENCY, (i) =>
      post(ALIASES, { id: ids[i % ids.length] }).then(() => undefined),
    ),
  );
  const getsPerAliasOp = emulator.requests.length / aliasOps;
  console.log(`  upstream GETs per 5-alias operation: ${getsPerAliasOp}`);

  // Updates: one writer per customer, each chaining the etag it got back (no conflicts by design).
  const etags = new Map<string, string>();
  for (const id of ids) {
    etags.set(id, emulator.store.getProfile(id)!.attributes.etag);
  }
  const perCustomer = Math.ceil(UPDATES / ids.length);
  const updateRun = await runLoad(
    'updateBillingProfile (etag chain)',
    perCustomer * ids.length,
    ids.length,
    async (i) => {
      const id = ids[i % ids.length]!;
      const data = await post(UPDATE, {
        input: { customerId: id, companyName: `Company ${i}` },
        etag: etags.get(id),
      });
      const result = data.updateBillingProfile as {
        __typename: string;
        billingProfile?: { etag: string };
      };
      if (result.__typename !== 'BillingProfileUpdated' || !result.billingProfile) {
        throw new Error(`update ${i} answered ${result.__typename}`);
      }
      etags.set(id, result.billingProfile.etag);
    },
  );
  const updates = report(updateRun);

  global.gc?.();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(
    `memory: heap growth ${heapGrowthMb.toFixed(1)} MB over the run (gateway + emulator + load in one process), rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );

  await client.close();
  await gateway.stop();
  await emulator.close();

  const missed: string[] = [];
  if (reads.p95 > GOALS.readP95Ms) {
    missed.push(`read p95 ${reads.p95} ms > ${GOALS.readP95Ms} ms`);
  }
  if (reads.opsPerSecond < GOALS.readOpsPerSecond) {
    missed.push(`read throughput ${reads.opsPerSecond} ops/s < ${GOALS.readOpsPerSecond}`);
  }
  if (updates.p95 > GOALS.updateP95Ms) {
    missed.push(`update p95 ${updates.p95} ms > ${GOALS.updateP95Ms} ms`);
  }
  if (getsPerAliasOp !== 1) {
    missed.push(`5 aliases cost ${getsPerAliasOp} GETs, not 1`);
  }
  if (global.gc && heapGrowthMb > GOALS.heapGrowthMb) {
    missed.push(`heap grew ${heapGrowthMb.toFixed(1)} MB > ${GOALS.heapGrowthMb} MB`);
  }
  console.log(missed.length === 0 ? 'all goals met' : `goals missed:\n- ${missed.join('\n- ')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
