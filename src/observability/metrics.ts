import { collectDefaultMetrics, Registry } from 'prom-client';

import {
  asMetric,
  CounterFamily,
  HistogramFamily,
  type CounterChild,
  type HistogramChild,
} from './metric-families';
import {
  OperationNames,
  boundedOutcome,
  toStatusLabel,
  type Outcome,
  type TransportOutcome,
} from './metric-labels';

/** Seconds: Prometheus' default buckets, and 30 s for calls that retry up to their deadline. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type HttpMethod = 'GET' | 'PUT';

/** What the Partner Center client records: one call per HTTP exchange, and each retry. */
export interface PartnerCenterMetrics {
  /** One request to Partner Center ended: its HTTP status or transport outcome, and its duration. */
  request(method: HttpMethod, status: number | TransportOutcome, seconds: number): void;
  /** The client sends a request again after a failed attempt (its retry policy). */
  retry(method: HttpMethod): void;
}

/** Where an update met a stale etag: the read before the PUT, or Partner Center's answer to it. */
export type EtagConflictStage = 'read' | 'write';

export interface GatewayMetrics {
  /** The Prometheus text exposition of every metric (prom-client's default process metrics too). */
  render(): Promise<string>;
  readonly contentType: string;
  /**
   * One GraphQL request answered. `operationName`: the resolved operation's name (null: anonymous;
   * undefined: it never resolved to an operation). `outcome`: see metric-labels' OUTCOMES.
   */
  operation(operationName: string | null | undefined, outcome: Outcome, seconds: number): void;
  /**
   * A GraphQL request the gateway refused before Apollo Server saw it (503 when at
   * MAX_CONCURRENT_REQUESTS, a body too large or not JSON): counted, as operation `unknown`, not timed.
   */
  refused(outcome: 'RATE_LIMITED' | 'BAD_REQUEST'): void;
  readonly partnerCenter: PartnerCenterMetrics;
  etagConflict(stage: EtagConflictStage): void;
}

interface OperationCells {
  label: string;
  duration: HistogramChild;
  outcomes: Partial<Record<Outcome, CounterChild>>;
}

interface RequestCells {
  duration: HistogramChild;
  retries: CounterChild;
  byStatus: Map<number | string, CounterChild>;
}

/**
 * The gateway's metrics in a registry of their own (several gateways in one process, as in the tests,
 * do not collide). Label children are resolved once and kept, so recording allocates nothing.
 */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const operations = new CounterFamily(
    'graphql_operations_total',
    'GraphQL requests answered, by operation name (bounded) and outcome (success or the first error code).',
    ['operation_name', 'outcome'],
  );
  const operationDuration = new HistogramFamily(
    'graphql_operation_duration_seconds',
    'Time from the start of a GraphQL request in Apollo Server to its answer, by operation name.',
    ['operation_name'],
    DURATION_BUCKETS,
  );
  const requests = new CounterFamily(
    'partner_center_requests_total',
    'HTTP requests sent to Partner Center (each attempt), by method and status (HTTP status, or timeout, unavailable, shutdown).',
    ['method', 'status'],
  );
  const requestDuration = new HistogramFamily(
    'partner_center_request_duration_seconds',
    'Duration of one HTTP request to Partner Center (one attempt, answer body included), by method.',
    ['method'],
    DURATION_BUCKETS,
  );
  const retries = new CounterFamily(
    'partner_center_retries_total',
    'Requests to Partner Center sent again after a failed attempt, by method.',
    ['method'],
  );
  const conflicts = new CounterFamily(
    'billing_profile_etag_conflicts_total',
    'Updates answered EtagMismatch, by stage: read (the etag was already stale) or write (Partner Center refused the PUT).',
    ['stage'],
  );
  for (const family of [
    operations,
    operationDuration,
    requests,
    requestDuration,
    retries,
    conflicts,
  ]) {
    registry.registerMetric(asMetric(family));
  }

  const names = new OperationNames<OperationCells>((label) => ({
    label,
    duration: operationDuration.child(label),
    outcomes: {},
  }));
  const cellsOf = (method: HttpMethod): RequestCells => ({
    duration: requestDuration.child(method),
    retries: retries.child(method),
    byStatus: new Map(),
  });
  const byMethod: Record<HttpMethod, RequestCells> = { GET: cellsOf('GET'), PUT: cellsOf('PUT') };
  // Present from the start (at 0), so that rate() sees the first conflict.
  const conflictCells: Record<EtagConflictStage, CounterChild> = {
    read: conflicts.child('read'),
    write: conflicts.child('write'),
  };
  const count = (cells: OperationCells, outcome: Outcome): void => {
    const label = boundedOutcome(outcome);
    (cells.outcomes[label] ??= operations.child(cells.label, label)).inc();
  };

  return {
    render: () => registry.metrics(),
    contentType: registry.contentType,
    operation(operationName, outcome, seconds) {
      const cells = names.cellsFor(operationName);
      count(cells, outcome);
      cells.duration.observe(seconds);
    },
    refused(outcome) {
      count(names.cellsFor(undefined), outcome);
    },
    partnerCenter: {
      request(method, status, seconds) {
        const cells = byMethod[method];
        let counter = cells.byStatus.get(status);
        if (counter === undefined) {
          counter = requests.child(method, toStatusLabel(status));
          cells.byStatus.set(status, counter);
        }
        counter.inc();
        cells.duration.observe(seconds);
      },
      retry(method) {
        byMethod[method].retries.inc();
      },
    },
    etagConflict(stage) {
      conflictCells[stage].inc();
    },
  };
}
