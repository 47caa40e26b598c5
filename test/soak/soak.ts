import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

import { loadConfig } from '../../src/config';
import { startEmulator, type Emulator } from '../../src/emulator/emulator';
import { createGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { isJsonObject } from '../../src/partner-center/partner-center.dto';
import { createSoakClient } from './soak-client';
import {
  createFaultDriver,
  DEFAULT_FAULT_SCHEDULE,
  type FaultSchedule,
  type FaultsFired,
} from './soak-faults';
import { judgeSoak, type SoakAttempt, type SoakVerdict } from './soak-verdict';

/**
 * The no-lost-update soak: `clients` frontends read-modify-write billing profiles through the real
 * gateway over HTTP, against the real emulator kept faulted (503s, PUTs dropped after being applied,
 * slow PUTs); the emulator's store is the ground truth (see soak-verdict.ts).
 */
export interface SoakOptions {
  /** Concurrent clients, each looping read -> update over the seed customers. */
  clients: number;
  /** Update mutations to send in all. */
  attempts: number;
  /** No attempt starts after this many milliseconds; those in flight finish. */
  maxDurationMs: number;
  /** Progress, failed reads, and one line per finding. Default: none. */
  log?: (line: string) => void;
  /** Keep the emulator's request log and count its 503 and dropped answers. Default false. */
  recordRequests?: boolean;
  /** Default DEFAULT_FAULT_SCHEDULE. */
  faults?: FaultSchedule;
}

export interface SoakResult extends SoakVerdict {
  /** Reads that failed, so no update was sent. */
  readFailures: number;
  /** Updates answered BillingProfileUpdated while PUT latency held for their whole flight (a lower bound). */
  slowPuts: number;
  faultsFired: FaultsFired;
  /** With `recordRequests`: answers in the emulator's log (which keeps its last 2000 requests). */
  upstream?: { puts: number; unavailable: number; dropped: number };
  /** The time bound stopped the run before all attempts were sent. */
  timedOut: boolean;
  durationMs: number;
}

// The ledgers travel in every PUT, and the emulator refuses bodies over 64 KiB.
const MAX_LEDGER_CHARS = 32_000;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    recordRequests: options.recordRequests ?? false,
  });
  const customers = emulator.store.customerIds();
  const perCustomer = Math.ceil(options.attempts / customers.length);
  if (perCustomer * (options.attempts.toString(36).length + 1) > MAX_LEDGER_CHARS) {
    await emulator.close();
    throw new RangeError(`${options.attempts} attempts would outgrow the ledgers' PUT bodies`);
  }
  const gateway = await createGateway(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      PARTNER_CENTER_BASE_URL: emulator.url,
      PARTNER_CENTER_TIMEOUT_MS: '1000',
      PARTNER_CENTER_RETRIES: '2',
      LOG_LEVEL: 'silent',
    }),
    {
      logger: createLogger(
        { level: 'silent' },
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      ),
      // Short back-off as in the integration tests; what is retried is the production policy.
      client: { minRetryDelayMs: 10, maxRetryDelayMs: 50 },
    },
  );
  const client = createSoakClient(gateway.url, options.clients);
  const initial = new Map(customers.map((id) => [id, storedLine(emulator, id)]));
  const driver = createFaultDriver(emulator.faults, options.faults ?? DEFAULT_FAULT_SCHEDULE);
  const attempts: SoakAttempt[] = [];
  const counts = { readFailures: 0, slowPuts: 0, answered: 0 };
  let timedOut = false;
  const started = performance.now();
  const progressEvery = Math.max(1, Math.ceil(options.attempts / 10));

  /** The next attempt number, or undefined when the soak is over. */
  function reserve(): number | undefined {
    if (attempts.length >= options.attempts) {
      return undefined;
    }
    if (performance.now() - started >= options.maxDurationMs) {
      timedOut = true;
      return undefined;
    }
    return attempts.length;
  }

  async function runClient(index: number): Promise<void> {
    for (let round = 0; reserve() !== undefined; round += 1) {
      const customerId = customers[(index + round) % customers.length]!;
      const read = await client.read(index, customerId);
      if ('failed' in read) {
        counts.readFailures += 1;
        log(`soak: a read of ${customerId} failed: ${read.failed}`);
        continue;
      }
      // Another client may have taken the last attempt during the read.
      const n = reserve();
      if (n === undefined) {
        return;
      }
      const opId = n.toString(36);
      const sent = `${read.addressLine3 ?? ''},${opId}`;
      const attempt: SoakAttempt = {
        opId,
        customerId,
        sent,
        answer: { kind: 'error', code: 'NOT_ANSWERED', written: undefined },
      };
      attempts.push(attempt);
      driver.beforeAttempt(n);
      const before = driver.mark();
      attempt.answer = await client.update(index, customerId, sent, read.etag);
      const after = driver.mark();
      if (
        attempt.answer.kind === 'updated' &&
        before.latencyMs > 0 &&
        before.phase === after.phase
      ) {
        counts.slowPuts += 1;
      }
      counts.answered += 1;
      if (counts.answered % progressEvery === 0) {
        log(
          `soak: ${counts.answered} attempts answered, ${Math.round(performance.now() - started)} ms`,
        );
      }
    }
  }

  let verdict: SoakVerdict;
  let faultsFired: FaultsFired;
  try {
    await Promise.all(Array.from({ length: options.clients }, (_, i) => runClient(i)));
    // Every update has been answered, and no PUT outlives its answer (latency stays under the
    // gateway's timeout): the store is final.
    faultsFired = driver.stop();
    verdict = judgeSoak(
      attempts,
      customers.map((customerId) => ({
        customerId,
        initial: initial.get(customerId) ?? '',
        stored: storedLine(emulator, customerId),
      })),
    );
  } finally {
    emulator.faults.clear();
    await client.close();
    await gateway.stop();
    await emulator.close();
  }
  for (const finding of verdict.findings) {
    log(`soak: ${finding}`);
  }
  const recorded = options.recordRequests ? emulator.requests : undefined;
  return {
    ...verdict,
    readFailures: counts.readFailures,
    slowPuts: counts.slowPuts,
    faultsFired,
    ...(recorded && {
      upstream: {
        puts: recorded.filter((r) => r.method === 'PUT').length,
        unavailable: recorded.filter((r) => r.status === 503).length,
        dropped: recorded.filter((r) => r.status === 'dropped').length,
      },
    }),
    timedOut,
    durationMs: Math.round(performance.now() - started),
  };
}

function storedLine(emulator: Emulator, customerId: string): string {
  const address = emulator.store.getProfile(customerId)?.defaultAddress;
  const line = isJsonObject(address) ? address.addressLine3 : undefined;
  return typeof line === 'string' ? line : '';
}

/** The summary lines `npm run soak` prints: the verdict first, then what it rests on. */
export function formatSoakResult(result: SoakResult): string[] {
  const { unknown, faultsFired: fired } = result;
  return [
    `soak: ${result.attempts} attempts, ${result.updated} updated, ${result.conflicts} conflicts, ${result.errors} errors, ${result.lost} lost, ${result.duplicated} duplicated, ${result.ambiguous} ambiguous`,
    `soak: ${unknown.applied + unknown.notApplied} answered written: null (unknown): ${unknown.applied} applied, ${unknown.notApplied} not applied`,
    `soak: faults fired: ${fired.unavailable} × 503, ${fired.dropped} × PUT dropped after apply, ${result.slowPuts} slow PUTs; ${result.readFailures} reads failed, ${result.invalid} invalid, ${result.foreign} foreign ledger entries; ${(result.durationMs / 1000).toFixed(1)} s`,
  ];
}
