import { createHash } from 'node:crypto';

import { BILLING_PROFILE_OBJECT_TYPE } from '../partner-center/partner-center.contract';
import { isJsonObject, type JsonObject } from '../partner-center/partner-center.dto';
import { billingProfilePath, customerPath } from '../partner-center/partner-center.paths';
import type { CustomerDto, ProfileAnswerDto } from './emulator-dto';
import type { SeedCustomer, StoredProfile } from './seed-data';

interface StoredCustomer {
  seed: SeedCustomer;
  profile: StoredProfile;
  version: number;
}

export type PutOutcome =
  | { kind: 'updated'; profile: ProfileAnswerDto }
  | { kind: 'not-found' }
  | { kind: 'etag-mismatch' };

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * In-memory customers and billing profiles. A profile is kept as the whole camelCase resource it was
 * given, unknown properties included. Every write bumps a version; the etag is derived from the
 * customer, the version and the content, so it is opaque and changes on every update.
 * `replaceProfile` checks the etags and writes in one synchronous step: two PUTs with the same etag
 * can never both succeed.
 */
export class EmulatorStore {
  private readonly customers = new Map<string, StoredCustomer>();

  constructor(private readonly seed: readonly SeedCustomer[]) {
    this.reset();
  }

  reset(): void {
    this.customers.clear();
    for (const customer of this.seed) {
      this.customers.set(customer.id.toLowerCase(), {
        seed: clone(customer),
        profile: clone(customer.profile),
        version: 1,
      });
    }
  }

  has(customerId: string): boolean {
    return this.customers.has(customerId.toLowerCase());
  }

  customerIds(): string[] {
    return [...this.customers.values()].map((c) => c.seed.id);
  }

  /** The profile as the API answers it. */
  getProfile(customerId: string): ProfileAnswerDto | undefined {
    const stored = this.customers.get(customerId.toLowerCase());
    return stored && toProfileAnswer(stored);
  }

  /** The profile as stored (camelCase, nulls kept), for the PUT checks. */
  getStoredProfile(customerId: string): StoredProfile | undefined {
    const stored = this.customers.get(customerId.toLowerCase());
    return stored && clone(stored.profile);
  }

  getCustomer(customerId: string): CustomerDto | undefined {
    const stored = this.customers.get(customerId.toLowerCase());
    return stored && toCustomerDto(stored);
  }

  listCustomers(): CustomerDto[] {
    return [...this.customers.values()].map(toCustomerDto);
  }

  /** Compare-and-set: stores `profile` only when every given etag is the current one. */
  replaceProfile(customerId: string, etags: string[], profile: JsonObject): PutOutcome {
    const stored = this.customers.get(customerId.toLowerCase());
    if (!stored) {
      return { kind: 'not-found' };
    }
    const current = etagOf(stored);
    if (etags.length === 0 || etags.some((etag) => etag !== current)) {
      return { kind: 'etag-mismatch' };
    }
    const { links: _links, attributes: _attributes, ...fields } = clone(profile);
    stored.profile = { ...fields, id: stored.profile.id };
    stored.version += 1;
    return { kind: 'updated', profile: toProfileAnswer(stored) };
  }
}

function etagOf(stored: StoredCustomer): string {
  return createHash('sha256')
    .update(`${stored.seed.id}\n${stored.version}\n${JSON.stringify(stored.profile)}`)
    .digest('base64url')
    .slice(0, 27);
}

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * Partner Center leaves empty properties out of its answers (the seed's response has no region): of
 * the profile and its address. The value of a property the contract does not describe is answered
 * exactly as it was stored.
 */
function withoutEmpty(profile: JsonObject): JsonObject {
  const out = Object.fromEntries(Object.entries(profile).filter(([, v]) => !isEmpty(v)));
  if (isJsonObject(out.defaultAddress)) {
    out.defaultAddress = Object.fromEntries(
      Object.entries(out.defaultAddress).filter(([, v]) => !isEmpty(v)),
    );
  }
  return out;
}

function toProfileAnswer(stored: StoredCustomer): ProfileAnswerDto {
  return {
    ...withoutEmpty(stored.profile),
    id: stored.profile.id,
    links: { self: { uri: billingProfilePath(stored.seed.id), method: 'GET', headers: [] } },
    attributes: { etag: etagOf(stored), objectType: BILLING_PROFILE_OBJECT_TYPE },
  };
}

function toCustomerDto(stored: StoredCustomer): CustomerDto {
  return {
    id: stored.seed.id,
    companyProfile: {
      tenantId: stored.seed.id,
      domain: stored.seed.domain,
      companyName: stored.seed.companyName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: toProfileAnswer(stored),
    relationshipToPartner: 'reseller',
    links: { self: { uri: customerPath(stored.seed.id), method: 'GET', headers: [] } },
    attributes: { objectType: 'Customer' },
  };
}
