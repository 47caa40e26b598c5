/* eslint-disable no-console -- the soak reports on stdout */
import 'reflect-metadata';

import { formatSoakResult, runSoak } from './soak';
import { isClean } from './soak-verdict';

// `npm run soak`: the bounded no-lost-update soak (soak.ts). Exits 1 when an update was lost,
// duplicated or answered ambiguously, or when the time bound cut the run short.
const MAX_DURATION_MS = 2 * 60 * 1000;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  }
  return value;
}

async function main(): Promise<void> {
  const clients = positiveInteger('SOAK_CLIENTS', 32);
  const attempts = positiveInteger('SOAK_ATTEMPTS', 3000);
  const result = await runSoak({
    clients,
    attempts,
    maxDurationMs: MAX_DURATION_MS,
    log: (line) => console.error(line),
  });
  for (const line of formatSoakResult(result)) {
    console.log(line);
  }
  const failures: string[] = [];
  if (!isClean(result)) {
    failures.push('lost, duplicated, ambiguous or foreign updates (see the findings above)');
  }
  if (result.timedOut) {
    failures.push(
      `the ${MAX_DURATION_MS / 1000} s bound was hit after ${result.attempts} of ${attempts} attempts`,
    );
  }
  if (failures.length > 0) {
    console.log(`soak failed: ${failures.join('; ')}`);
  }
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
