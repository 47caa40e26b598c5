/**
 * The soak's judgement, pure: what the gateway answered for every update attempt against what the
 * emulator's store holds at the end. Each customer's `addressLine3` is a ledger: its value as seeded,
 * then `,<op id>` for every update applied, in the order applied (each writer appends to the value it
 * read, guarded by the etag it read).
 */

/** What the gateway answered to one updateBillingProfile. */
export type SoakAnswer =
  | { kind: 'updated'; shown: string | null }
  | { kind: 'mismatch' }
  | { kind: 'invalid'; message: string }
  /** A top-level GraphQL error; `written` as in `extensions.written` (undefined: absent). */
  | { kind: 'error'; code: string; written: boolean | null | undefined };

export interface SoakAttempt {
  opId: string;
  customerId: string;
  /** The addressLine3 the update sent. */
  sent: string;
  answer: SoakAnswer;
}

export interface CustomerLedger {
  customerId: string;
  /** addressLine3 before the soak ('' when there was none). */
  initial: string;
  /** addressLine3 in the store after the soak ('' when there is none). */
  stored: string;
}

export interface SoakVerdict {
  attempts: number;
  updated: number;
  conflicts: number;
  invalid: number;
  errors: number;
  /** Answered BillingProfileUpdated, not in the ledger. */
  lost: number;
  /** Op ids found more than once in a ledger. */
  duplicated: number;
  /** Answered anything but BillingProfileUpdated (except `written: null`), yet in the ledger. */
  ambiguous: number;
  /** Errors with `written: null` (the gateway said "unknown"), by what the ledger shows. */
  unknown: { applied: number; notApplied: number };
  /** Ledger entries that are no op of that customer, and ledgers that lost their seeded value. */
  foreign: number;
  /** One sentence per lost, duplicated, ambiguous or foreign finding. */
  findings: string[];
}

export function judgeSoak(
  attempts: readonly SoakAttempt[],
  ledgers: readonly CustomerLedger[],
): SoakVerdict {
  const findings: string[] = [];
  const byOp = new Map(attempts.map((attempt) => [attempt.opId, attempt]));
  const applied = new Map<string, number>();
  let foreign = 0;
  for (const ledger of ledgers) {
    if (!ledger.stored.startsWith(ledger.initial)) {
      foreign += 1;
      findings.push(
        `customer ${ledger.customerId}: the ledger no longer starts with its seeded value ${JSON.stringify(ledger.initial)}`,
      );
      continue;
    }
    for (const opId of ledger.stored.slice(ledger.initial.length).split(',')) {
      if (opId === '') {
        continue;
      }
      const owner = byOp.get(opId);
      if (owner?.customerId !== ledger.customerId) {
        foreign += 1;
        findings.push(
          `customer ${ledger.customerId}: ledger holds op ${opId}, ${owner ? `an update of ${owner.customerId}` : 'which was never sent'}`,
        );
        continue;
      }
      applied.set(opId, (applied.get(opId) ?? 0) + 1);
    }
  }

  const verdict: SoakVerdict = {
    attempts: attempts.length,
    updated: 0,
    conflicts: 0,
    invalid: 0,
    errors: 0,
    lost: 0,
    duplicated: 0,
    ambiguous: 0,
    unknown: { applied: 0, notApplied: 0 },
    foreign,
    findings,
  };
  for (const attempt of attempts) {
    const times = applied.get(attempt.opId) ?? 0;
    const { answer } = attempt;
    const what = `op ${attempt.opId} (customer ${attempt.customerId}) answered ${describe(answer)}`;
    if (times > 1) {
      verdict.duplicated += 1;
      findings.push(`duplicated: ${what}, applied ${times} times`);
    }
    switch (answer.kind) {
      case 'updated':
        verdict.updated += 1;
        if (times === 0) {
          verdict.lost += 1;
          findings.push(`lost: ${what}, not in the ledger`);
        } else if (answer.shown !== attempt.sent) {
          findings.push(`note: ${what} showing ${JSON.stringify(answer.shown)}, not what it sent`);
        }
        continue;
      case 'mismatch':
        verdict.conflicts += 1;
        break;
      case 'invalid':
        verdict.invalid += 1;
        break;
      case 'error':
        verdict.errors += 1;
        if (answer.written === null) {
          verdict.unknown[times > 0 ? 'applied' : 'notApplied'] += 1;
          continue;
        }
        break;
    }
    if (times > 0) {
      verdict.ambiguous += 1;
      findings.push(`ambiguous: ${what}, yet it is in the ledger`);
    }
  }
  return verdict;
}

function describe(answer: SoakAnswer): string {
  switch (answer.kind) {
    case 'updated':
      return 'BillingProfileUpdated';
    case 'mismatch':
      return 'EtagMismatch';
    case 'invalid':
      return `InvalidBillingProfile (${answer.message})`;
    case 'error':
      return `${answer.code} with written: ${answer.written === undefined ? 'absent' : String(answer.written)}`;
  }
}

/** True when nothing was lost, duplicated, ambiguous or foreign. */
export function isClean(verdict: SoakVerdict): boolean {
  return (
    verdict.lost === 0 &&
    verdict.duplicated === 0 &&
    verdict.ambiguous === 0 &&
    verdict.foreign === 0
  );
}
