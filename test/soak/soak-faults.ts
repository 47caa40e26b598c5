import type { EmulatorFaults, FaultController } from '../../src/emulator/emulator-faults';

/**
 * Keeps the emulator faulted while the soak runs, re-arming by attempt number (not by timer), so a
 * run's fault mix depends on how many updates were sent, not on how fast the machine is.
 */
export interface FaultSchedule {
  /** Every this many attempts, the next upstream call (GET or PUT) is answered 503. */
  unavailableEvery: number;
  /** Every this many attempts, the next PUT is applied and then its connection dropped. */
  dropEvery: number;
  /** PUT latency in milliseconds for each phase, cycled; 0 is a phase without. Keep it under the gateway's timeout. */
  putLatenciesMs: readonly number[];
  /** Attempts per latency phase. */
  phaseLength: number;
}

export const DEFAULT_FAULT_SCHEDULE: FaultSchedule = {
  unavailableEvery: 7,
  dropEvery: 5,
  putLatenciesMs: [0, 20, 0, 60, 0, 150],
  phaseLength: 24,
};

/** How often each armed fault was taken by a request (the emulator consumes counted faults). */
export interface FaultsFired {
  unavailable: number;
  dropped: number;
}

/** Identifies a latency phase: two equal marks mean the same PUT latency held in between. */
export interface LatencyMark {
  phase: number;
  latencyMs: number;
}

export interface FaultDriver {
  /** Called as attempt `n` starts: re-arms the faults its number calls for. */
  beforeAttempt(n: number): void;
  mark(): LatencyMark;
  /** Clears every fault and says how many fired. */
  stop(): FaultsFired;
}

export function createFaultDriver(faults: FaultController, schedule: FaultSchedule): FaultDriver {
  const fired: FaultsFired = { unavailable: 0, dropped: 0 };
  const armed = { failNext: false, dropConnection: false };
  let phase = 0;
  let latencyMs = 0;

  // A counted fault missing from the controller's snapshot was taken since it was armed.
  function observe(): void {
    const current = faults.snapshot();
    if (armed.failNext && current.failNext === undefined) {
      fired.unavailable += 1;
      armed.failNext = false;
    }
    if (armed.dropConnection && current.dropConnection === undefined) {
      fired.dropped += 1;
      armed.dropConnection = false;
    }
  }

  return {
    beforeAttempt(n) {
      observe();
      const next: EmulatorFaults = {};
      if (n % schedule.unavailableEvery === 0) {
        next.failNext = { status: 503, count: 1, retryAfterSeconds: 0 };
        armed.failNext = true;
      }
      if (n % schedule.dropEvery === 0) {
        next.dropConnection = { when: 'after-apply', methods: ['PUT'], count: 1 };
        armed.dropConnection = true;
      }
      const phaseNow = Math.floor(n / schedule.phaseLength);
      const latencyNow = schedule.putLatenciesMs[phaseNow % schedule.putLatenciesMs.length] ?? 0;
      if (phaseNow !== phase || latencyNow !== latencyMs) {
        phase = phaseNow;
        latencyMs = latencyNow;
        next.latencyMs = latencyNow;
        next.latencyMethods = ['PUT'];
      }
      if (Object.keys(next).length > 0) {
        faults.set(next);
      }
    },
    mark: () => ({ phase, latencyMs }),
    stop() {
      observe();
      faults.clear();
      return { ...fired };
    },
  };
}
