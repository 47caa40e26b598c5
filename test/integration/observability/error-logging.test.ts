import type { ApolloServerPlugin } from '@apollo/server';

import type { GatewayContext } from '../../../src/context';
import { postGraphQL, TEST_TOKEN } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import { correlationIdOf, readProfile, US_CUSTOMER } from '../gateway/gateway-test-kit';

// A bug in a resolver, as the gateway would meet one: a TypeError thrown while `billingProfile`
// resolves (by a test plugin hooked on field resolution; the gateway's own resolvers have none).
const BUG_MESSAGE = "Cannot read properties of undefined (reading 'defaultAddress')";
const bug = new TypeError(BUG_MESSAGE);
const buggyResolver: ApolloServerPlugin<GatewayContext> = {
  requestDidStart: () =>
    Promise.resolve({
      executionDidStart: ({ operationName }) =>
        Promise.resolve(
          operationName === 'Buggy'
            ? {
                willResolveField({ info }) {
                  if (info.fieldName === 'billingProfile') {
                    // The same error for every field that asks, as a DataLoader shares one.
                    throw bug;
                  }
                },
              }
            : undefined,
        ),
    }),
};

const stack = useStack({ plugins: [buggyResolver] });

function lines(msg: string, correlationId: string): Record<string, unknown>[] {
  return stack.logs.filter((l) => l.msg === msg && l.correlationId === correlationId);
}

it('logs an unexpected error once, with the correlation id, its stack and no token', async () => {
  const response = await postGraphQL(
    stack.gatewayUrl,
    `query Buggy($id: ID!) {
      a: customer(id: $id) { billingProfile { etag } }
      b: customer(id: $id) { billingProfile { firstName } }
    }`,
    { id: US_CUSTOMER },
  );

  // The caller sees it masked, once per field; the log has it once, in full.
  expect(response.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
    ['INTERNAL_SERVER_ERROR', 'Internal server error.'],
    ['INTERNAL_SERVER_ERROR', 'Internal server error.'],
  ]);
  expect(JSON.stringify(response)).not.toContain(BUG_MESSAGE);
  const correlationId = correlationIdOf(response);
  const logged = stack.logs.filter((l) => l.msg === 'unexpected error');
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    level: 50,
    correlationId,
    err: { type: 'TypeError', message: BUG_MESSAGE },
  });
  expect((logged[0]!.err as { stack: string }).stack).toContain('error-logging.test.ts');
  expect(stack.logText()).not.toContain(TEST_TOKEN);

  // The operation's own line carries the codes the answer got, not a second conversion.
  expect(lines('graphql operation', correlationId)).toEqual([
    expect.objectContaining({ errorCodes: ['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR'] }),
  ]);
});

it('does not log an expected failure as unexpected: an upstream one is one warning', async () => {
  stack.emulator.faults.set({ failNext: { status: 503, count: 3, methods: ['GET'] } });
  const response = await postGraphQL(
    stack.gatewayUrl,
    `query TwoFields($id: ID!) {
      a: customer(id: $id) { billingProfile { etag } }
      b: customer(id: $id) { billingProfile { firstName } }
    }`,
    { id: US_CUSTOMER },
  );
  const correlationId = correlationIdOf(response);

  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_UNAVAILABLE',
  ]);
  expect(lines('unexpected error', correlationId)).toEqual([]);
  expect(lines('upstream failure', correlationId)).toEqual([
    expect.objectContaining({
      level: 40,
      code: 'UPSTREAM_UNAVAILABLE',
      failure: 'status',
      status: 503,
    }),
  ]);
});

it('logs nothing but the operation line for a documented refusal', async () => {
  const response = await readProfile(stack, 'not-a-guid');
  const correlationId = correlationIdOf(response);

  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(stack.logs.filter((l) => l.correlationId === correlationId).map((l) => l.msg)).toEqual([
    'graphql operation',
  ]);
});
