import { postGraphQL } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';

const UNKNOWN = '9b000000-0000-4000-8000-000000000001';

let stack: Stack;
let seeded: string[];

beforeAll(async () => {
  stack = await startStack();
  seeded = stack.emulator.store.customerIds();
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(() => {
  stack.emulator.reset();
});

const ENTITIES = `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer { id billingProfile { firstName etag } }
    }
  }
`;

it('serves its Federation 2 SDL with @link and Customer @key(fields: "id") in _service', async () => {
  const result = await postGraphQL<{ _service: { sdl: string } }, undefined>(
    stack.gatewayUrl,
    '{ _service { sdl } }',
    undefined,
    { token: null },
  );
  expect(result.errors).toBeUndefined();
  const sdl = result.data!._service.sdl;
  expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  expect(sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
});

it('resolves 50 representations of 10 customers with 10 upstream GETs, unknown ones as null', async () => {
  const customers = [...seeded, UNKNOWN, ...seeded].slice(0, 10);
  const unique = new Set(customers);
  const representations = Array.from({ length: 50 }, (_, i) => ({
    __typename: 'Customer',
    id: customers[i % customers.length],
  }));
  const result = await postGraphQL<
    { _entities: ({ id: string; billingProfile: { firstName: string } | null } | null)[] },
    { representations: unknown[] }
  >(stack.gatewayUrl, ENTITIES, { representations });

  expect(result.errors).toBeUndefined();
  expect(result.data!._entities).toHaveLength(50);
  const unknownIndex = customers.indexOf(UNKNOWN);
  expect(result.data!._entities[unknownIndex]).toBeNull();
  expect(result.data!._entities[0]?.billingProfile?.firstName).toBe(
    stack.emulator.store.getProfile(customers[0]!)?.firstName,
  );
  expect(stack.emulator.requests.filter((r) => r.method === 'GET')).toHaveLength(unique.size);
});

it('sends an ftv1 inline trace when a router asks for one', async () => {
  const result = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'apollo-federation-include-trace': 'ftv1',
    },
    body: JSON.stringify({ query: `{ customer(id: "${seeded[0]}") { id } }` }),
  });
  const body = (await result.json()) as { extensions?: { ftv1?: unknown } };
  expect(typeof body.extensions?.ftv1).toBe('string');
});

it('sends no trace to ordinary clients', async () => {
  const result = await postGraphQL<unknown, undefined>(
    stack.gatewayUrl,
    `{ customer(id: "${seeded[0]}") { id } }`,
  );
  expect(JSON.stringify(result)).not.toContain('ftv1');
});

it('refuses to fan out past 100 customers in one operation, and still answers the first 100', async () => {
  const unknown = Array.from(
    { length: 101 - seeded.length },
    (_, i) => `9c000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const ids = [...seeded, ...unknown];
  const representations = ids.map((id) => ({ __typename: 'Customer', id }));
  const result = await postGraphQL<
    { _entities: ({ id: string; billingProfile: { firstName: string } | null } | null)[] },
    { representations: unknown[] }
  >(stack.gatewayUrl, ENTITIES, { representations });

  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors?.[0]?.path).toEqual(['_entities', 100]);
  const entities = result.data!._entities;
  expect(entities.slice(0, seeded.length).map((e) => e?.billingProfile?.firstName)).toEqual(
    seeded.map(
      (id) => (stack.emulator.store.getProfile(id)?.firstName as string | undefined) ?? null,
    ),
  );
  expect(stack.emulator.requests.filter((r) => r.method === 'GET')).toHaveLength(100);
});

it.each([
  ['a type that is not an entity', [{ __typename: 'CustomerBillingProfile', id: 'x' }]],
  ['no __typename', [{ id: '9b000000-0000-4000-8000-000000000001' }]],
  ['a string', ['x']],
  ['an unknown type', [{ __typename: 'Foo', id: 'x' }]],
])(
  'answers a representation with %s as BAD_USER_INPUT, not an internal error',
  async (_name, representations) => {
    const before = stack.logs.filter((l) => l.msg === 'unexpected error').length;
    const result = await postGraphQL<unknown, { representations: unknown[] }>(
      stack.gatewayUrl,
      ENTITIES,
      {
        representations,
      },
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(stack.logs.filter((l) => l.msg === 'unexpected error')).toHaveLength(before);
    expect(stack.emulator.requests).toHaveLength(0);
  },
);

it('answers an empty list of representations with an empty list', async () => {
  const result = await postGraphQL<{ _entities: unknown[] }, { representations: unknown[] }>(
    stack.gatewayUrl,
    ENTITIES,
    { representations: [] },
  );
  expect(result.data?._entities).toEqual([]);
});
