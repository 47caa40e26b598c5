import type { GatewayExecutionResult, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations kept at once (each is a few kilobytes of generated code). */
export const COMPILED_OPERATIONS = 1_000;

/**
 * Apollo Server with graphql-jit as its executor, through Apollo's gateway seam: an operation is
 * compiled once into plain JavaScript and then run without graphql-js's per-field interpretation.
 * Apollo still parses, validates (operation limits included), runs every plugin hook and formats
 * errors. A request that asks for an inline trace (ftv1, from a router) runs through graphql-js's
 * `execute`, where Apollo's per-field instrumentation lives, so traces keep their field timings.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  // Least recently used first: a Map keeps insertion order, and a hit moves to the end.
  const compiled = new Map<string, CompiledQuery>();
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () =>
      Promise.resolve({
        executor: async (requestContext): Promise<GatewayExecutionResult> => {
          const { document, request, context, queryHash } = requestContext;
          const operationName = request.operationName ?? null;
          if (request.http?.headers.get('apollo-federation-include-trace') === 'ftv1') {
            return execute({
              schema,
              document,
              contextValue: context,
              variableValues: request.variables,
              operationName,
            }) as Promise<GatewayExecutionResult>;
          }
          const key = `${queryHash}:${operationName ?? ''}`;
          let query = compiled.get(key);
          if (query) {
            compiled.delete(key);
          } else {
            const result = compileQuery(schema, document, operationName ?? undefined);
            if (!isCompiledQuery(result)) {
              // The document could not be compiled for these arguments: graphql-js says why.
              return result as GatewayExecutionResult;
            }
            query = result;
            if (compiled.size >= COMPILED_OPERATIONS) {
              compiled.delete(compiled.keys().next().value as string);
            }
          }
          compiled.set(key, query);
          return withGraphQLErrors(
            await (query.query(undefined, context, request.variables ?? {}) as
              | GatewayExecutionResult
              | Promise<GatewayExecutionResult>),
          );
        },
      }),
    stop: () => Promise.resolve(),
  };
}

/**
 * graphql-jit's errors are not graphql-js GraphQLErrors (no `extensions` object, which Apollo reads):
 * the same message, path and original error, as graphql-js would have made them.
 */
function withGraphQLErrors(result: GatewayExecutionResult): GatewayExecutionResult {
  if (!result.errors) {
    return result;
  }
  return {
    ...result,
    errors: result.errors.map((error) =>
      error instanceof GraphQLError && error.extensions !== undefined
        ? error
        : new GraphQLError(error.message, {
            path: error.path,
            originalError: (error as { originalError?: Error }).originalError ?? error,
            ...(error.extensions ? { extensions: error.extensions } : {}),
          }),
    ),
  };
}
