/**
 * REST shapes exactly as the contract documents them. Responses are camelCase; request bodies are the
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
