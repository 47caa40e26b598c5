import 'reflect-metadata';

import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

import { BillingProfileResolver } from '../billing-profile';
import { CustomerResolver, resolveCustomerReference } from '../customer';

/** The code-first API schema without federation plumbing: what schema/schema.graphql shows frontends. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [CustomerResolver, BillingProfileResolver],
    // Validation is the billing-profile rules' job: outcomes are union results (see the input type).
    validate: false,
  });
}

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/**
 * The served schema: type-graphql's code-first schema wrapped as an Apollo Federation 2 subgraph
 * (type-graphql's examples/apollo-federation-2 wiring), with Customer resolvable as an entity.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildApiSchema();
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: {
      ...resolvers,
      Customer: { ...resolvers.Customer, __resolveReference: resolveCustomerReference },
    },
  });
}
