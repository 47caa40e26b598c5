import { createHash } from 'node:crypto';

import { billingProfilePath, customerPath } from '../partner-center/partner-center.paths';
import type {
  AddressDto,
  BillingProfileDto,
  CustomerDto,
} from '../partner-center/partner-center.dto';
import { BILLING_PROFILE_OBJECT_TYPE } from '../partner-center/partner-center.contract';
import type { SeedCustomer } from './seed-data';

type ProfileFields = SeedCustomer['profile'];

interface StoredCustomer {
  seed: SeedCustomer;
  profile: ProfileFields;
  version: number;
}

export type PutOutcome =
  | { kind: 'updated'; profile: BillingProfileDto }
  | { kind: 'not-found' }
  | { kind: 'etag-mismatch' };

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * In-memory customers and billing profiles. Every write bumps a version; the etag is derived from
 * the customer, the version and the content, so it is opaque and changes on every update.
 * `replaceProfile` checks the etag and writes in one synchronous step: two PUTs with the same etag
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

  getProfile(customerId: string): BillingProfileDto | undefined {
    const stored = this.customers.get(customerId.toLowerCase());
    return stored && toProfileDto(stored);
  }

  getCustomer(customerId: string): CustomerDto | undefined {
    const stored = this.customers.get(customerId.toLowerCase());
    return stored && toCustomerDto(stored);
  }

  listCustomers(): CustomerDto[] {
    return [...this.customers.values()].map(toCustomerDto);
  }

  /** Compare-and-set: stores `fields` only when `ifMatch` is the current etag. */
  replaceProfile(customerId: string, ifMatch: string, fields: ProfileFields): PutOutcome {
    const stored = this.customers.get(customerId.toLowerCase());
    if (!stored) {
      return { kind: 'not-found' };
    }
    if (etagOf(stored) !== ifMatch) {
      return { kind: 'etag-mismatch' };
    }
    stored.profile = clone({ ...fields, id: stored.profile.id });
    stored.version += 1;
    return { kind: 'updated', profile: toProfileDto(stored) };
  }
}

function etagOf(stored: StoredCustomer): string {
  return createHash('sha256')
    .update(`${stored.seed.id}\n${stored.version}\n${JSON.stringify(stored.profile)}`)
    .digest('base64url')
    .slice(0, 27);
}

function withoutEmpty(address: AddressDto): AddressDto {
  // Absent optional properties are omitted from responses (the seed's response has no region).
  return Object.fromEntries(
    Object.entries(address).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

function toProfileDto(stored: StoredCustomer): BillingProfileDto {
  const { defaultAddress, ...rest } = clone(stored.profile);
  const fields = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  return {
    ...(fields as Omit<ProfileFields, 'defaultAddress'>),
    id: stored.profile.id,
    ...(defaultAddress ? { defaultAddress: withoutEmpty(defaultAddress) } : {}),
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
    billingProfile: toProfileDto(stored),
    relationshipToPartner: 'reseller',
    links: { self: { uri: customerPath(stored.seed.id), method: 'GET', headers: [] } },
    attributes: { objectType: 'Customer' },
  };
}
