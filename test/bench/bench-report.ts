import type { RunFigures } from './bench-load';

// What a benchmark run found (also written as JSON), and its printed form.

/** CPU used during a measured run, in % of one core, per process. */
export interface CpuShares {
  loadGenerator: number;
  gateway?: number;
  rawProxy?: number;
  emulator?: number;
  /** Everything else on the machine (other sessions, the kernel): noise in the figures. */
  others?: number;
}

export interface RoundResult extends RunFigures {
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Etag conflicts during the measured run (update chains only). */
  conflicts?: number;
  cpu: CpuShares;
  /** Gateway RSS right after this run (gateway rows only). */
  rssMb?: number;
}

export interface SideResult {
  label: string;
  rounds: RoundResult[];
  /** Medians over the rounds, figure by figure. */
  median: RunFigures;
  /** Measured by calibration: upstream requests the emulator logged per operation. */
  upstreamCallsPerOp: number;
}

export interface ScenarioResult {
  key: string;
  title: string;
  raw: SideResult;
  gateway: SideResult;
  /**
   * Gateway req/s over raw proxy req/s: the median of the per-round ratios, since each round pairs
   * runs seconds apart and so cancels drift of the machine that medians taken apart would keep.
   */
  ratio: number;
  /** Gateway p99 over raw proxy p99, the median of the per-round multiples. */
  p99Multiple: number;
}

export interface TargetOutcome {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchResults {
  machine: { cores: number; cpuModel: string; node: string };
  settings: {
    rounds: number;
    seconds: number;
    warmupSeconds: number;
    concurrency: number;
    tokens: number;
    calibrationOps: number;
  };
  startedAt: string;
  durationSeconds: number;
  scenarios: ScenarioResult[];
  /** Gateway RSS after each round. */
  rssAfterRoundsMb: (number | undefined)[];
  targets: TargetOutcome[];
  /** Lines the gateway printed at LOG_LEVEL=warn (warnings and errors). */
  gatewayLogLines: number;
  /** Set when src/ was newer than dist/: the figures are for older code. */
  buildWarning?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median over rounds of gateway ÷ raw proxy for one figure (rounds paired by index). */
export function pairedMedian(
  gateway: RunFigures[],
  raw: RunFigures[],
  figure: keyof RunFigures,
): number {
  return median(gateway.map((g, i) => g[figure] / (raw[i]?.[figure] ?? Number.NaN)));
}

/** Figure-by-figure medians over rounds. */
export function medianFigures(rounds: RunFigures[]): RunFigures {
  return {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
  };
}

const COLUMNS = [
  { title: 'scenario', width: 31, left: true },
  { title: 'target', width: 26, left: true },
  { title: 'req/s', width: 7 },
  { title: 'p50 ms', width: 7 },
  { title: 'p99 ms', width: 7 },
  { title: 'gateway ÷ raw proxy', width: 19 },
  { title: 'upstream calls/op', width: 17 },
  { title: 'RSS MB', width: 6 },
];

function row(cells: string[]): string {
  return COLUMNS.map((column, i) =>
    column.left ? (cells[i] ?? '').padEnd(column.width) : (cells[i] ?? '').padStart(column.width),
  )
    .join('  ')
    .trimEnd();
}

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

function sideCells(side: SideResult): string[] {
  return [
    fixed(side.median.reqPerSec, 0),
    fixed(side.median.p50Ms, 1),
    fixed(side.median.p99Ms, 1),
  ];
}

/** The results table, one row per target and scenario. */
export function formatTable(results: BenchResults): string[] {
  const lines = [row(COLUMNS.map((c) => c.title)), row(COLUMNS.map((c) => '-'.repeat(c.width)))];
  for (const scenario of results.scenarios) {
    const lastRss = scenario.gateway.rounds.at(-1)?.rssMb;
    lines.push(
      row([
        scenario.title,
        scenario.raw.label,
        ...sideCells(scenario.raw),
        '',
        fixed(scenario.raw.upstreamCallsPerOp, 2),
      ]),
      row([
        '',
        scenario.gateway.label,
        ...sideCells(scenario.gateway),
        `${fixed(scenario.ratio * 100, 0)} %`,
        fixed(scenario.gateway.upstreamCallsPerOp, 2),
        fixed(lastRss, 0),
      ]),
    );
  }
  return lines;
}

const percent = (value: number | undefined): string =>
  value === undefined ? '  n/a' : `${value.toFixed(0).padStart(4)}%`;

/** Where the CPU went during the measured runs (median of rounds), to see which process saturates. */
export function formatCpu(results: BenchResults): string[] {
  const lines = [
    `${'CPU, % of one core (median of rounds)'.padEnd(58)}  load  gateway  raw proxy  emulator  others`,
  ];
  for (const scenario of results.scenarios) {
    for (const side of [scenario.raw, scenario.gateway]) {
      const share = (pick: (cpu: CpuShares) => number | undefined): number | undefined => {
        const values = side.rounds.map((r) => pick(r.cpu)).filter((v) => v !== undefined);
        return values.length === 0 ? undefined : median(values);
      };
      lines.push(
        `${`${scenario.title}, ${side.label}`.padEnd(58)} ${percent(share((c) => c.loadGenerator))}    ${percent(share((c) => c.gateway))}      ${percent(share((c) => c.rawProxy))}     ${percent(share((c) => c.emulator))}   ${percent(share((c) => c.others))}`,
      );
    }
  }
  return lines;
}

/** Notes the table has no column for: conflicts, errors. */
export function formatNotes(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const scenario of results.scenarios) {
    for (const side of [scenario.raw, scenario.gateway]) {
      const ops = side.rounds.reduce((sum, r) => sum + r.ops, 0);
      const conflicts = side.rounds.reduce((sum, r) => sum + (r.conflicts ?? 0), 0);
      const errors = side.rounds.reduce((sum, r) => sum + r.errors, 0);
      if (side.rounds.some((r) => r.conflicts !== undefined)) {
        lines.push(
          `${scenario.title}, ${side.label}: ${conflicts} etag conflicts in ${ops} operations (${fixed((conflicts / Math.max(ops, 1)) * 100, 1)} %)`,
        );
      }
      if (errors > 0) {
        const first = side.rounds.find((r) => r.firstError)?.firstError ?? '';
        lines.push(`${scenario.title}, ${side.label}: ${errors} operations failed, e.g. ${first}`);
      }
    }
  }
  const others = results.scenarios.flatMap((s) =>
    [s.raw, s.gateway].flatMap((side) => side.rounds.map((r) => r.cpu.others ?? 0)),
  );
  const busiest = Math.max(0, ...others);
  if (busiest > NOISY_OTHERS_PERCENT) {
    lines.push(
      `other processes on this machine used up to ${busiest.toFixed(0)} % of a core during measured runs: the figures are noisy, rerun on an idle machine`,
    );
  }
  return lines;
}

/** CPU (% of one core) that processes outside the benchmark may use before the figures count as noisy. */
const NOISY_OTHERS_PERCENT = 10;
