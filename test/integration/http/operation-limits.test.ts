import { OPERATION_LIMITS } from '../../../src/plugins/operation-limits.rules';
import { postGraphQL } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';

let stack: Stack;
let customerId: string;
beforeAll(async () => {
  stack = await startStack({ env: { NODE_ENV: 'production' } });
  customerId = stack.emulator.store.customerIds()[0]!;
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(() => {
  stack.emulator.clearRequests();
});

function aliased(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

it('refuses an alias flood of _service { sdl } before executing it, without a token', async () => {
  // 300 aliases stay under the token limit: the alias limit refuses them.
  const query = aliased(300, '_service { sdl }');
  const result = await postGraphQL(stack.gatewayUrl, query, undefined, { token: null });
  expect(result.data).toBeUndefined();
  expect(result.errors?.length).toBeGreaterThan(0);
  expect(new Set(result.errors?.map((e) => e.extensions?.code))).toEqual(
    new Set(['GRAPHQL_VALIDATION_FAILED']),
  );
  expect(JSON.stringify(result).length).toBeLessThan(2000);
});

it('refuses a flood of 2000 aliases while parsing it, by the token limit', async () => {
  const result = await postGraphQL(stack.gatewayUrl, aliased(2000, '_service { sdl }'), undefined, {
    token: null,
  });
  expect(result.data).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  expect(result.errors?.[0]?.message).toMatch(/more that 2000 tokens/);
});

it(`answers ${OPERATION_LIMITS.maxAliases} aliases and refuses one more, with no upstream call`, async () => {
  const field = `customer(id: "${customerId}") { id }`;
  const allowed = await postGraphQL(stack.gatewayUrl, aliased(OPERATION_LIMITS.maxAliases, field));
  expect(allowed.errors).toBeUndefined();
  expect(stack.emulator.requests).toHaveLength(1);

  stack.emulator.clearRequests();
  const refused = await postGraphQL(
    stack.gatewayUrl,
    aliased(OPERATION_LIMITS.maxAliases + 1, field),
  );
  expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(stack.emulator.requests).toHaveLength(0);
});

it('answers the deepest real selection of the schema', async () => {
  const result = await postGraphQL(
    stack.gatewayUrl,
    `{ customer(id: "${customerId}") { billingProfile { defaultAddress { city } } } }`,
  );
  expect(result.errors).toBeUndefined();
});

it('refuses an operation over the cost limit', async () => {
  // Each alias reads a whole profile (cost about 65): 30 stay under the alias limit, not under the cost.
  const profile = `customer(id: "${customerId}") { billingProfile { id firstName lastName email culture language companyName etag defaultAddress { country region city state addressLine1 addressLine2 addressLine3 postalCode firstName lastName phoneNumber } } }`;
  const result = await postGraphQL(stack.gatewayUrl, aliased(OPERATION_LIMITS.maxAliases, profile));
  expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(result.errors?.[0]?.message).toContain('Query Cost limit');
  expect(stack.emulator.requests).toHaveLength(0);
});

it('gives no "Did you mean" hints about the schema in production', async () => {
  const result = await postGraphQL(stack.gatewayUrl, '{ customr(id: "x") { id } }');
  expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(JSON.stringify(result.errors)).not.toContain('Did you mean');
});
