/**
 * updateBillingProfile as the .NET SDK does it (read, change, write the whole resource back), made
 * safe: check what the caller sends, read the current profile (through the request's loader), refuse a
 * stale etag without writing, pre-check changed address fields with the country's published rules,
 * then PUT the resource as read with only the changes overlaid. Expected outcomes are union results;
 * every error thrown carries `extensions.written` (false: nothing was written; null: unknown).
 */
import { requireCaller, requireUpdater, type GatewayContext } from '../context';
import { NotFoundError, withExtensions } from '../errors/gateway-errors';
import { toGraphQLError } from '../errors/to-graphql-error';
import {
  COUNTRY_RULED_FIELDS,
  validateAgainstCountryRules,
  validateBillingProfileChanges,
  type FieldProblem,
  type ProfileChanges,
} from '../partner-center/billing-profile.rules';
import { replaceBillingProfile } from '../partner-center/billing-profile.client';
import type { PartnerCenterError } from '../partner-center/partner-center-error';
import type { CountryRulesCache } from '../partner-center/country-validation-rules.cache';
import type { CallContext, PartnerCenterClient } from '../partner-center/partner-center.client';
import { COUNTRY_CODE_PATTERN, isGuid } from '../partner-center/partner-center.contract';
import type { BillingProfileDto } from '../partner-center/partner-center.dto';
import type { UpdateBillingProfileInput } from './billing-profile.input';
import type { BillingProfileLoader } from './billing-profile.loader';
import {
  showsChanges,
  toBillingProfile,
  toBillingProfileRequest,
  toFieldErrors,
  toProfileChanges,
} from './billing-profile.mapper';
import {
  BillingProfileUpdated,
  EtagMismatch,
  FieldError,
  InvalidBillingProfile,
} from './billing-profile-result.type';

export type UpdateOutcome = BillingProfileUpdated | EtagMismatch | InvalidBillingProfile;

interface UpdateDeps {
  client: PartnerCenterClient;
  call: CallContext;
  billingProfiles: BillingProfileLoader;
  countryRules: CountryRulesCache;
}

export async function updateBillingProfile(
  context: GatewayContext,
  input: UpdateBillingProfileInput,
  etag: string,
): Promise<UpdateOutcome> {
  // False unless an unconfirmed PUT cannot be checked: then nobody knows (null).
  let written: boolean | null = false;
  try {
    const deps: UpdateDeps = {
      client: context.client,
      countryRules: context.countryRules,
      ...requireCaller(context),
    };
    requireUpdater(context);
    const { customerId, ...patch } = input;
    const changes = toProfileChanges(patch);
    const inputProblems: FieldProblem[] = [];
    if (!isGuid(customerId)) {
      inputProblems.push({ path: ['customerId'], message: 'must be a GUID' });
    }
    if (etag.trim() === '') {
      inputProblems.push({ path: ['etag'], message: 'is required' });
    }
    inputProblems.push(...validateBillingProfileChanges(changes));
    if (inputProblems.length > 0) {
      return invalid(inputProblems);
    }

    const current = await deps.billingProfiles.load(customerId);
    if (current === null) {
      throw notFound(deps.call);
    }
    if (current.attributes.etag !== etag) {
      context.metrics?.etagConflict('read');
      return mismatch(current);
    }
    const countryProblems = await checkCountryRules(deps, current, changes);
    if (countryProblems.length > 0) {
      return invalid(countryProblems);
    }

    const body = toBillingProfileRequest(current.resource, changes, etag);
    const outcome = await replaceBillingProfile(deps.client, customerId, body, etag, deps.call);
    switch (outcome.kind) {
      case 'updated':
        return updated(deps, customerId, outcome.profile);
      case 'etag-mismatch':
        // Someone wrote between our read and our PUT: show the caller what is there now.
        context.metrics?.etagConflict('write');
        return mismatch(await reread(deps, customerId));
      case 'invalid':
        return Object.assign(new InvalidBillingProfile(), {
          message: outcome.message,
          fieldErrors: outcome.fields.map((f) =>
            Object.assign(new FieldError(), { path: f.path, message: f.message }),
          ),
        });
      case 'unconfirmed': {
        // The PUT may have been applied: only a fresh read can tell the caller what happened.
        let fresh: BillingProfileDto;
        try {
          fresh = await reread(deps, customerId);
        } catch {
          written = null;
          throw outcome.error;
        }
        if (showsChanges(fresh, changes, etag)) {
          return updated(deps, customerId, fresh);
        }
        // Changed, but not to ours: it may have been applied and then overwritten, or never applied
        // because someone wrote first. Unchanged after a timeout or a cut-short call: our PUT may
        // still be on its way to being applied. Only an unchanged profile after a refused or
        // dropped connection says it was not written.
        if (fresh.attributes.etag !== etag || mayStillLand(outcome.error)) {
          written = null;
        }
        throw outcome.error;
      }
    }
  } catch (error) {
    throw withExtensions(toGraphQLError(error), { written });
  }
}

/**
 * The changed address fields that the country's rules govern, checked against those rules. The rules
 * are Partner Center's and only help: when they cannot be fetched, Partner Center still judges the PUT.
 */
async function checkCountryRules(
  deps: UpdateDeps,
  current: BillingProfileDto,
  changes: ProfileChanges,
): Promise<FieldProblem[]> {
  const address = changes.defaultAddress;
  if (!address || !COUNTRY_RULED_FIELDS.some((field) => address[field] !== undefined)) {
    return [];
  }
  const country = address.country ?? current.defaultAddress?.country;
  if (typeof country !== 'string' || !COUNTRY_CODE_PATTERN.test(country)) {
    return [];
  }
  let rules;
  try {
    rules = await deps.countryRules.get(country, deps.call);
  } catch {
    return [];
  }
  return rules ? validateAgainstCountryRules(address, rules) : [];
}

/** Whether an unconfirmed PUT may still be in progress at Partner Center after the gateway gave up. */
function mayStillLand(error: PartnerCenterError): boolean {
  const { failure } = error;
  return (
    failure.kind === 'timeout' ||
    failure.kind === 'shutdown' ||
    (failure.kind === 'status' && failure.status === 504)
  );
}

async function reread(deps: UpdateDeps, customerId: string): Promise<BillingProfileDto> {
  deps.billingProfiles.clear(customerId);
  const fresh = await deps.billingProfiles.load(customerId);
  if (fresh === null) {
    throw notFound(deps.call);
  }
  return fresh;
}

function updated(
  deps: UpdateDeps,
  customerId: string,
  profile: BillingProfileDto,
): BillingProfileUpdated {
  // Later reads of this customer in the same operation see the new profile.
  deps.billingProfiles.clear(customerId).prime(customerId, profile);
  return Object.assign(new BillingProfileUpdated(), { billingProfile: toBillingProfile(profile) });
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
