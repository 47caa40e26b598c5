import { readFileSync } from 'node:fs';

import type { CpuShares } from './bench-report';

// What the processes use, read from /proc (Linux): memory, and CPU to see which one saturates.

/** Resident set size of a process in MB (VmRSS), or undefined without /proc. */
export function readRssMb(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

// USER_HZ: 100 on every Linux the kernel ABI allows user space to see (`getconf CLK_TCK`).
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used, or undefined without /proc. */
function readCpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy (all cores, /proc/stat), or undefined without /proc. */
function readMachineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal …
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      CLOCK_TICKS_PER_SECOND
    );
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far, per process, and by the whole machine (`others`, until `cpuShares`). */
export interface CpuReading {
  loadGenerator: number;
  gateway?: number;
  rawProxy?: number;
  emulator?: number;
  machine?: number;
}

export function readCpu(pids: {
  gateway?: number;
  rawProxy?: number;
  emulator?: number;
}): CpuReading {
  const own = process.cpuUsage();
  return {
    loadGenerator: (own.user + own.system) / 1e6,
    gateway: readCpuSeconds(pids.gateway),
    rawProxy: readCpuSeconds(pids.rawProxy),
    emulator: readCpuSeconds(pids.emulator),
    machine: readMachineBusySeconds(),
  };
}

/** CPU used between two readings, in % of one core; `others` is the machine's use beyond ours. */
export function cpuShares(before: CpuReading, after: CpuReading, seconds: number): CpuShares {
  const share = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : ((b - a) / seconds) * 100;
  const shares: CpuShares = {
    loadGenerator: share(before.loadGenerator, after.loadGenerator)!,
    gateway: share(before.gateway, after.gateway),
    rawProxy: share(before.rawProxy, after.rawProxy),
    emulator: share(before.emulator, after.emulator),
  };
  const machine = share(before.machine, after.machine);
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
