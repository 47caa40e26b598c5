import { startStack, type Stack } from '../../helpers/start-stack';

const STUDIO = 'https://studio.apollographql.com';

const SANDBOX_CUSTOMER = '2a7c1b64-9f1d-4c5d-8b1f-1e4b5c6d7e8f';

describe('in development', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SANDBOX_CUSTOMER_ID: SANDBOX_CUSTOMER } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("serves the embedded Apollo Sandbox to a browser, pointed at the page's own endpoint", async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('embeddable-sandbox.cdn.apollographql.com');
    expect(html).toContain('new window.EmbeddedSandbox(');
    expect(html).toContain('initialEndpoint = window.location.href');
  });

  it('pre-fills Sandbox with the example read, the configured customer and an Authorization placeholder', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(html).toContain('query GetCustomerBillingProfile($id: ID!)');
    expect(html).toContain(`"variables":{"id":"${SANDBOX_CUSTOMER}"}`);
    // A real upstream is configured here, so the developer's own token is asked for.
    expect(html).toContain('your Partner Center access token');
  });

  it('answers introspection', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('admits a CORS preflight from Apollo Studio (hosted Sandbox)', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: STUDIO,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(STUDIO);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('does not admit a preflight from an unlisted origin', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const response = await fetch(
      `${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a GET query that carries apollo-require-preflight', async () => {
    const response = await fetch(
      `${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('returns a malformed JSON body as a BAD_REQUEST GraphQL error, and keeps serving', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    const next = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(next.status).toBe(200);
  });

  it.each(['application/json', 'application/graphql-response+json'])(
    'keeps 400 for a request without a query (Accept: %s): only document failures become 200',
    async (accept) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ variables: {} }),
      });
      expect(response.status).toBe(400);
    },
  );

  it.each([
    ['application/json', 200],
    ['application/graphql-response+json', 400],
  ])('answers a validation failure with Accept %s with status %i', async (accept, status) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an oversized body with 413 and a BAD_REQUEST GraphQL error', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]).toEqual({
      message: 'The request body is too large.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});

describe('with CORS_ORIGINS set', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('admits exactly the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(stack.gatewayUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect(
      (await preflight('https://app.example.com')).headers.get('access-control-allow-origin'),
    ).toBe('https://app.example.com');
    expect((await preflight(STUDIO)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('in production', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('refuses introspection', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toContain('introspection');
  });

  it('serves the production landing page, not the Sandbox', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(html).not.toContain('EmbeddedSandbox(');
    // The production page's config is URL-encoded JSON in the page: isProd true.
    expect(html).toContain('isProd%22%3Atrue');
  });

  it('never sends stack traces', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ customer(id: "not-a-guid") { id } }' }),
    });
    const text = await response.text();
    expect(text).toContain('BAD_USER_INPUT');
    expect(text).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
