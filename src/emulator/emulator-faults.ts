import { UPSTREAM_CODE } from '../partner-center/partner-center.contract';
import { errorAnswer, throttledAnswer, type Answer } from './emulator-http';

/**
 * Opt-in fault injection for integration tests and the benchmark. Everything is off by default;
 * counted faults are consumed one request at a time.
 */

export type FaultMethod = 'GET' | 'PUT';

export interface StatusFault {
  /** HTTP status to answer instead of handling the request (e.g. 403, 429, 500, 503). */
  status: number;
  /** How many requests get it. Default 1. */
  count?: number;
  /** Only these methods are affected. Default: all. */
  methods?: FaultMethod[];
  /** Seconds for `Retry-After` on 429 and 503. Default 1. */
  retryAfterSeconds?: number;
  /** Partner Center error `code` for the body. Default: the contract's code for the status. */
  code?: string;
  /** The body's `data` (no documented shape; the emulator's own 400s list `{ field, message }`). */
  data?: { field: string; message: string }[];
  /** The body's `description`. Default "Injected fault.". */
  description?: string;
}

export interface DropFault {
  /** `before-apply`: the socket is destroyed and nothing changes. `after-apply`: the update is stored (and remembered under its MS-RequestId), then the socket is destroyed; it applies to PUT unless `methods` says otherwise. */
  when: 'before-apply' | 'after-apply';
  count?: number;
  methods?: FaultMethod[];
}

export interface MalformedBodyFault {
  /** How many 200 answers are sent as truncated, unparsable JSON. Default 1. */
  count?: number;
  methods?: FaultMethod[];
}

export interface EmulatorFaults {
  /** Added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Only these methods get the latency. Default: all. */
  latencyMethods?: FaultMethod[];
  failNext?: StatusFault;
  dropConnection?: DropFault;
  malformedBody?: MalformedBodyFault;
  /** 200 answers that announce their whole length, send half the body and cut the connection. */
  brokenBody?: MalformedBodyFault;
}

export class FaultController {
  private current: EmulatorFaults = {};

  constructor(initial: EmulatorFaults = {}) {
    this.set(initial);
  }

  /** Replaces the faults of the given kinds; kinds not mentioned stay as they are. */
  set(faults: EmulatorFaults): void {
    const problems = validateFaults(faults);
    if (problems.length > 0) {
      throw new TypeError(`invalid emulator faults: ${problems.join('; ')}`);
    }
    const next = structuredClone(faults);
    // "After the update is applied" only means something for a PUT: without a method list, a
    // preliminary GET would use the fault up and the PUT would never see it.
    if (next.dropConnection?.when === 'after-apply' && !next.dropConnection.methods) {
      next.dropConnection.methods = ['PUT'];
    }
    this.current = { ...this.current, ...next };
  }

  clear(): void {
    this.current = {};
  }

  snapshot(): EmulatorFaults {
    return structuredClone(this.current);
  }

  latencyMs(method: string): number {
    const methods = this.current.latencyMethods;
    return methods && !methods.includes(method as FaultMethod) ? 0 : (this.current.latencyMs ?? 0);
  }

  takeStatus(method: string): StatusFault | undefined {
    return this.take('failNext', method);
  }

  takeDrop(method: string): DropFault | undefined {
    return this.take('dropConnection', method);
  }

  takeMalformed(method: string): MalformedBodyFault | undefined {
    return this.take('malformedBody', method);
  }

  takeBroken(method: string): MalformedBodyFault | undefined {
    return this.take('brokenBody', method);
  }

  private take<K extends 'failNext' | 'dropConnection' | 'malformedBody' | 'brokenBody'>(
    kind: K,
    method: string,
  ): EmulatorFaults[K] | undefined {
    const fault = this.current[kind];
    if (!fault || (fault.methods && !fault.methods.includes(method as FaultMethod))) {
      return undefined;
    }
    const remaining = (fault.count ?? 1) - 1;
    if (remaining <= 0) {
      delete this.current[kind];
    } else {
      fault.count = remaining;
    }
    return fault;
  }
}

function validateFaults(faults: unknown): string[] {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
    return ['faults must be an object'];
  }
  const f = faults as Record<string, unknown>;
  const problems: string[] = [];
  const known = [
    'latencyMs',
    'latencyMethods',
    'failNext',
    'dropConnection',
    'malformedBody',
    'brokenBody',
  ];
  for (const key of Object.keys(f)) {
    if (!known.includes(key)) {
      problems.push(`unknown fault ${key}`);
    }
  }
  if (f.latencyMs !== undefined && !isCount(f.latencyMs, 0, 60_000)) {
    problems.push('latencyMs must be an integer from 0 to 60000');
  }
  for (const key of ['failNext', 'dropConnection', 'malformedBody', 'brokenBody']) {
    const value = f[key];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      problems.push(`${key} must be an object`);
      continue;
    }
    const v = value as Record<string, unknown>;
    if (v.count !== undefined && !isCount(v.count, 1, 1_000_000)) {
      problems.push(`${key}.count must be a positive integer`);
    }
    if (
      v.methods !== undefined &&
      !(Array.isArray(v.methods) && v.methods.every((m) => m === 'GET' || m === 'PUT'))
    ) {
      problems.push(`${key}.methods must list GET and/or PUT`);
    }
  }
  if (
    f.latencyMethods !== undefined &&
    !(Array.isArray(f.latencyMethods) && f.latencyMethods.every((m) => m === 'GET' || m === 'PUT'))
  ) {
    problems.push('latencyMethods must list GET and/or PUT');
  }
  const failNext = f.failNext as Record<string, unknown> | undefined;
  if (failNext && !isCount(failNext.status, 400, 599)) {
    problems.push('failNext.status must be an HTTP error status (400-599)');
  }
  if (
    failNext?.retryAfterSeconds !== undefined &&
    !isCount(failNext.retryAfterSeconds, 0, 86_400)
  ) {
    problems.push('failNext.retryAfterSeconds must be an integer from 0 to 86400');
  }
  if (failNext && failNext.code !== undefined && typeof failNext.code !== 'string') {
    problems.push('failNext.code must be a string');
  }
  if (failNext && failNext.description !== undefined && typeof failNext.description !== 'string') {
    problems.push('failNext.description must be a string');
  }
  if (
    failNext?.data !== undefined &&
    !(
      Array.isArray(failNext.data) &&
      failNext.data.every(
        (d: unknown) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as Record<string, unknown>).field === 'string' &&
          typeof (d as Record<string, unknown>).message === 'string',
      )
    )
  ) {
    problems.push('failNext.data must list { field, message } strings');
  }
  const drop = f.dropConnection as Record<string, unknown> | undefined;
  if (drop && drop.when !== 'before-apply' && drop.when !== 'after-apply') {
    problems.push("dropConnection.when must be 'before-apply' or 'after-apply'");
  }
  return problems;
}

function isCount(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The answer for an injected status: Partner Center's error body for that status, or the given code and data. */
export function faultAnswer(fault: StatusFault): Answer {
  const { status } = fault;
  const retry = { 'retry-after': String(fault.retryAfterSeconds ?? 1) };
  if (fault.code !== undefined) {
    return errorAnswer(status, fault.code, fault.description ?? 'Injected fault.', {
      ...(fault.data ? { data: fault.data } : {}),
      ...(status === 429 || status === 503 ? { headers: retry } : {}),
    });
  }
  switch (status) {
    case 401:
      return errorAnswer(401, UPSTREAM_CODE.accessDenied, 'Access denied.', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    case 403:
      return errorAnswer(403, UPSTREAM_CODE.accessDenied, 'Forbidden.');
    case 404:
      return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    case 409:
      return errorAnswer(409, UPSTREAM_CODE.orderInProgress, 'An order is in progress.');
    case 412:
      return errorAnswer(412, UPSTREAM_CODE.etagInvalid, 'Precondition failed.');
    case 429:
      return throttledAnswer(fault.retryAfterSeconds ?? 1);
    case 503:
      return errorAnswer(503, UPSTREAM_CODE.unexpected, 'Service unavailable.', { headers: retry });
    default:
      return errorAnswer(
        status,
        status >= 500 ? UPSTREAM_CODE.unexpected : UPSTREAM_CODE.invalidInput,
        'Injected fault.',
      );
  }
}
