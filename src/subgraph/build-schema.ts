import 'reflect-metadata';

import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

import { BillingProfileResolver, resolveUpdateBillingProfileResult } from '../billing-profile';
import { CountryValidationRulesResolver } from '../country-validation-rules';
import { CustomerResolver, resolveCustomerReference } from '../customer';
import { BadUserInputError } from '../errors/gateway-errors';

/** The code-first API schema without federation plumbing: what schema/schema.graphql shows frontends. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [CustomerResolver, BillingProfileResolver, CountryValidationRulesResolver],
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
  const subgraph = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: {
      ...resolvers,
      Customer: { ...resolvers.Customer, __resolveReference: resolveCustomerReference },
      // type-graphql wraps resolveType in an async function; graphql-jit needs a synchronous one.
      UpdateBillingProfileResult: { __resolveType: resolveUpdateBillingProfileResult },
    },
  });
  guardEntityRepresentations(subgraph);
  return subgraph;
}

const ENTITY_TYPES = new Set(['Customer']);

/**
 * @apollo/subgraph throws a plain Error for a representation it cannot use (no __typename, a type
 * that is not an entity), which would surface as INTERNAL_SERVER_ERROR and an error log per request.
 * A router never sends those: answer them as the caller's mistake instead.
 */
function guardEntityRepresentations(subgraph: GraphQLSchema): void {
  const field = subgraph.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) {
    throw new Error('the subgraph schema has no Query._entities resolver');
  }
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = args.representations;
    const valid =
      Array.isArray(representations) &&
      representations.every(
        (r: unknown) =>
          typeof r === 'object' &&
          r !== null &&
          ENTITY_TYPES.has(String((r as { __typename?: unknown }).__typename)),
      );
    if (!valid) {
      throw new BadUserInputError(
        `Each representation must be an object whose __typename is an entity type (${[...ENTITY_TYPES].join(', ')}).`,
      );
    }
    return resolve(source, args, context, info);
  };
}
