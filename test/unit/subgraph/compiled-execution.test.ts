import { HeaderMap } from '@apollo/server';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type DocumentNode } from 'graphql';

import { compiledExecution } from '../../../src/subgraph/compiled-execution';

/** A schema whose resolver counts how it was called: compiled code calls it like graphql-js does. */
function schemaWith(calls: string[]): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        hello: {
          type: GraphQLString,
          args: { name: { type: GraphQLString } },
          resolve: (_root, args: { name?: string }) => {
            calls.push(args.name ?? '');
            if (args.name === 'fail') {
              throw new Error('no such name');
            }
            return `hello ${args.name ?? 'world'}`;
          },
        },
      },
    }),
  });
}

async function executorFor(
  schema: GraphQLSchema,
  options = {},
): Promise<GatewayExecutor & { stats: ReturnType<typeof compiledExecution>['stats'] }> {
  const gateway = compiledExecution(schema, options);
  const loaded = await gateway.load({ apollo: {} });
  return Object.assign(loaded.executor!, { stats: gateway.stats });
}

function request(
  document: DocumentNode,
  queryHash: string,
  headers: Record<string, string> = {},
): GatewayGraphQLRequestContext {
  const map = new HeaderMap();
  for (const [k, v] of Object.entries(headers)) {
    map.set(k, v);
  }
  return {
    document,
    operation: document.definitions[0],
    queryHash,
    request: { http: { headers: map, method: 'POST', url: '/' }, variables: {} },
    context: {},
  } as unknown as GatewayGraphQLRequestContext;
}

it('answers the same as graphql-js, before and after an operation is compiled', async () => {
  const calls: string[] = [];
  const execute = await executorFor(schemaWith(calls));
  const document = parse('{ a: hello(name: "ada") b: hello }', { noLocation: true });

  const first = await execute(request(document, 'h1'));
  const second = await execute(request(document, 'h1'));
  const third = await execute(request(document, 'h1'));

  for (const result of [first, second, third]) {
    expect(result).toEqual({ data: { a: 'hello ada', b: 'hello world' } });
  }
  expect(calls).toHaveLength(6);
});

it('turns a resolver error into a GraphQLError with extensions, path and the original error', async () => {
  const execute = await executorFor(schemaWith([]), { compileAfter: 1 });
  const document = parse('{ hello(name: "fail") }', { noLocation: true });

  const result = await execute(request(document, 'h2'));

  expect(result.data).toEqual({ hello: null });
  const [error] = result.errors ?? [];
  expect(error?.message).toBe('no such name');
  expect(error?.path).toEqual(['hello']);
  expect(error?.extensions).toEqual({});
  expect((error as { originalError?: Error }).originalError?.message).toBe('no such name');
});

it('compiles an operation only once it comes back, so unique documents cost no compilation', async () => {
  const execute = await executorFor(schemaWith([]));
  for (let i = 0; i < 50; i += 1) {
    await execute(request(parse(`{ hello(name: "n${i}") }`, { noLocation: true }), `u${i}`));
  }
  expect(execute.stats()).toMatchObject({ compiled: 0, compiledChars: 0, counted: 50 });

  const document = parse('{ hello }', { noLocation: true });
  await execute(request(document, 'again'));
  await execute(request(document, 'again'));
  await execute(request(document, 'again'));

  expect(execute.stats().compiled).toBe(1);
  expect(execute.stats().compiledChars).toBeGreaterThan(100);
});

it('keeps compiled code by the size of its generated source, least recently used out', async () => {
  const execute = await executorFor(schemaWith([]), { compileAfter: 1, maxCompiledChars: 1 });
  for (let i = 0; i < 20; i += 1) {
    await execute(request(parse(`{ hello(name: "n${i}") }`, { noLocation: true }), `s${i}`));
  }
  // Every new compilation pushes the previous one out: at most the newest is kept.
  expect(execute.stats().compiled).toBe(1);
});

it('counts at most the operations it is told to, so endless unique documents hold little', async () => {
  const execute = await executorFor(schemaWith([]), { maxCountedOperations: 10 });
  for (let i = 0; i < 40; i += 1) {
    await execute(request(parse(`{ hello(name: "c${i}") }`, { noLocation: true }), `c${i}`));
  }
  expect(execute.stats().counted).toBe(10);
});

it('answers a traced request (ftv1, run by graphql-js for its field timings) like any other', async () => {
  const calls: string[] = [];
  const execute = await executorFor(schemaWith(calls), { compileAfter: 1 });
  const document = parse('{ hello }', { noLocation: true });
  await execute(request(document, 't'));

  const traced = await execute(
    request(document, 't', { 'apollo-federation-include-trace': 'ftv1' }),
  );

  expect(traced).toEqual({ data: { hello: 'hello world' } });
  expect(calls).toHaveLength(2);
});
