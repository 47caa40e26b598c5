import type { GatewayExecutionResult, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

export interface CompiledExecutionOptions {
  /** Executions of one operation before it is compiled (graphql-js runs it until then). Default 2. */
  compileAfter?: number;
  /** Most generated source kept compiled, in characters (least recently used out). Default 8 MiB. */
  maxCompiledChars?: number;
  /** Operations whose executions are counted (least recently seen out). Default 10000. */
  maxCountedOperations?: number;
}

interface Compiled {
  query: CompiledQuery;
  chars: number;
}

/**
 * Apollo Server with graphql-jit as its executor, through Apollo's gateway seam: an operation run
 * often enough is compiled into plain JavaScript and then run without graphql-js's per-field
 * interpretation. Apollo still parses, validates (operation limits included), runs every plugin hook
 * and formats errors.
 *
 * Compiling costs far more than one execution, so an operation is compiled only once it comes back
 * (a caller sending endless unique documents never makes the gateway compile), and compiled code is
 * kept by its size. A request asking for an inline trace (ftv1, from a router) runs through
 * graphql-js's `execute`, where Apollo's per-field instrumentation lives, so traces keep their field
 * timings.
 */
export interface CompiledExecution extends GatewayInterface {
  /** What is kept: compiled operations and their generated source, in characters. */
  stats(): { compiled: number; compiledChars: number; counted: number };
}

export function compiledExecution(
  schema: GraphQLSchema,
  options: CompiledExecutionOptions = {},
): CompiledExecution {
  const compileAfter = options.compileAfter ?? 2;
  const maxChars = options.maxCompiledChars ?? 8 * 1024 * 1024;
  const maxCounted = options.maxCountedOperations ?? 10_000;
  // Maps keep insertion order: touching an entry moves it last, so the first is the least recent.
  const counts = new Map<string, number>();
  const compiled = new Map<string, Compiled>();
  let compiledChars = 0;

  function compiledFor(key: string, run: () => CompiledQuery | undefined): Compiled | undefined {
    const hit = compiled.get(key);
    if (hit) {
      compiled.delete(key);
      compiled.set(key, hit);
      return hit;
    }
    const seen = (counts.get(key) ?? 0) + 1;
    counts.delete(key);
    if (seen < compileAfter) {
      counts.set(key, seen);
      if (counts.size > maxCounted) {
        counts.delete(counts.keys().next().value as string);
      }
      return undefined;
    }
    const query = run();
    if (!query) {
      // Not compilable (graphql-js will say why): never try again.
      counts.set(key, Number.NEGATIVE_INFINITY);
      return undefined;
    }
    const entry = { query, chars: takeGeneratedSource(query).length };
    compiled.set(key, entry);
    compiledChars += entry.chars;
    for (const [oldest, old] of compiled) {
      if (compiledChars <= maxChars || oldest === key) {
        break;
      }
      compiled.delete(oldest);
      compiledChars -= old.chars;
    }
    return entry;
  }

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () =>
      Promise.resolve({
        executor: async (requestContext): Promise<GatewayExecutionResult> => {
          const { document, request, context, queryHash, operation } = requestContext;
          const operationName = request.operationName ?? null;
          const traced = request.http?.headers.get('apollo-federation-include-trace') === 'ftv1';
          // Keyed by the operation the document resolved to (its name is part of the document, so
          // bounded by the token limit): never by the caller's raw operationName.
          const entry =
            traced || !operation
              ? undefined
              : compiledFor(`${queryHash}:${operation.name?.value ?? ''}`, () => {
                  const result = compileQuery(schema, document, operation.name?.value, {
                    debug: true,
                  } as Parameters<typeof compileQuery>[3]);
                  return isCompiledQuery(result) ? result : undefined;
                });
          if (!entry) {
            return execute({
              schema,
              document,
              contextValue: context,
              variableValues: request.variables,
              operationName,
            }) as Promise<GatewayExecutionResult>;
          }
          return withGraphQLErrors(
            await (entry.query.query(undefined, context, request.variables ?? {}) as
              | GatewayExecutionResult
              | Promise<GatewayExecutionResult>),
          );
        },
      }),
    stop: () => Promise.resolve(),
    stats: () => ({ compiled: compiled.size, compiledChars, counted: counts.size }),
  };
}

// With `debug`, graphql-jit keeps the generated source on the compiled query: its length is what the
// compiled code weighs. It is read once and dropped.
const GENERATED_SOURCE = '__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation';

function takeGeneratedSource(query: CompiledQuery): string {
  const holder = query as unknown as Record<string, unknown>;
  const source = holder[GENERATED_SOURCE];
  delete holder[GENERATED_SOURCE];
  return typeof source === 'string' ? source : query.query.toString();
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
