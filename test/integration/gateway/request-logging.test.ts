import { startStack, type Stack } from '../../helpers/start-stack';
import { readProfile, US_CUSTOMER } from './gateway-test-kit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.stop();
});

function operationLines(): Record<string, unknown>[] {
  return stack.logs.filter((line) => line.msg === 'graphql operation');
}

it('logs one line per operation with its duration and correlation id', async () => {
  const before = operationLines().length;
  const response = await readProfile(stack, US_CUSTOMER);
  const lines = operationLines().slice(before);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    operationName: 'GetCustomerBillingProfile',
    operation: 'query',
    correlationId: response.headers['ms-correlationid'],
  });
  expect(typeof lines[0]!.durationMs).toBe('number');
  expect(lines[0]!.errorCodes).toBeUndefined();
});

it.each([
  [403, 'FORBIDDEN'],
  [503, 'UPSTREAM_UNAVAILABLE'],
])('logs the documented code of an upstream %i, not UNKNOWN', async (status, code) => {
  stack.emulator.faults.set({ failNext: { status, count: 5 } });
  const before = operationLines().length;
  const response = await readProfile(stack, US_CUSTOMER);
  stack.emulator.faults.clear();
  expect(response.errors?.[0]?.extensions?.code).toBe(code);
  expect(operationLines().slice(before)[0]?.errorCodes).toEqual([code]);
});
