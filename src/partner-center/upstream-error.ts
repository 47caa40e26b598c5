/**
 * What the Partner Center client throws. It knows HTTP, not GraphQL: to-graphql-error.ts converts it
 * once. Never carries the raw upstream body, a token or a query string.
 */
export type UpstreamFailure =
  | {
      kind: 'status';
      status: number;
      upstreamCode?: string;
      retryAfterSeconds?: number;
      /** Partner Center's per-field validation problems (400, code 3000): field names and messages only. */
      fieldProblems?: { field: string; message: string }[];
    }
  | { kind: 'timeout' }
  | { kind: 'unavailable'; networkCode?: string }
  | { kind: 'contract'; reason: string };

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly failure: UpstreamFailure,
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

function describe(failure: UpstreamFailure): string {
  switch (failure.kind) {
    case 'status':
      return `Partner Center answered ${failure.status}${failure.upstreamCode ? ` (code ${failure.upstreamCode})` : ''}`;
    case 'timeout':
      return 'Partner Center did not answer in time';
    case 'unavailable':
      return `Partner Center could not be reached${failure.networkCode ? ` (${failure.networkCode})` : ''}`;
    case 'contract':
      return `Partner Center's answer breaks the contract: ${failure.reason}`;
  }
}
