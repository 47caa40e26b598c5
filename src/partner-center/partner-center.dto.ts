import { ADDRESS_FIELDS, PROFILE_FIELDS } from './billing-profile.rules';
import { BILLING_PROFILE_OBJECT_TYPE } from './partner-center.contract';
import { UpstreamError } from './upstream-error';

/**
 * REST shapes exactly as the contract documents them, and the check that an upstream body has them. Responses are camelCase; request bodies are the
 * full resource in PascalCase (the seed's request example).
 */

export interface LinkDto {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

export interface AddressDto {
  country?: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
}

/** `GET|PUT /v1/customers/{id}/profiles/billing` response body. */
export interface BillingProfileDto {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  culture?: string;
  language?: string;
  companyName?: string;
  defaultAddress?: AddressDto;
  links?: { self?: LinkDto };
  attributes: { etag: string; objectType: string };
}

export interface LinkRequestDto {
  Uri: string;
  Method: string;
  Headers: { Key: string; Value: string }[];
}

export interface AddressRequestDto {
  Country: string | null;
  Region: string | null;
  City: string | null;
  State: string | null;
  AddressLine1: string | null;
  AddressLine2: string | null;
  AddressLine3: string | null;
  PostalCode: string | null;
  FirstName: string | null;
  LastName: string | null;
  PhoneNumber: string | null;
}

/** `PUT /v1/customers/{id}/profiles/billing` request body: the full resource. */
export interface BillingProfileRequestDto {
  Id: string;
  FirstName: string | null;
  LastName: string | null;
  Email: string | null;
  Culture: string | null;
  Language: string | null;
  CompanyName: string | null;
  DefaultAddress: AddressRequestDto | null;
  Links: { Self: LinkRequestDto };
  Attributes: { Etag: string; ObjectType: string };
}

export interface CustomerDto {
  id: string;
  companyProfile: {
    tenantId: string;
    domain: string;
    companyName: string;
    attributes: { objectType: string };
  };
  billingProfile: BillingProfileDto;
  relationshipToPartner: string;
  links: { self: LinkDto };
  attributes: { objectType: 'Customer' };
}

export interface CollectionDto<T> {
  totalCount: number;
  items: T[];
  links: { self: LinkDto; next?: LinkDto };
  attributes: { objectType: 'Collection' };
}

/** An upstream answer that does not have the documented shape (the gateway answers UPSTREAM_ERROR). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(
  source: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
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
  if (!isObject(body)) {
    throw new ContractViolation('the billing profile is not an object');
  }
  const id = optionalString(body, 'id', 'profile');
  const attributes = body.attributes;
  if (
    id === undefined ||
    !isObject(attributes) ||
    typeof attributes.etag !== 'string' ||
    attributes.etag === ''
  ) {
    throw new ContractViolation('the billing profile has no id or attributes.etag');
  }
  const dto: BillingProfileDto = {
    id,
    attributes: {
      etag: attributes.etag,
      objectType:
        optionalString(attributes, 'objectType', 'attributes') ?? BILLING_PROFILE_OBJECT_TYPE,
    },
  };
  for (const field of PROFILE_FIELDS) {
    const value = optionalString(body, field, 'profile');
    if (value !== undefined) {
      dto[field] = value;
    }
  }
  if (body.defaultAddress !== undefined && body.defaultAddress !== null) {
    if (!isObject(body.defaultAddress)) {
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
  if (isObject(body.links) && isObject(body.links.self)) {
    const self = body.links.self;
    dto.links = {
      self: {
        uri: typeof self.uri === 'string' ? self.uri : '',
        method: typeof self.method === 'string' ? self.method : 'GET',
        headers: Array.isArray(self.headers)
          ? self.headers.filter(
              (h): h is { key: string; value: string } =>
                isObject(h) && typeof h.key === 'string' && typeof h.value === 'string',
            )
          : [],
      },
    };
  }
  return dto;
}

/** parseBillingProfileDto for an upstream answer: a contract violation becomes an UpstreamError. */
export function parseBillingProfileAnswer(
  body: unknown,
  ids: { correlationId: string; requestId: string },
): BillingProfileDto {
  try {
    return parseBillingProfileDto(body);
  } catch (error) {
    if (error instanceof ContractViolation) {
      throw new UpstreamError(
        { kind: 'contract', reason: error.message },
        ids.correlationId,
        ids.requestId,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
