/**
 * The billing-profile endpoint as typed outcomes. Everything that knows what a Partner Center status or
 * error code means for this resource is here, so the GraphQL features never read HTTP statuses.
 */
import type { CallContext, PartnerCenterClient } from './partner-center.client';
import { UPSTREAM_CODE } from './partner-center.contract';
import {
  ADDRESS_FIELDS,
  PROFILE_FIELDS,
  parseBillingProfileAnswer,
  type BillingProfileDto,
  type JsonObject,
} from './partner-center.dto';
import { PartnerCenterError } from './partner-center-error';
import { billingProfilePath } from './partner-center.paths';

/** A refused property: its camelCase path in the resource, and Partner Center's words. */
export interface RefusedField {
  path: string[];
  message: string;
}

export type ReplaceOutcome =
  | { kind: 'updated'; profile: BillingProfileDto }
  /** Someone else wrote since the etag was read: nothing was written. */
  | { kind: 'etag-mismatch' }
  /** Partner Center refused the resource (400): nothing was written. */
  | { kind: 'invalid'; message: string; fields: RefusedField[] }
  /**
   * The PUT was sent but no usable answer came back, even after the resend with the same MS-RequestId
   * (timeout, dropped connection, 5xx, an unreadable 200): it may or may not have been applied.
   */
  | { kind: 'unconfirmed'; error: PartnerCenterError };

/** `GET …/profiles/billing`: the profile, or null when Partner Center has no such customer (404). */
export async function getBillingProfile(
  client: PartnerCenterClient,
  customerId: string,
  call: CallContext,
): Promise<BillingProfileDto | null> {
  const answer = await client.find(billingProfilePath(customerId), call);
  return (
    answer &&
    parseBillingProfileAnswer(answer.body, {
      correlationId: call.correlationId,
      requestId: answer.requestId,
    })
  );
}

/**
 * `PUT …/profiles/billing` with the full resource, guarded by `etag` (If-Match and Attributes.Etag).
 * Refusals that mean "not written" for the caller's own reasons are outcomes; any other refusal
 * (401, 403, 404, 409, 429, …) throws a PartnerCenterError, and nothing was written either.
 */
export async function replaceBillingProfile(
  client: PartnerCenterClient,
  customerId: string,
  resource: JsonObject,
  etag: string,
  call: CallContext,
): Promise<ReplaceOutcome> {
  let body: unknown;
  let requestId: string;
  try {
    ({ body, requestId } = await client.put(billingProfilePath(customerId), resource, etag, call));
  } catch (error) {
    return toRefusal(error);
  }
  try {
    return {
      kind: 'updated',
      profile: parseBillingProfileAnswer(body, { correlationId: call.correlationId, requestId }),
    };
  } catch (error) {
    // A 200 whose body cannot be read: the write happened, but what it stored is unknown.
    return toRefusal(error);
  }
}

function toRefusal(error: unknown): ReplaceOutcome {
  if (!(error instanceof PartnerCenterError)) {
    throw error;
  }
  const { failure } = error;
  if (failure.kind === 'not-sent' || failure.kind === 'credentials') {
    // Never sent: nothing to settle.
    throw error;
  }
  if (failure.kind !== 'status') {
    return { kind: 'unconfirmed', error };
  }
  if (error.resent) {
    // An answer to a resend (same MS-RequestId) may follow our own first sending, applied: whatever
    // it says, only a fresh read can tell whether the write happened.
    return {
      kind: 'unconfirmed',
      error: new PartnerCenterError({ kind: 'unavailable' }, error.correlationId, error.requestId, {
        cause: error,
      }),
    };
  }
  const { status, upstreamCode } = failure;
  // The error-codes page documents a stale etag as 400 with code 2055; 412 is what HTTP would say.
  if (
    status === 412 ||
    (status >= 400 && status < 500 && upstreamCode === UPSTREAM_CODE.etagInvalid)
  ) {
    return { kind: 'etag-mismatch' };
  }
  if (status === 400) {
    const message = failure.description ?? 'Partner Center rejected the billing profile.';
    if (upstreamCode === UPSTREAM_CODE.phoneNumberMissing) {
      return {
        kind: 'invalid',
        message,
        fields: [{ path: ['defaultAddress', 'phoneNumber'], message }],
      };
    }
    const fields = (failure.fieldProblems ?? []).map((p) => ({
      path: toPropertyPath(p.field),
      message: p.message,
    }));
    return { kind: 'invalid', message, fields };
  }
  if (status >= 500) {
    // A 5xx may come after the write was applied (a proxy's 502 or 504 surely can).
    return { kind: 'unconfirmed', error };
  }
  throw error;
}

const KNOWN_PROPERTY_NAMES = new Map(
  [...PROFILE_FIELDS, ...ADDRESS_FIELDS, 'id', 'defaultAddress'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/** Partner Center's `DefaultAddress.PostalCode` (any casing) -> ['defaultAddress', 'postalCode']. */
export function toPropertyPath(upstreamField: string): string[] {
  return upstreamField
    .split('.')
    .filter(Boolean)
    .map(
      (part) =>
        KNOWN_PROPERTY_NAMES.get(part.toLowerCase()) ??
        part.charAt(0).toLowerCase() + part.slice(1),
    );
}
