/**
 * updateBillingProfile as the .NET SDK does it, made safe: validate the patch, read the current
 * profile (through the request's loader), refuse a stale etag without writing, merge, validate the
 * whole resource, then PUT it with If-Match. Expected outcomes are union results; anything else throws.
 */
import type { CallContext, PartnerCenterClient } from '../partner-center/partner-center.client';
import {
  validateBillingProfile,
  validateBillingProfilePatch,
  type FieldProblem,
} from '../partner-center/billing-profile.rules';
import { UPSTREAM_CODE, isGuid } from '../partner-center/partner-center.contract';
import {
  parseBillingProfileAnswer,
  type BillingProfileDto,
} from '../partner-center/partner-center.dto';
import { billingProfilePath } from '../partner-center/partner-center.paths';
import { UpstreamError } from '../partner-center/upstream-error';
import { NotFoundError } from '../errors/gateway-errors';
import type { UpdateBillingProfileInput } from './billing-profile.input';
import type { BillingProfileLoader } from './billing-profile.loader';
import {
  mergeBillingProfile,
  toBillingProfile,
  toBillingProfileRequest,
  toFieldErrors,
  toFieldPath,
} from './billing-profile.mapper';
import {
  BillingProfileUpdated,
  EtagMismatch,
  InvalidBillingProfile,
} from './billing-profile-result.type';

export type UpdateOutcome = BillingProfileUpdated | EtagMismatch | InvalidBillingProfile;

interface UpdateDeps {
  client: PartnerCenterClient;
  call: CallContext;
  billingProfiles: BillingProfileLoader;
}

export async function updateBillingProfile(
  deps: UpdateDeps,
  input: UpdateBillingProfileInput,
  etag: string,
): Promise<UpdateOutcome> {
  const { customerId, ...patch } = input;
  const inputProblems: FieldProblem[] = [];
  if (!isGuid(customerId)) {
    inputProblems.push({ path: ['customerId'], message: 'must be a GUID' });
  }
  if (etag.trim() === '') {
    inputProblems.push({ path: ['etag'], message: 'is required' });
  }
  inputProblems.push(...validateBillingProfilePatch(patch));
  if (inputProblems.length > 0) {
    return invalid(inputProblems);
  }

  const current = await deps.billingProfiles.load(customerId);
  if (current === null) {
    throw notFound(deps.call);
  }
  if (current.attributes.etag !== etag) {
    return mismatch(current);
  }
  const merged = mergeBillingProfile(current, patch);
  const mergedProblems = validateBillingProfile(merged);
  if (mergedProblems.length > 0) {
    return invalid(mergedProblems);
  }

  const body = toBillingProfileRequest(customerId, current, merged);
  let updated: BillingProfileDto;
  try {
    const answer = await deps.client.put(billingProfilePath(customerId), body, etag, deps.call);
    updated = parseBillingProfileAnswer(answer.body, {
      correlationId: deps.call.correlationId,
      requestId: answer.requestId,
    });
  } catch (error) {
    return fromUpstreamRefusal(deps, customerId, error);
  }
  // Later reads of this customer in the same operation see the new profile.
  deps.billingProfiles.clear(customerId).prime(customerId, updated);
  return Object.assign(new BillingProfileUpdated(), { billingProfile: toBillingProfile(updated) });
}

async function fromUpstreamRefusal(
  deps: UpdateDeps,
  customerId: string,
  error: unknown,
): Promise<UpdateOutcome> {
  if (!(error instanceof UpstreamError)) {
    throw error;
  }
  if (error.status === 412) {
    // Someone wrote between our read and our PUT: show the caller what is there now.
    deps.billingProfiles.clear(customerId);
    const fresh = await deps.billingProfiles.load(customerId);
    if (fresh === null) {
      throw notFound(deps.call);
    }
    return mismatch(fresh);
  }
  if (error.status === 400 && error.upstreamCode === UPSTREAM_CODE.invalidProperty) {
    const fieldProblems =
      error.failure.kind === 'status' ? (error.failure.fieldProblems ?? []) : [];
    return Object.assign(new InvalidBillingProfile(), {
      message: 'Partner Center rejected the billing profile.',
      fieldErrors: fieldProblems.map((p) => ({ path: toFieldPath(p.field), message: p.message })),
    });
  }
  throw error;
}

function invalid(problems: FieldProblem[]): InvalidBillingProfile {
  return Object.assign(new InvalidBillingProfile(), {
    message:
      problems.length === 1
        ? 'The billing profile has 1 invalid field.'
        : `The billing profile has ${problems.length} invalid fields.`,
    fieldErrors: toFieldErrors(problems),
  });
}

function mismatch(current: BillingProfileDto): EtagMismatch {
  return Object.assign(new EtagMismatch(), {
    message: 'The billing profile changed since it was read; nothing was written.',
    currentEtag: current.attributes.etag,
    current: toBillingProfile(current),
  });
}

function notFound(call: CallContext): NotFoundError {
  return new NotFoundError('Partner Center has no such customer.', {
    correlationId: call.correlationId,
  });
}
