/**
 * Shared expectations of the gateway suites: what the emulator saw upstream, the GraphQL shape a stored
 * profile must have, and the checks that no secret or upstream body reaches a caller. Written from the
 * contract, not from src/, so a mapping bug in src/ cannot hide behind its own helper.
 */
import type { RecordedRequest } from '../../../src/emulator/emulator';
import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import {
  GetCustomerBillingProfileDocument,
  UpdateBillingProfileDocument,
  type BillingProfileFieldsFragment,
  type UpdateBillingProfileInput,
} from '../../generated/graphql';
import {
  postGraphQL,
  TEST_TOKEN,
  type GraphQLErrorJson,
  type GraphQLResponse,
} from '../../helpers/graphql-client';
import type { ProfileJson } from '../../helpers/emulator-http';
import type { Stack } from '../../helpers/start-stack';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Seed customers by what makes them useful to a test. */
export const US_CUSTOMER = SEED_CUSTOMERS[0]!.id; // no region, no addressLine2; postal code required
export const GB_CUSTOMER = SEED_CUSTOMERS[1]!.id; // has region and addressLine2
export const DE_CUSTOMER = SEED_CUSTOMERS[2]!.id; // no phone number
export const JP_CUSTOMER = SEED_CUSTOMERS[3]!.id;
export const BR_CUSTOMER = SEED_CUSTOMERS[4]!.id; // no phone number, although BR needs one
export const IN_CUSTOMER = SEED_CUSTOMERS[5]!.id; // phone number mandatory in IN
/** US: culture en-us, no profile firstName, a phone with an extension, unknown properties. */
export const LITWARE_CUSTOMER = SEED_CUSTOMERS[6]!.id;
export const IE_CUSTOMER = SEED_CUSTOMERS[7]!.id; // no postal code (IE does not require one)
export const UNKNOWN_CUSTOMER = '00000000-0000-4000-8000-0000000000ff';

/** Texts of the emulator's error bodies: none may reach a GraphQL caller. */
const UPSTREAM_BODY_TEXTS = [
  'PartnerFD',
  'Forbidden.',
  'Too many requests',
  'Service unavailable',
  'Injected fault',
  'Access denied',
  'Tenant not found',
  'Unexpected service error',
  'description',
  'upstreamCode',
];

export function billingPath(customerId: string): string {
  return `/v1/customers/${customerId.toLowerCase()}/profiles/billing`;
}

/** The upstream requests the emulator recorded, optionally of one method only. */
export function upstream(stack: Stack, method?: 'GET' | 'PUT'): RecordedRequest[] {
  return stack.emulator.requests.filter((r) => method === undefined || r.method === method);
}

export function storedProfile(stack: Stack, customerId: string): ProfileJson {
  const profile = stack.emulator.store.getProfile(customerId);
  if (!profile) {
    throw new Error(`the emulator has no customer ${customerId}`);
  }
  return profile;
}

/** What the GraphQL API must answer for a stored camelCase profile: absent optional fields are null. */
export function expectedProfile(dto: ProfileJson): BillingProfileFieldsFragment {
  const a = dto.defaultAddress;
  return {
    id: dto.id,
    firstName: dto.firstName ?? null,
    lastName: dto.lastName ?? null,
    email: dto.email ?? null,
    culture: dto.culture ?? null,
    language: dto.language ?? null,
    companyName: dto.companyName ?? null,
    defaultAddress: a
      ? {
          country: a.country ?? null,
          region: a.region ?? null,
          city: a.city ?? null,
          state: a.state ?? null,
          addressLine1: a.addressLine1 ?? null,
          addressLine2: a.addressLine2 ?? null,
          addressLine3: a.addressLine3 ?? null,
          postalCode: a.postalCode ?? null,
          firstName: a.firstName ?? null,
          middleName: a.middleName ?? null,
          lastName: a.lastName ?? null,
          phoneNumber: a.phoneNumber ?? null,
          district: a.district ?? null,
          emailAddress: a.emailAddress ?? null,
        }
      : null,
    etag: dto.attributes.etag,
  };
}

export function readProfile(
  stack: Stack,
  customerId: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
) {
  return postGraphQL(
    stack.gatewayUrl,
    GetCustomerBillingProfileDocument,
    { id: customerId },
    options,
  );
}

export function updateProfile(
  stack: Stack,
  input: UpdateBillingProfileInput,
  etag: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
) {
  return postGraphQL(stack.gatewayUrl, UpdateBillingProfileDocument, { input, etag }, options);
}

/** The only error of a response, failing with the whole response when there is not exactly one. */
export function onlyError(response: GraphQLResponse<unknown>): GraphQLErrorJson {
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

/** No token, stack trace or upstream body in what the caller sees. */
export function expectNothingLeaked(
  response: GraphQLResponse<unknown>,
  secrets: readonly string[] = [],
): void {
  const text = JSON.stringify({ errors: response.errors, data: response.data });
  expect(text).not.toContain(TEST_TOKEN);
  expect(text.toLowerCase()).not.toContain('stack');
  for (const forbidden of [...UPSTREAM_BODY_TEXTS, ...secrets]) {
    expect(text).not.toContain(forbidden);
  }
}

/** The gateway's correlation id for one response (the `ms-correlationid` response header). */
export function correlationIdOf(response: GraphQLResponse<unknown>): string {
  const value = response.headers['ms-correlationid'];
  expect(typeof value).toBe('string');
  return value as string;
}

/** A follow-up read succeeds: the gateway keeps serving after a failure. */
export async function expectStillServing(stack: Stack, customerId = US_CUSTOMER): Promise<void> {
  stack.emulator.faults.clear();
  const after = await readProfile(stack, customerId);
  expect(after.errors).toBeUndefined();
  expect(after.data?.customer?.billingProfile?.etag).toBe(
    storedProfile(stack, customerId).attributes.etag,
  );
}
