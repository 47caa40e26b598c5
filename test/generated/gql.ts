/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment BillingProfileFields on CustomerBillingProfile {\n  id\n  firstName\n  lastName\n  email\n  culture\n  language\n  companyName\n  defaultAddress {\n    country\n    region\n    city\n    state\n    addressLine1\n    addressLine2\n    addressLine3\n    postalCode\n    firstName\n    middleName\n    lastName\n    phoneNumber\n    district\n    emailAddress\n  }\n  etag\n}": typeof types.BillingProfileFieldsFragmentDoc,
    "query GetCountryValidationRules($countryCode: String!) {\n  countryValidationRules(countryCode: $countryCode) {\n    iso2Code\n    defaultCulture\n    isStateRequired\n    supportedStatesList\n    isPostalCodeRequired\n    postalCodeRegex\n    isCityRequired\n    phoneNumberRegex\n    supportedCulturesList\n    supportedLanguagesList\n    countryCallingCodesList\n  }\n}": typeof types.GetCountryValidationRulesDocument,
    "query GetCustomerBillingProfile($id: ID!) {\n  customer(id: $id) {\n    id\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n}": typeof types.GetCustomerBillingProfileDocument,
    "mutation UpdateBillingProfile($input: UpdateBillingProfileInput!, $etag: String!) {\n  updateBillingProfile(input: $input, etag: $etag) {\n    __typename\n    ... on BillingProfileUpdated {\n      billingProfile {\n        ...BillingProfileFields\n      }\n    }\n    ... on EtagMismatch {\n      message\n      currentEtag\n      current {\n        ...BillingProfileFields\n      }\n    }\n    ... on InvalidBillingProfile {\n      message\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n}": typeof types.UpdateBillingProfileDocument,
};
const documents: Documents = {
    "fragment BillingProfileFields on CustomerBillingProfile {\n  id\n  firstName\n  lastName\n  email\n  culture\n  language\n  companyName\n  defaultAddress {\n    country\n    region\n    city\n    state\n    addressLine1\n    addressLine2\n    addressLine3\n    postalCode\n    firstName\n    middleName\n    lastName\n    phoneNumber\n    district\n    emailAddress\n  }\n  etag\n}": types.BillingProfileFieldsFragmentDoc,
    "query GetCountryValidationRules($countryCode: String!) {\n  countryValidationRules(countryCode: $countryCode) {\n    iso2Code\n    defaultCulture\n    isStateRequired\n    supportedStatesList\n    isPostalCodeRequired\n    postalCodeRegex\n    isCityRequired\n    phoneNumberRegex\n    supportedCulturesList\n    supportedLanguagesList\n    countryCallingCodesList\n  }\n}": types.GetCountryValidationRulesDocument,
    "query GetCustomerBillingProfile($id: ID!) {\n  customer(id: $id) {\n    id\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n}": types.GetCustomerBillingProfileDocument,
    "mutation UpdateBillingProfile($input: UpdateBillingProfileInput!, $etag: String!) {\n  updateBillingProfile(input: $input, etag: $etag) {\n    __typename\n    ... on BillingProfileUpdated {\n      billingProfile {\n        ...BillingProfileFields\n      }\n    }\n    ... on EtagMismatch {\n      message\n      currentEtag\n      current {\n        ...BillingProfileFields\n      }\n    }\n    ... on InvalidBillingProfile {\n      message\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n}": types.UpdateBillingProfileDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BillingProfileFields on CustomerBillingProfile {\n  id\n  firstName\n  lastName\n  email\n  culture\n  language\n  companyName\n  defaultAddress {\n    country\n    region\n    city\n    state\n    addressLine1\n    addressLine2\n    addressLine3\n    postalCode\n    firstName\n    middleName\n    lastName\n    phoneNumber\n    district\n    emailAddress\n  }\n  etag\n}"): (typeof documents)["fragment BillingProfileFields on CustomerBillingProfile {\n  id\n  firstName\n  lastName\n  email\n  culture\n  language\n  companyName\n  defaultAddress {\n    country\n    region\n    city\n    state\n    addressLine1\n    addressLine2\n    addressLine3\n    postalCode\n    firstName\n    middleName\n    lastName\n    phoneNumber\n    district\n    emailAddress\n  }\n  etag\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GetCountryValidationRules($countryCode: String!) {\n  countryValidationRules(countryCode: $countryCode) {\n    iso2Code\n    defaultCulture\n    isStateRequired\n    supportedStatesList\n    isPostalCodeRequired\n    postalCodeRegex\n    isCityRequired\n    phoneNumberRegex\n    supportedCulturesList\n    supportedLanguagesList\n    countryCallingCodesList\n  }\n}"): (typeof documents)["query GetCountryValidationRules($countryCode: String!) {\n  countryValidationRules(countryCode: $countryCode) {\n    iso2Code\n    defaultCulture\n    isStateRequired\n    supportedStatesList\n    isPostalCodeRequired\n    postalCodeRegex\n    isCityRequired\n    phoneNumberRegex\n    supportedCulturesList\n    supportedLanguagesList\n    countryCallingCodesList\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GetCustomerBillingProfile($id: ID!) {\n  customer(id: $id) {\n    id\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n}"): (typeof documents)["query GetCustomerBillingProfile($id: ID!) {\n  customer(id: $id) {\n    id\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateBillingProfile($input: UpdateBillingProfileInput!, $etag: String!) {\n  updateBillingProfile(input: $input, etag: $etag) {\n    __typename\n    ... on BillingProfileUpdated {\n      billingProfile {\n        ...BillingProfileFields\n      }\n    }\n    ... on EtagMismatch {\n      message\n      currentEtag\n      current {\n        ...BillingProfileFields\n      }\n    }\n    ... on InvalidBillingProfile {\n      message\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n}"): (typeof documents)["mutation UpdateBillingProfile($input: UpdateBillingProfileInput!, $etag: String!) {\n  updateBillingProfile(input: $input, etag: $etag) {\n    __typename\n    ... on BillingProfileUpdated {\n      billingProfile {\n        ...BillingProfileFields\n      }\n    }\n    ... on EtagMismatch {\n      message\n      currentEtag\n      current {\n        ...BillingProfileFields\n      }\n    }\n    ... on InvalidBillingProfile {\n      message\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;