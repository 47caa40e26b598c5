// The GraphQL documents the benchmark sends to the gateway.

const PROFILE_FIELDS = `fragment Profile on CustomerBillingProfile {
  id firstName lastName email companyName culture language etag
  defaultAddress {
    addressLine1 addressLine2 addressLine3 city country district emailAddress firstName lastName
    middleName phoneNumber postalCode region state
  }
}`;

// Ten aliases with every field would cost more than the gateway admits (1500): a list's fields.
const LIST_FIELDS = `fragment ListEntry on CustomerBillingProfile {
  id firstName lastName email companyName etag defaultAddress { city country postalCode }
}`;

/** Every field of one profile. */
export const ONE_PROFILE = `query OneProfile($id: ID!) { customer(id: $id) { id billingProfile { ...Profile } } }
${PROFILE_FIELDS}`;

function aliases(count: number, variable: (i: number) => string): string {
  return Array.from(
    { length: count },
    (_unused, i) => `c${i}: customer(id: $${variable(i)}) { id billingProfile { ...ListEntry } }`,
  ).join(' ');
}

/** One customer under ten aliases: one upstream GET. */
export const TEN_ALIASES = `query TenAliases($id: ID!) { ${aliases(10, () => 'id')} }
${LIST_FIELDS}`;

/** Ten customers, `$id0` … `$id9`: ten upstream GETs. */
export const TEN_DISTINCT = `query TenDistinct(${Array.from({ length: 10 }, (_u, i) => `$id${i}: ID!`).join(', ')}) { ${aliases(10, (i) => `id${i}`)} }
${LIST_FIELDS}`;

/** What a router sends to resolve Customer entities. */
export const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Customer { billingProfile { etag } } }
}`;

/** The etag-guarded update, every outcome selected. */
export const UPDATE = `mutation Update($input: UpdateBillingProfileInput!, $etag: String!) {
  updateBillingProfile(input: $input, etag: $etag) {
    __typename
    ... on BillingProfileUpdated { billingProfile { etag } }
    ... on EtagMismatch { currentEtag }
    ... on InvalidBillingProfile { message }
  }
}`;
