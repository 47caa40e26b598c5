/**
 * Pure mapping between Partner Center's REST shapes and the GraphQL shapes. No I/O, no GraphQL
 * runtime: unit-tested with tables in test/unit/billing-profile/.
 */
import {
  ADDRESS_FIELDS,
  PROFILE_FIELDS,
  type FieldProblem,
  type ProfileFieldsCandidate,
} from '../partner-center/billing-profile.rules';
import type {
  AddressDto,
  AddressRequestDto,
  BillingProfileDto,
  BillingProfileRequestDto,
} from '../partner-center/partner-center.dto';
import { billingProfilePath } from '../partner-center/partner-center.paths';
import type { AddressInput, UpdateBillingProfileInput } from './billing-profile.input';
import { FieldError } from './billing-profile-result.type';
import { Address, CustomerBillingProfile } from './billing-profile.type';

/** camelCase REST body -> GraphQL CustomerBillingProfile (absent fields become null). */
export function toBillingProfile(dto: BillingProfileDto): CustomerBillingProfile {
  const profile = new CustomerBillingProfile();
  profile.id = dto.id;
  for (const field of PROFILE_FIELDS) {
    profile[field] = dto[field] ?? null;
  }
  profile.defaultAddress = dto.defaultAddress ? toAddress(dto.defaultAddress) : null;
  profile.etag = dto.attributes.etag;
  return profile;
}

function toAddress(dto: AddressDto): Address {
  const address = new Address();
  for (const field of ADDRESS_FIELDS) {
    address[field] = dto[field] ?? null;
  }
  return address;
}

/**
 * The patch applied to the current profile: an absent field keeps its value, null clears it. The
 * result is what validateBillingProfile checks and toBillingProfileRequest sends.
 */
export function mergeBillingProfile(
  current: BillingProfileDto,
  patch: Omit<UpdateBillingProfileInput, 'customerId'>,
): ProfileFieldsCandidate & { defaultAddress: AddressDto | null } {
  const merged: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = patch[field];
    merged[field] = value === undefined ? current[field] : value;
  }
  let address: AddressDto | null;
  if (patch.defaultAddress === null) {
    address = null;
  } else {
    address = { ...current.defaultAddress };
    const changes: AddressInput = patch.defaultAddress ?? {};
    for (const field of ADDRESS_FIELDS) {
      const value = changes[field];
      if (value === null) {
        delete address[field];
      } else if (value !== undefined) {
        address[field] = value;
      }
    }
  }
  return { ...merged, defaultAddress: address };
}

const nullable = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The full resource for PUT, PascalCase exactly as the seed's request example (contract "Choice"):
 * every property present, cleared ones as null; Id, Links and Attributes sent back as received.
 */
export function toBillingProfileRequest(
  customerId: string,
  current: BillingProfileDto,
  merged: ReturnType<typeof mergeBillingProfile>,
): BillingProfileRequestDto {
  const address = merged.defaultAddress;
  const self = current.links?.self ?? {
    uri: billingProfilePath(customerId),
    method: 'GET',
    headers: [],
  };
  return {
    Id: current.id,
    FirstName: nullable(merged.firstName),
    LastName: nullable(merged.lastName),
    Email: nullable(merged.email),
    Culture: nullable(merged.culture),
    Language: nullable(merged.language),
    CompanyName: nullable(merged.companyName),
    DefaultAddress: address === null ? null : toAddressRequest(address),
    Links: {
      Self: {
        Uri: self.uri,
        Method: self.method,
        Headers: self.headers.map((h) => ({ Key: h.key, Value: h.value })),
      },
    },
    Attributes: { Etag: current.attributes.etag, ObjectType: current.attributes.objectType },
  };
}

function toAddressRequest(address: AddressDto): AddressRequestDto {
  return {
    Country: nullable(address.country),
    Region: nullable(address.region),
    City: nullable(address.city),
    State: nullable(address.state),
    AddressLine1: nullable(address.addressLine1),
    AddressLine2: nullable(address.addressLine2),
    AddressLine3: nullable(address.addressLine3),
    PostalCode: nullable(address.postalCode),
    FirstName: nullable(address.firstName),
    LastName: nullable(address.lastName),
    PhoneNumber: nullable(address.phoneNumber),
  };
}

export function toFieldErrors(problems: FieldProblem[]): FieldError[] {
  return problems.map((problem) =>
    Object.assign(new FieldError(), {
      path: problem.path,
      message: `${problem.path.at(-1) ?? 'input'} ${problem.message}`,
    }),
  );
}

const KNOWN_FIELD_NAMES = new Map(
  [...PROFILE_FIELDS, ...ADDRESS_FIELDS, 'id', 'defaultAddress'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/** Partner Center's `DefaultAddress.PostalCode` (any casing) -> ['defaultAddress', 'postalCode']. */
export function toFieldPath(upstreamField: string): string[] {
  return upstreamField
    .split('.')
    .filter(Boolean)
    .map(
      (part) =>
        KNOWN_FIELD_NAMES.get(part.toLowerCase()) ?? part.charAt(0).toLowerCase() + part.slice(1),
    );
}
