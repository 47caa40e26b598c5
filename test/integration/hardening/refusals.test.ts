import { createHash } from 'node:crypto';

import { postGraphQL } from '../../helpers/graphql-client';
import { startStack, useStack, type Stack } from '../../helpers/start-stack';

const stack = useStack();

async function postRaw(
  url: string,
  body: unknown,
): Promise<{
  status: number;
  json: { errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as never };
}

describe('the token limit', () => {
  it('refuses a 64 KB document repeating one field while parsing it, before any validation', async () => {
    const query = `{${' __typename'.repeat(5_800)} }`;
    expect(query.length).toBeGreaterThan(63_000);

    const result = await postGraphQL(stack.gatewayUrl, query);

    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/more that 2000 tokens/);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('does not count comments, so a commented real operation still runs', async () => {
    const query = `${'# a comment line\n'.repeat(2_000)}{ __typename }`;

    const result = await postGraphQL(stack.gatewayUrl, query);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ __typename: 'Query' });
  });
});

describe('persisted queries', () => {
  it.each([
    [
      'a hash that does not match the query',
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
    [
      'an unsupported version',
      { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'ab' } } },
      'PERSISTED_QUERY_NOT_SUPPORTED',
    ],
    [
      'an unknown hash',
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'c'.repeat(64) } } },
      'PERSISTED_QUERY_NOT_FOUND',
    ],
  ])(
    'answer %s with its PERSISTED_QUERY_ code, logged at info without a stack',
    async (_name, body, code) => {
      const { json } = await postRaw(stack.gatewayUrl, body);

      expect(json.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const lines = stack.logs.filter((l) => l.msg === 'persisted query refused');
      expect(lines.at(-1)).toMatchObject({ level: 30, code });
      expect(stack.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
      expect(stack.logText()).not.toContain('"stack"');
    },
  );

  it('serve a registered query by its hash', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    await postRaw(stack.gatewayUrl, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });

    const { json } = await postRaw(stack.gatewayUrl, {
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });

    expect(json).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('logs of caller-supplied strings', () => {
  it('cut a 30 KB operation name to a short prefix', async () => {
    const operationName = `Op${'x'.repeat(30_000)}`;
    await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ query: `query ${operationName} { __typename }`, operationName }),
    });

    const line = stack.logs.filter((l) => l.msg === 'graphql operation').at(-1);
    expect(line?.operationName).toBe(`${operationName.slice(0, 100)}…`);
    expect(stack.logText()).not.toContain('x'.repeat(200));
  });
});

describe('security headers', () => {
  it('mark every answer nosniff and forbid framing the gateway', async () => {
    for (const response of [
      await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      }),
      await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } }),
      await fetch(new URL('/health/live', stack.gatewayUrl)),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('admit every script, style, frame and image the development landing page loads', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    const csp = parseCsp(response.headers.get('content-security-policy') ?? '');
    const html = await response.text();

    const origins = (pattern: RegExp): string[] =>
      [...html.matchAll(pattern)].map((m) => new URL(m[1]!).origin);
    const scripts = origins(/<script[^>]*\ssrc="([^"]+)"/g);
    expect(scripts.length).toBeGreaterThan(0);
    for (const origin of scripts) {
      expect(csp['script-src']).toContain(origin);
    }
    for (const origin of origins(/<link[^>]*href="(https:[^"]+)"[^>]*rel="stylesheet"/g)) {
      expect(csp['style-src']).toContain(origin);
    }
    // Apollo's page carries its own nonce-based policy; ours must not forbid inline code it allows.
    expect(csp['script-src']).toContain("'unsafe-inline'");
    expect(csp['frame-src']).toContain('https://sandbox.embed.apollographql.com');
  });
});

function parseCsp(header: string): Record<string, string[]> {
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('internal failures', () => {
  let deep: Stack;
  beforeAll(async () => {
    // With the token limit raised, a deeply nested document overflows the parser's stack.
    deep = await startStack({ env: { MAX_QUERY_TOKENS: '100000' } });
  });
  afterAll(async () => {
    await deep.stop();
  });

  it("never show a caller the runtime's own message (a stack overflow while parsing)", async () => {
    const query = `{${'a{'.repeat(20_000)}b${'}'.repeat(20_001)}`;

    const result = await postGraphQL(deep.gatewayUrl, query);

    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toBe('The GraphQL document could not be parsed.');
    expect(JSON.stringify(result)).not.toMatch(/call stack/i);
    const after = await postGraphQL(deep.gatewayUrl, '{ __typename }');
    expect(after.data).toEqual({ __typename: 'Query' });
  });
});
