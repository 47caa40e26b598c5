import { GetCustomerBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.stop();
});

it('reads the sample customer through the gateway', async () => {
  const id = stack.emulator.store.customerIds()[0]!;
  const result = await postGraphQL(stack.gatewayUrl, GetCustomerBillingProfileDocument, { id });
  expect(result.errors).toBeUndefined();
  expect(result.data?.customer?.billingProfile?.etag).toBe(
    stack.emulator.store.getProfile(id)?.attributes.etag,
  );
});

it('answers the health check without a token', async () => {
  const response = await fetch(new URL('/healthz', stack.gatewayUrl));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});
