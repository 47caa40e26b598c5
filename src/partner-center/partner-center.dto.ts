import { PartnerCenterError } from './partner-center-error';

/**
 * The billing-profile resource as Partner Center sends it, and the check that an upstream body has the
 * documented shape. Responses are camelCase (update and get pages). The resource is kept whole, exactly
 * as received, because the PUT replaces all of it: properties the gateway does not model (the swagger's
 * address `id`, `district`, `emailAddress`, anything added later) must go back untouched.
 */

export type JsonObject = Record<string, unknown>;

/** Profile properties the GraphQL API shows and patches (customer-resources, CustomerBillingProfile). */
export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'culture',
  'language',
  'companyName',
] as const;

/** Address properties the GraphQL API shows and patches (utility-resources, the SDK and the swagger). */
export const ADDRESS_FIELDS = [
  'country',
  'region',
  'city',
  'state',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'postalCode',
  'firstName',
  'middleName',
  'lastName',
  'phoneNumber',
  'district',
  'emailAddress',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export type AddressDto = Partial<Record<AddressField, string>>;

/** A billing profile read from Partner Center: the modelled fields, and the whole resource. */
export type BillingProfileDto = Partial<Record<ProfileField, string>> & {
  id: string;
  defaultAddress?: AddressDto;
  attributes: { etag: string };
  /** The resource exactly as received (camelCase JSON, unknown properties and nulls included). */
  resource: JsonObject;
};

/** An upstream answer that does not have the documented shape (the gateway answers UPSTREAM_ERROR). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(source: JsonObject, key: string, where: string): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ContractViolation(`${where}.${key} is not a string`);
  }
  return value;
}

/** Checks an upstream billing profile body against the contract; throws ContractViolation. */
export function parseBillingProfileDto(body: unknown): BillingProfileDto {
  if (!isJsonObject(body)) {
    throw new ContractViolation('the billing profile is not an object');
  }
  const id = optionalString(body, 'id', 'profile');
  const attributes = body.attributes;
  if (
    id === undefined ||
    !isJsonObject(attributes) ||
    typeof attributes.etag !== 'string' ||
    attributes.etag === ''
  ) {
    throw new ContractViolation('the billing profile has no id or attributes.etag');
  }
  const dto: BillingProfileDto = { id, attributes: { etag: attributes.etag }, resource: body };
  for (const field of PROFILE_FIELDS) {
    const value = optionalString(body, field, 'profile');
    if (value !== undefined) {
      dto[field] = value;
    }
  }
  if (body.defaultAddress !== undefined && body.defaultAddress !== null) {
    if (!isJsonObject(body.defaultAddress)) {
      throw new ContractViolation('profile.defaultAddress is not an object');
    }
    const address: AddressDto = {};
    for (const field of ADDRESS_FIELDS) {
      const value = optionalString(body.defaultAddress, field, 'defaultAddress');
      if (value !== undefined) {
        address[field] = value;
      }
    }
    dto.defaultAddress = address;
  }
  return dto;
}

/** parseBillingProfileDto for an upstream answer: a contract violation becomes a PartnerCenterError. */
export function parseBillingProfileAnswer(
  body: unknown,
  ids: { correlationId: string; requestId: string },
): BillingProfileDto {
  try {
    return parseBillingProfileDto(body);
  } catch (error) {
    if (error instanceof ContractViolation) {
      throw new PartnerCenterError(
        { kind: 'contract', reason: error.message },
        ids.correlationId,
        ids.requestId,
        { cause: error },
      );
    }
    throw error;
  }
}
