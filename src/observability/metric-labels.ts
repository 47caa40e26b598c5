/**
 * Label values for the gateway's metrics, bounded whatever callers send: every label has a fixed set
 * of values, or (operation names) a capped one. Pure: no I/O, no prom-client.
 */
import { DOCUMENTED_CODES } from '../errors/error-code';

/** Longest operation name used as a label value; longer ones are cut. */
export const MAX_OPERATION_NAME_LENGTH = 64;
/** Distinct operation names labelled; later ones are counted as `other`. */
export const MAX_OPERATION_NAMES = 100;

/** An operation whose document named none. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** A request that never resolved to an operation (unparsable, invalid, refused before it was read). */
export const UNKNOWN_OPERATION = 'unknown';
/** Any operation name past the first MAX_OPERATION_NAMES, or not a GraphQL name. */
export const OTHER_OPERATION = 'other';

/**
 * `outcome`: `success`, a documented `extensions.code` (the gateway's own and Apollo Server's, as the
 * README lists them), or `error` for anything else.
 */
export const OUTCOMES: readonly string[] = ['success', ...DOCUMENTED_CODES, 'error'];
export type Outcome = string;
const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);

/** `outcome` if it is one of OUTCOMES, else `error`: what a label may hold. */
export function boundedOutcome(outcome: string): Outcome {
  return OUTCOME_SET.has(outcome) ? outcome : 'error';
}

/** The outcome of an answer from its formatted errors: the first error's code decides. */
export function toOutcome(
  errors: readonly { extensions?: Readonly<Record<string, unknown>> }[] | undefined,
): Outcome {
  if (errors === undefined || errors.length === 0) {
    return 'success';
  }
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' ? boundedOutcome(code) : 'error';
}

const GRAPHQL_NAME = /^[A-Za-z0-9_]+$/;

/**
 * Operation names as label values: the first MAX_OPERATION_NAMES distinct names keep theirs (cut to
 * MAX_OPERATION_NAME_LENGTH), every later one is `other`. Only names of operations that resolved are
 * given (never the caller's raw `operationName`), so a name is at most what a valid document holds.
 */
export class OperationNames<Cells> {
  private readonly known = new Map<string, Cells>();
  private readonly fixed = new Map<string, Cells>();

  constructor(
    private readonly create: (label: string) => Cells,
    private readonly capacity = MAX_OPERATION_NAMES,
  ) {}

  /**
   * The cells for an operation. `name`: the resolved operation's name (null: anonymous);
   * undefined: no operation was resolved.
   */
  cellsFor(name: string | null | undefined): Cells {
    if (name === undefined) {
      return this.fixedCells(UNKNOWN_OPERATION);
    }
    if (name === null || name === '') {
      return this.fixedCells(ANONYMOUS_OPERATION);
    }
    const label =
      name.length > MAX_OPERATION_NAME_LENGTH ? name.slice(0, MAX_OPERATION_NAME_LENGTH) : name;
    const hit = this.known.get(label);
    if (hit !== undefined) {
      return hit;
    }
    if (this.known.size >= this.capacity || !GRAPHQL_NAME.test(label)) {
      return this.fixedCells(OTHER_OPERATION);
    }
    const cells = this.create(label);
    this.known.set(label, cells);
    return cells;
  }

  private fixedCells(label: string): Cells {
    let cells = this.fixed.get(label);
    if (cells === undefined) {
      cells = this.create(label);
      this.fixed.set(label, cells);
    }
    return cells;
  }
}

/** `status` of a Partner Center request that got no answer: the transport outcome. */
export type TransportOutcome = 'timeout' | 'unavailable' | 'shutdown';

/** `status` label: the HTTP status (100–599) or the transport outcome. */
export function toStatusLabel(status: number | TransportOutcome): string {
  if (typeof status === 'string') {
    return status;
  }
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'invalid';
}
