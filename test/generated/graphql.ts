/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Changes to an address. An absent field keeps its value; null clears it. Only the fields you send are checked. */
export type AddressInput = {
  /** First address line, 1-200 characters (cannot be cleared). */
  addressLine1?: string | null | undefined;
  /** Second address line, 0-200 characters. */
  addressLine2?: string | null | undefined;
  /** Third address line. */
  addressLine3?: string | null | undefined;
  /** City (required where the country rules say so). */
  city?: string | null | undefined;
  /** Two-letter ISO 3166-1 country code, e.g. US (cannot be cleared). */
  country?: string | null | undefined;
  /** District. */
  district?: string | null | undefined;
  /** Email address of the contact. */
  emailAddress?: string | null | undefined;
  /** Contact first name, 1-50 characters (cannot be cleared). */
  firstName?: string | null | undefined;
  /** Contact last name, 1-50 characters (cannot be cleared). */
  lastName?: string | null | undefined;
  /** Contact middle name, 0-50 characters. */
  middleName?: string | null | undefined;
  /** Phone number, in the country format where the country rules give one. Some countries require one. */
  phoneNumber?: string | null | undefined;
  /** Postal code; required and in the country format where the country rules say so. */
  postalCode?: string | null | undefined;
  /** Region. */
  region?: string | null | undefined;
  /** State code, at most 2 characters; required and from the country list where the country rules say so. */
  state?: string | null | undefined;
};

/** A patch of a billing profile. An absent field keeps its current value; null clears it. Only the fields you send are checked. */
export type UpdateBillingProfileInput = {
  /** Company name (cannot be cleared). */
  companyName?: string | null | undefined;
  /** Culture name such as en-US, in any case (cannot be cleared). */
  culture?: string | null | undefined;
  /** The customer tenant id (a GUID). */
  customerId: string | number;
  /** Changes to the default address, merged field by field into the current one. */
  defaultAddress?: AddressInput | null | undefined;
  /** Email address (cannot be cleared). */
  email?: string | null | undefined;
  /** First name. */
  firstName?: string | null | undefined;
  /** Two-letter language code such as en. */
  language?: string | null | undefined;
  /** Last name. */
  lastName?: string | null | undefined;
};

export type BillingProfileFieldsFragment = { id: string, firstName: string | null, lastName: string | null, email: string | null, culture: string | null, language: string | null, companyName: string | null, etag: string, defaultAddress: { country: string | null, region: string | null, city: string | null, state: string | null, addressLine1: string | null, addressLine2: string | null, addressLine3: string | null, postalCode: string | null, firstName: string | null, middleName: string | null, lastName: string | null, phoneNumber: string | null, district: string | null, emailAddress: string | null } | null };

export type GetCountryValidationRulesQueryVariables = Exact<{
  countryCode: string;
}>;


export type GetCountryValidationRulesQuery = { countryValidationRules: { iso2Code: string, defaultCulture: string | null, isStateRequired: boolean | null, supportedStatesList: Array<string> | null, isPostalCodeRequired: boolean | null, postalCodeRegex: string | null, isCityRequired: boolean | null, phoneNumberRegex: string | null, supportedCulturesList: Array<string> | null, supportedLanguagesList: Array<string> | null, countryCallingCodesList: Array<string> | null } | null };

export type GetCustomerBillingProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type GetCustomerBillingProfileQuery = { customer: { id: string, billingProfile: { id: string, firstName: string | null, lastName: string | null, email: string | null, culture: string | null, language: string | null, companyName: string | null, etag: string, defaultAddress: { country: string | null, region: string | null, city: string | null, state: string | null, addressLine1: string | null, addressLine2: string | null, addressLine3: string | null, postalCode: string | null, firstName: string | null, middleName: string | null, lastName: string | null, phoneNumber: string | null, district: string | null, emailAddress: string | null } | null } | null } | null };

export type UpdateBillingProfileMutationVariables = Exact<{
  input: UpdateBillingProfileInput;
  etag: string;
}>;


export type UpdateBillingProfileMutation = { updateBillingProfile:
    | { __typename: 'BillingProfileUpdated', billingProfile: { id: string, firstName: string | null, lastName: string | null, email: string | null, culture: string | null, language: string | null, companyName: string | null, etag: string, defaultAddress: { country: string | null, region: string | null, city: string | null, state: string | null, addressLine1: string | null, addressLine2: string | null, addressLine3: string | null, postalCode: string | null, firstName: string | null, middleName: string | null, lastName: string | null, phoneNumber: string | null, district: string | null, emailAddress: string | null } | null } }
    | { __typename: 'EtagMismatch', message: string, currentEtag: string, current: { id: string, firstName: string | null, lastName: string | null, email: string | null, culture: string | null, language: string | null, companyName: string | null, etag: string, defaultAddress: { country: string | null, region: string | null, city: string | null, state: string | null, addressLine1: string | null, addressLine2: string | null, addressLine3: string | null, postalCode: string | null, firstName: string | null, middleName: string | null, lastName: string | null, phoneNumber: string | null, district: string | null, emailAddress: string | null } | null } }
    | { __typename: 'InvalidBillingProfile', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export const BillingProfileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BillingProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerBillingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"culture"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"defaultAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine1"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine2"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine3"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddress"}}]}},{"kind":"Field","name":{"kind":"Name","value":"etag"}}]}}]} as unknown as DocumentNode<BillingProfileFieldsFragment, unknown>;
export const GetCountryValidationRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetCountryValidationRules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countryCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countryValidationRules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"countryCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countryCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso2Code"}},{"kind":"Field","name":{"kind":"Name","value":"defaultCulture"}},{"kind":"Field","name":{"kind":"Name","value":"isStateRequired"}},{"kind":"Field","name":{"kind":"Name","value":"supportedStatesList"}},{"kind":"Field","name":{"kind":"Name","value":"isPostalCodeRequired"}},{"kind":"Field","name":{"kind":"Name","value":"postalCodeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"isCityRequired"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberRegex"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCulturesList"}},{"kind":"Field","name":{"kind":"Name","value":"supportedLanguagesList"}},{"kind":"Field","name":{"kind":"Name","value":"countryCallingCodesList"}}]}}]}}]} as unknown as DocumentNode<GetCountryValidationRulesQuery, GetCountryValidationRulesQueryVariables>;
export const GetCustomerBillingProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetCustomerBillingProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"billingProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BillingProfileFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BillingProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerBillingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"culture"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"defaultAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine1"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine2"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine3"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddress"}}]}},{"kind":"Field","name":{"kind":"Name","value":"etag"}}]}}]} as unknown as DocumentNode<GetCustomerBillingProfileQuery, GetCustomerBillingProfileQueryVariables>;
export const UpdateBillingProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateBillingProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateBillingProfileInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"etag"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateBillingProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"etag"},"value":{"kind":"Variable","name":{"kind":"Name","value":"etag"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BillingProfileUpdated"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billingProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BillingProfileFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtagMismatch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"currentEtag"}},{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BillingProfileFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidBillingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BillingProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerBillingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"culture"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"defaultAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine1"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine2"}},{"kind":"Field","name":{"kind":"Name","value":"addressLine3"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddress"}}]}},{"kind":"Field","name":{"kind":"Name","value":"etag"}}]}}]} as unknown as DocumentNode<UpdateBillingProfileMutation, UpdateBillingProfileMutationVariables>;