/* eslint-disable no-console -- the benchmark's entry point reports on stdout (progress on stderr) */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { createTarget, runFor, toFigures, type Target } from './bench-load';
import {
  BenchProcesses,
  readCpuSeconds,
  readMachineBusySeconds,
  readRssMb,
  repoRoot,
  type BenchProcess,
} from './bench-processes';
import {
  formatCpu,
  formatNotes,
  formatTable,
  medianFigures,
  type BenchResults,
  type CpuShares,
  type RoundResult,
  type ScenarioResult,
  type SideResult,
} from './bench-report';
import { createScenarios, type Scenario, type ScenarioSide } from './bench-scenarios';
import { evaluateTargets } from './bench-targets';
import { clearRequests, countRequests, listCustomerIds } from './bench-upstream';

// `npm run -s build && npm run bench`: the gateway (dist/main.js) against "the limit", a raw proxy
// making the same upstream calls, over the emulator, in separate processes and interleaved rounds.
// Prints one table and the targets met/MISSED, writes dist/bench/bench-results.json, exits 1 when a
// target is missed. BENCH_ROUNDS (default 3) and BENCH_SECONDS (default 3, per measured run) shorten it.

const CONCURRENCY = 32;
const TOKENS = 32;
const CALIBRATION_OPS = 20;
// Two well-formed customer ids the emulator does not know: each costs a GET, answered 404 (null).
const UNKNOWN_IDS = [
  'b3e7c1d2-0000-4000-8000-00000000b001',
  'b3e7c1d2-0000-4000-8000-00000000b002',
];
const RESULTS_PATH = join(repoRoot, 'dist', 'bench', 'bench-results.json');

function positiveNumber(name: string, fallback: number, integer: boolean): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, not ${raw}`);
  }
  return value;
}

/** Newest modification time under `dir` of files ending in .ts. */
function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory()
      ? newestSource(path)
      : entry.name.endsWith('.ts')
        ? statSync(path).mtimeMs
        : 0;
    return Math.max(newest, time);
  }, 0);
}

function checkBuild(): void {
  const entry = join(repoRoot, 'dist', 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  if (newestSource(join(repoRoot, 'src')) > statSync(entry).mtimeMs) {
    console.error('warning: src/ changed after dist/ was built; `npm run -s build` to bench it');
  }
}

interface Running {
  upstream: { process: BenchProcess; url: string };
  gateway: { process: BenchProcess; url: string };
  raw: { process: BenchProcess; url: string };
}

/** Upstream calls one operation costs: the emulator's request log over a few sequential operations. */
async function calibrate(side: ScenarioSide, upstreamUrl: string): Promise<number> {
  await side.prepare?.();
  await clearRequests(upstreamUrl);
  for (let seq = 0; seq < CALIBRATION_OPS; seq += 1) {
    await side.verify(0, seq);
  }
  return (await countRequests(upstreamUrl)) / CALIBRATION_OPS;
}

/** CPU seconds used so far by each process, and by the machine as a whole (in `others`). */
function cpuNow(running: Running): CpuShares {
  const own = process.cpuUsage();
  return {
    loadGenerator: (own.user + own.system) / 1e6,
    gateway: readCpuSeconds(running.gateway.process.child.pid),
    rawProxy: readCpuSeconds(running.raw.process.child.pid),
    emulator: readCpuSeconds(running.upstream.process.child.pid),
    others: readMachineBusySeconds(),
  };
}

/** CPU used between two readings, in % of one core. */
function cpuShares(before: CpuShares, after: CpuShares, seconds: number): CpuShares {
  const share = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : ((b - a) / seconds) * 100;
  const shares: CpuShares = {
    loadGenerator: share(before.loadGenerator, after.loadGenerator)!,
    gateway: share(before.gateway, after.gateway),
    rawProxy: share(before.rawProxy, after.rawProxy),
    emulator: share(before.emulator, after.emulator),
  };
  const machine = share(before.others, after.others);
  if (machine !== undefined) {
    const ours =
      shares.loadGenerator +
      (shares.gateway ?? 0) +
      (shares.rawProxy ?? 0) +
      (shares.emulator ?? 0);
    shares.others = Math.max(0, machine - ours);
  }
  return shares;
}

/** One slot: prepare, warm up, measure. */
async function measure(
  side: ScenarioSide,
  running: Running,
  settings: { seconds: number; warmupSeconds: number },
): Promise<RoundResult> {
  await side.prepare?.();
  await runFor(settings.warmupSeconds, CONCURRENCY, (worker, seq) => side.send(worker, seq));
  const conflictsBefore = side.conflicts?.();
  const before = cpuNow(running);
  const run = await runFor(settings.seconds, CONCURRENCY, (worker, seq) => side.send(worker, seq));
  const cpu = cpuShares(before, cpuNow(running), run.seconds);
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

async function bench(processes: BenchProcesses): Promise<BenchResults> {
  const settings = {
    rounds: positiveNumber('BENCH_ROUNDS', 3, true),
    seconds: positiveNumber('BENCH_SECONDS', 3, false),
    warmupSeconds: 0,
    concurrency: CONCURRENCY,
    tokens: TOKENS,
    calibrationOps: CALIBRATION_OPS,
  };
  settings.warmupSeconds = Math.min(0.5, settings.seconds / 4);
  checkBuild();
  const startedAt = new Date();

  const upstream = await processes.startUpstream();
  const [gateway, raw] = await Promise.all([
    processes.startGateway(upstream.url),
    processes.startRawProxy(upstream.url),
  ]);
  const running: Running = { upstream, gateway, raw };
  const targets: Target[] = [gateway, raw].map(({ url }) =>
    createTarget(url, { connections: CONCURRENCY, tokens: TOKENS }),
  );
  try {
    const customerIds = (await listCustomerIds(upstream.url)).slice(0, 8);
    if (customerIds.length < 8) {
      throw new Error(`the emulator serves ${customerIds.length} customers; the bench needs 8`);
    }
    const scenarios = createScenarios({
      gateway: targets[0]!,
      raw: targets[1]!,
      upstreamUrl: upstream.url,
      customerIds,
      unknownIds: UNKNOWN_IDS,
    });

    const machine = {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
    };
    console.error(
      `benchmark: ${settings.rounds} rounds × ${scenarios.length} scenarios × (raw proxy, gateway), ${settings.seconds} s each after ${settings.warmupSeconds} s warm-up`,
    );

    const calls = new Map<Scenario, { raw: number; gateway: number }>();
    for (const scenario of scenarios) {
      calls.set(scenario, {
        raw: await calibrate(scenario.raw, upstream.url),
        gateway: await calibrate(scenario.gateway, upstream.url),
      });
    }
    // Warm-up round, not recorded: JIT, connection pools, caches on both targets.
    for (const scenario of scenarios) {
      for (const side of [scenario.raw, scenario.gateway]) {
        await measure(side, running, { seconds: Math.min(1, settings.seconds), warmupSeconds: 0 });
      }
    }

    const rounds = new Map<string, RoundResult[]>();
    const rssAfterRoundsMb: (number | undefined)[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const scenario of scenarios) {
        // Alternating order, so neither target always runs on the heels of the other.
        const order =
          round % 2 === 0 ? (['raw', 'gateway'] as const) : (['gateway', 'raw'] as const);
        for (const which of order) {
          const side = scenario[which];
          const result = await measure(side, running, settings);
          if (which === 'gateway') {
            result.rssMb = readRssMb(gateway.process.child.pid);
          }
          const key = `${scenario.key}/${which}`;
          rounds.set(key, [...(rounds.get(key) ?? []), result]);
          console.error(
            `round ${round + 1}/${settings.rounds} ${scenario.title}, ${which}: ${result.reqPerSec.toFixed(0)} req/s, p99 ${result.p99Ms.toFixed(1)} ms${result.errors > 0 ? `, ${result.errors} errors` : ''}`,
          );
        }
      }
      rssAfterRoundsMb.push(readRssMb(gateway.process.child.pid));
    }

    const results: ScenarioResult[] = scenarios.map((scenario) => {
      const side = (which: 'raw' | 'gateway', label: string): SideResult => {
        const own = rounds.get(`${scenario.key}/${which}`) ?? [];
        return {
          label,
          rounds: own,
          median: medianFigures(own),
          upstreamCallsPerOp: calls.get(scenario)![which],
        };
      };
      const rawSide = side('raw', scenario.rawLabel);
      const gatewaySide = side('gateway', 'gateway');
      return {
        key: scenario.key,
        title: scenario.title,
        raw: rawSide,
        gateway: gatewaySide,
        ratio: gatewaySide.median.reqPerSec / rawSide.median.reqPerSec,
      };
    });

    return {
      machine,
      settings,
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      scenarios: results,
      rssAfterRoundsMb,
      targets: evaluateTargets(
        results,
        Object.fromEntries(scenarios.map((s) => [s.key, s.expectedGatewayCalls])),
        rssAfterRoundsMb,
      ),
      gatewayLogLines: gateway.process.lineCount,
    };
  } finally {
    await Promise.all(targets.map((target) => target.close()));
  }
}

function report(results: BenchResults): boolean {
  const { machine } = results;
  console.log(
    `machine: ${machine.cores} cores, ${machine.cpuModel}, node ${machine.node}; ${results.settings.rounds} rounds × ${results.settings.seconds} s per run, ${results.settings.concurrency} connections, ${results.settings.tokens} tokens; medians over rounds`,
  );
  console.log('');
  formatTable(results).forEach((line) => console.log(line));
  console.log(
    '* a hand-written GET then PUT (If-Match), no validation or merge: a floor, not a like-for-like; req/s count conflicts too',
  );
  console.log('');
  formatNotes(results).forEach((line) => console.log(line));
  console.log(
    `gateway RSS after each round: ${results.rssAfterRoundsMb.map((v) => (v === undefined ? 'n/a' : `${v.toFixed(0)} MB`)).join(', ')}`,
  );
  if (results.gatewayLogLines > 0) {
    console.log(`the gateway logged ${results.gatewayLogLines} lines at LOG_LEVEL=warn`);
  }
  console.log('');
  formatCpu(results).forEach((line) => console.log(line));
  console.log('');
  for (const target of results.targets) {
    console.log(`${target.met ? 'met   ' : 'MISSED'}  ${target.name}: ${target.detail}`);
  }
  mkdirSync(join(RESULTS_PATH, '..'), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  console.log(`results: ${RESULTS_PATH} (${results.durationSeconds.toFixed(0)} s)`);
  return results.targets.every((target) => target.met);
}

async function main(): Promise<void> {
  const processes = new BenchProcesses();
  // Children never outlive the bench: not on failure, not on Ctrl-C.
  process.on('exit', () => processes.killAllNow());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      processes.stopAll().then(
        () => process.exit(130),
        () => process.exit(130),
      );
    });
  }
  let allMet = false;
  try {
    allMet = report(await bench(processes));
  } finally {
    await processes.stopAll();
  }
  process.exitCode = allMet ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
