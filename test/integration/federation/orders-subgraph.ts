import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

import { silentLogger } from '../../helpers/silent-logger';

/** A second subgraph that lives only in the tests: orders that reference billing's Customer entity. */
export const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Order {
    id: ID!
    total: Float!
    customer: Customer
  }

  type Customer @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    orders: [Order!]!
  }
`;

export interface OrdersSubgraph {
  url: string;
  stop(): Promise<void>;
}

export async function startOrdersSubgraph(
  customerIds: string[],
  orderCount: number,
): Promise<OrdersSubgraph> {
  const orders = Array.from({ length: orderCount }, (_, i) => ({
    id: `order-${i}`,
    total: 10 + i,
    customerId: customerIds[i % customerIds.length]!,
  }));
  const server = new ApolloServer({
    logger: silentLogger,
    schema: buildSubgraphSchema({
      typeDefs: parse(ORDERS_SDL),
      resolvers: {
        Query: { orders: () => orders },
        Order: { customer: (order: { customerId: string }) => ({ id: order.customerId }) },
      },
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
