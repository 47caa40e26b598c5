import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';

import { UpdateBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL, TEST_TOKEN } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';
import { silentLogger } from '../../helpers/silent-logger';
import { ORDERS_SDL, startOrdersSubgraph, type OrdersSubgraph } from './orders-subgraph';

const UNKNOWN_CUSTOMERS = [
  '9a000000-0000-4000-8000-000000000001',
  '9a000000-0000-4000-8000-000000000002',
  '9a000000-0000-4000-8000-000000000003',
  '9a000000-0000-4000-8000-000000000004',
];

let stack: Stack;
let orders: OrdersSubgraph;
let routerServer: ApolloServer<{ authorization?: string }>;
let routerUrl: string;
let seeded: string[];
let supergraphSdl: string;
let hints: { message: string }[];

beforeAll(async () => {
  stack = await startStack();
  seeded = stack.emulator.store.customerIds();
  // 50 orders over 10 customers: the seeded ones plus unknown tenants.
  const customers = [...seeded, ...UNKNOWN_CUSTOMERS].slice(0, 10);
  orders = await startOrdersSubgraph(customers, 50);
  const subgraphSdl = await readFile(join(__dirname, '../../../schema/subgraph.graphql'), 'utf8');
  const composed = composeServices([
    { name: 'billing', typeDefs: parse(subgraphSdl), url: stack.gatewayUrl },
    { name: 'orders', typeDefs: parse(ORDERS_SDL), url: orders.url },
  ]);
  if (composed.errors) {
    throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  }
  supergraphSdl = composed.supergraphSdl;
  hints = composed.hints;
  routerServer = new ApolloServer<{ authorization?: string }>({
    logger: silentLogger,
    gateway: new ApolloGateway({
      supergraphSdl,
      logger: silentLogger,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<{ authorization?: string }>({
          url,
          willSendRequest({ request, context }) {
            const { authorization } = context as { authorization?: string };
            if (authorization) {
              request.http?.headers.set('authorization', authorization);
            }
          },
        }),
    }),
  });
  ({ url: routerUrl } = await startStandaloneServer(routerServer, {
    listen: { port: 0, host: '127.0.0.1' },
    context: ({ req }) => Promise.resolve({ authorization: req.headers.authorization }),
  }));
});

afterAll(async () => {
  await routerServer?.stop();
  await orders?.stop();
  await stack?.stop();
});

beforeEach(() => {
  stack.emulator.reset();
});

it('composes with a second subgraph without errors or hints about our types', () => {
  const ours = ['Customer', 'CustomerBillingProfile', 'Address', 'UpdateBillingProfileResult'];
  expect(hints.filter((h) => ours.some((type) => h.message.includes(type)))).toEqual([]);
  expect(supergraphSdl).toContain('join__type(graph: BILLING, key: "id")');
});

it('answers orders { customer { billingProfile } } end to end, one upstream GET per customer', async () => {
  const result = await postGraphQL<
    {
      orders: {
        id: string;
        customer: { id: string; billingProfile: { firstName: string | null } | null } | null;
      }[];
    },
    undefined
  >(routerUrl, '{ orders { id customer { id billingProfile { firstName etag } } } }');

  expect(result.errors).toBeUndefined();
  expect(result.data?.orders).toHaveLength(50);
  const first = result.data!.orders[0]!;
  expect(first.customer?.id).toBe(seeded[0]);
  expect(first.customer?.billingProfile?.firstName).toBe(
    stack.emulator.store.getProfile(seeded[0]!)?.firstName,
  );
  const unknown = result.data!.orders.find((o) => o.id === `order-${seeded.length}`)!;
  // The router knows the reference from the orders subgraph; billing resolves the entity to null.
  expect(unknown.customer?.billingProfile).toBeNull();
  const gets = stack.emulator.requests.filter((r) => r.method === 'GET');
  expect(gets).toHaveLength(10);
  expect(new Set(gets.map((r) => r.path)).size).toBe(10);
});

it('passes the caller token through the router to Partner Center', async () => {
  await postGraphQL(routerUrl, '{ orders { customer { billingProfile { etag } } } }');
  const tokens = new Set(stack.emulator.requests.map((r) => r.headers.authorization));
  expect([...tokens]).toEqual([`Bearer ${TEST_TOKEN}`]);
});

it('runs updateBillingProfile through the router', async () => {
  const id = seeded[1]!;
  const etag = stack.emulator.store.getProfile(id)!.attributes.etag;
  const result = await postGraphQL(routerUrl, UpdateBillingProfileDocument, {
    input: { customerId: id, companyName: 'Routed Ltd' },
    etag,
  });
  expect(result.errors).toBeUndefined();
  expect(result.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
  expect(stack.emulator.store.getProfile(id)?.companyName).toBe('Routed Ltd');
});
