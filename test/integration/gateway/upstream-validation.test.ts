import { UpdateBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import { storedProfile, upstream, US_CUSTOMER } from './gateway-test-kit';

const stack = useStack({
  env: { PARTNER_CENTER_TIMEOUT_MS: '1000', PARTNER_CENTER_RETRIES: '1' },
});

it('maps an upstream 400 (code 3000) to InvalidBillingProfile with its description and the fields it names, and writes nothing', async () => {
  const before = storedProfile(stack, US_CUSTOMER);
  stack.emulator.faults.set({
    failNext: {
      status: 400,
      code: '3000',
      description: 'The billing profile is invalid.',
      methods: ['PUT'],
      data: [
        { field: 'DefaultAddress.PostalCode', message: 'PostalCode does not match the city.' },
        { field: 'EMAIL', message: 'Email domain is blocked.' },
      ],
    },
  });
  const result = await postGraphQL(stack.gatewayUrl, UpdateBillingProfileDocument, {
    input: { customerId: US_CUSTOMER, defaultAddress: { postalCode: '10001' } },
    etag: before.attributes.etag,
  });
  expect(result.errors).toBeUndefined();
  expect(result.data?.updateBillingProfile).toEqual({
    __typename: 'InvalidBillingProfile',
    message: 'The billing profile is invalid.',
    fieldErrors: [
      { path: ['defaultAddress', 'postalCode'], message: 'PostalCode does not match the city.' },
      { path: ['email'], message: 'Email domain is blocked.' },
    ],
  });
  expect(upstream(stack, 'PUT')).toHaveLength(1);
  expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
});

it("maps any other upstream 400 to InvalidBillingProfile with Partner Center's description and no field errors", async () => {
  const before = storedProfile(stack, US_CUSTOMER);
  stack.emulator.faults.set({
    failNext: {
      status: 400,
      code: '800002',
      description: 'The company name is not allowed for this market.',
      methods: ['PUT'],
    },
  });
  const result = await postGraphQL(stack.gatewayUrl, UpdateBillingProfileDocument, {
    input: { customerId: US_CUSTOMER, companyName: 'Nope' },
    etag: before.attributes.etag,
  });
  expect(result.errors).toBeUndefined();
  expect(result.data?.updateBillingProfile).toEqual({
    __typename: 'InvalidBillingProfile',
    message: 'The company name is not allowed for this market.',
    fieldErrors: [],
  });
  expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
});

it('resends a timed-out PUT with the same MS-RequestId, and Partner Center applies it once', async () => {
  const before = storedProfile(stack, US_CUSTOMER);
  const gate = stack.emulator.gate({ methods: ['PUT'] });
  const pending = postGraphQL(stack.gatewayUrl, UpdateBillingProfileDocument, {
    input: { customerId: US_CUSTOMER, firstName: 'Slow' },
    etag: before.attributes.etag,
  });
  // The first PUT is held past the gateway's timeout, so the gateway resends it.
  await gate.arrived(2);
  const result = await pending;
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_TIMEOUT']);
  // The fresh read still shows the old profile, but a timed-out PUT may still be applied: unknown.
  expect(result.errors?.[0]?.extensions?.written).toBeNull();

  // Now Partner Center gets to both copies: the first is applied, the second is answered from the
  // MS-RequestId memory with the same 200 (an emulator without idempotency would answer a stale etag).
  await gate.release();
  const puts = upstream(stack, 'PUT');
  expect(puts).toHaveLength(2);
  expect(puts[1]!.headers['ms-requestid']).toBe(puts[0]!.headers['ms-requestid']);
  expect(puts.map((p) => p.status)).toEqual([200, 200]);
  expect(storedProfile(stack, US_CUSTOMER).firstName).toBe('Slow');
  expect(storedProfile(stack, US_CUSTOMER).attributes.etag).not.toBe(before.attributes.etag);
});

it.each([
  ['a tab in the first name', { firstName: 'Ada\tLovelace' }, ['firstName']],
  ['a NUL in the email', { email: 'a\u0000b@x.com' }, ['email']],
  ['a lone surrogate in the company name', { companyName: 'a\uD800b' }, ['companyName']],
])('answers %s with InvalidBillingProfile and stores nothing', async (_name, patch, path) => {
  const before = storedProfile(stack, US_CUSTOMER);
  const result = await postGraphQL(stack.gatewayUrl, UpdateBillingProfileDocument, {
    input: { customerId: US_CUSTOMER, ...patch },
    etag: before.attributes.etag,
  });
  const outcome = result.data?.updateBillingProfile;
  expect(outcome?.__typename).toBe('InvalidBillingProfile');
  if (outcome?.__typename === 'InvalidBillingProfile') {
    expect(outcome.fieldErrors.map((e) => e.path)).toEqual([path]);
  }
  expect(upstream(stack)).toHaveLength(0);
  expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
});
