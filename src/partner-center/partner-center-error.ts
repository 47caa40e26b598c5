/**
 * What the Partner Center transport throws. It knows HTTP, not GraphQL: to-graphql-error.ts converts it
 * once into a documented code. (Named apart from the public `UPSTREAM_ERROR` code on purpose: this is a
 * private class of the upstream layer, that code is one of several it may become.) Never carries the
 * raw upstream body, a token or a query string.
 */
export type PartnerCenterFailure =
  | {
      kind: 'status';
      status: number;
      upstreamCode?: string;
      retryAfterSeconds?: number;
      /**
       * Partner Center's `description`, cut to the documented 1024 characters and stripped of control
       * characters. Shown to callers only where the contract makes it the message (a refused update).
       */
      description?: string;
      /** Entries of the error's `data` that name a field; the contract documents no shape, so often none. */
      fieldProblems?: { field: string; message: string }[];
    }
  | { kind: 'timeout' }
  | { kind: 'unavailable'; networkCode?: string }
  | { kind: 'contract'; reason: string }
  /** Never sent: the caller's line was full, the deadline passed in it, or the gateway is stopping. */
  | { kind: 'not-sent'; reason: 'caller-limit' | 'deadline' | 'shutdown' }
  /** Cut short in flight because the gateway is stopping: it may or may not have reached Partner Center. */
  | { kind: 'shutdown' };

export class PartnerCenterError extends Error {
  override readonly name = 'PartnerCenterError';
  /** The answer came to a resend of the request (same MS-RequestId), not to its first sending. */
  resent = false;

  constructor(
    readonly failure: PartnerCenterFailure,
    readonly correlationId: string,
    readonly requestId: string,
    options?: { cause?: unknown },
  ) {
    super(describe(failure), options);
  }

  get status(): number | undefined {
    return this.failure.kind === 'status' ? this.failure.status : undefined;
  }

  get upstreamCode(): string | undefined {
    return this.failure.kind === 'status' ? this.failure.upstreamCode : undefined;
  }
}

function describe(failure: PartnerCenterFailure): string {
  switch (failure.kind) {
    case 'status':
      return `Partner Center answered ${failure.status}${failure.upstreamCode ? ` (code ${failure.upstreamCode})` : ''}`;
    case 'timeout':
      return 'Partner Center did not answer in time';
    case 'unavailable':
      return `Partner Center could not be reached${failure.networkCode ? ` (${failure.networkCode})` : ''}`;
    case 'contract':
      return `Partner Center's answer breaks the contract: ${failure.reason}`;
    case 'not-sent':
      return failure.reason === 'caller-limit'
        ? 'the caller has too many Partner Center calls in flight'
        : failure.reason === 'deadline'
          ? 'the call waited for a free slot past its deadline'
          : 'the gateway is shutting down';
    case 'shutdown':
      return 'the call was cut short: the gateway is shutting down';
  }
}

/** The first PartnerCenterError in an error's cause chain (GraphQL wrappers keep it as originalError). */
export function findPartnerCenterError(error: unknown): PartnerCenterError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof PartnerCenterError) {
      return current;
    }
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}
