import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';

import { SANDBOX_DOCUMENT } from '../../../src/plugins/landing-page.plugin';
import { startExplorerServer, type ExplorerServer } from '../../helpers/explorer-server';

const CUSTOMER = '2a7c1b64-9f1d-4c5d-8b1f-1e4b5c6d7e8f';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request with node:http, which sends the path exactly as given: fetch and undici would
 * normalise `..` and friends before the server ever saw them.
 */
function send(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${origin}/`, {
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    outgoing.end();
  });
}

/** The policy as directive -> sources. */
function parseCsp(header: string | string[] | undefined): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((directive) => {
        const [name = '', ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
  );
}

/** The page's JSON data block, parsed. */
function exampleOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="explorer-example">(.*?)<\/script>/s.exec(
    html,
  );
  return JSON.parse(match?.[1] ?? 'null') as Record<string, unknown>;
}

function packageFile(pkg: string, path: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path));
}

let server: ExplorerServer;
beforeAll(async () => {
  server = await startExplorerServer({
    graphqlPath: '/graphql',
    exampleCustomerId: CUSTOMER,
    embeddedEmulator: true,
  });
});
afterAll(async () => {
  await server.close();
});

describe('the page', () => {
  it('answers GET /explorer with HTML under a strict policy and the security headers', async () => {
    const answer = await send(server.origin, '/explorer', { headers: { accept: 'text/html' } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    const nonce = exampleOf(answer.body.toString()).styleNonce as string;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(parseCsp(answer.headers['content-security-policy'])).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", `'nonce-${nonce}'`],
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
    });
  });

  it('gives every answer its own style nonce', async () => {
    const first = await send(server.origin, '/explorer');
    const second = await send(server.origin, '/explorer/');
    expect(second.status).toBe(200);
    const nonces = [first, second].map((answer) => exampleOf(answer.body.toString()).styleNonce);
    expect(nonces[0]).not.toEqual(nonces[1]);
    expect(second.headers['content-security-policy']).toContain(`'nonce-${String(nonces[1])}'`);
  });

  it('loads only its own files and holds no inline script or style', async () => {
    const html = (await send(server.origin, '/explorer')).body.toString();
    const scripts = [...html.matchAll(/<script([^>]*)>(.*?)<\/script>/gs)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual([
      ' type="application/json" id="explorer-example"',
      ' src="/explorer/assets/react.production.min.js"',
      ' src="/explorer/assets/react-dom.production.min.js"',
      ' src="/explorer/assets/graphiql.min.js"',
      ' src="/explorer/assets/explorer.js"',
    ]);
    expect(scripts.slice(1).map(([, , body]) => body)).toEqual(['', '', '', '']);
    expect([...html.matchAll(/<link[^>]*href="([^"]*)"/g)].map(([, href]) => href)).toEqual([
      // No favicon request (a 404 in the console) and nothing to fetch.
      'data:,',
      '/explorer/assets/graphiql.min.css',
      '/explorer/assets/explorer.css',
    ]);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|https?:/i);
  });

  it('pre-fills the example read, the customer and the Authorization header that Sandbox has', async () => {
    const example = exampleOf((await send(server.origin, '/explorer')).body.toString());
    expect(example).toEqual({
      graphqlPath: '/graphql',
      query: SANDBOX_DOCUMENT,
      variables: { id: CUSTOMER },
      headers: { Authorization: 'Bearer sandbox-dev-token' },
      styleNonce: expect.any(String) as unknown,
    });
  });

  it('asks for a token and a customer when neither is known, as Sandbox does', async () => {
    const bare = await startExplorerServer({ graphqlPath: '/graphql' });
    try {
      const example = exampleOf((await send(bare.origin, '/explorer')).body.toString());
      expect(example.variables).toEqual({ id: '<customer tenant id>' });
      expect(example.headers).toEqual({
        Authorization: 'Bearer <your Partner Center access token>',
      });
    } finally {
      await bare.close();
    }
  });

  it('keeps whatever the example holds inside its data block', async () => {
    const hostile = '</script><script src="https://evil.example/x.js"></script>\u2028&';
    const odd = await startExplorerServer({
      graphqlPath: '/graphql',
      exampleCustomerId: hostile,
      title: '<b>"Explorer" & co</b>',
    });
    try {
      const html = (await send(odd.origin, '/explorer')).body.toString();
      expect(html).not.toContain('evil.example/x.js"></script>');
      expect(html).not.toContain('<b>');
      expect(html).toContain('<title>&#60;b&#62;&#34;Explorer&#34; &#38; co&#60;/b&#62;</title>');
      expect(exampleOf(html).variables).toEqual({ id: hostile });
    } finally {
      await odd.close();
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await send(server.origin, '/explorer', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(0);
    expect(answer.body).toHaveLength(0);
  });
});

describe('the files', () => {
  const JS = 'text/javascript; charset=utf-8';
  const CSS = 'text/css; charset=utf-8';

  it.each([
    ['react.production.min.js', JS, packageFile('react', 'umd/react.production.min.js')],
    [
      'react-dom.production.min.js',
      JS,
      packageFile('react-dom', 'umd/react-dom.production.min.js'),
    ],
    ['graphiql.min.js', JS, packageFile('graphiql', 'graphiql.min.js')],
    ['graphiql.min.css', CSS, packageFile('graphiql', 'graphiql.min.css')],
    ['explorer.js', JS, undefined],
    ['explorer.css', CSS, undefined],
  ])('serves %s as %s, revalidated by its strong ETag', async (name, type, bytes) => {
    const path = `/explorer/assets/${name}`;
    const answer = await send(server.origin, path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    if (bytes !== undefined) {
      expect(answer.body.equals(bytes)).toBe(true);
    }
    const etag = answer.headers.etag;
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const head = await send(server.origin, path, { method: 'HEAD' });
    expect([head.status, head.headers.etag, head.headers['content-length']]).toEqual([
      200,
      etag,
      String(answer.body.length),
    ]);
    expect(head.body).toHaveLength(0);

    const revalidated = await send(server.origin, path, {
      headers: { 'if-none-match': `"other", ${etag}` },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toHaveLength(0);
    const changed = await send(server.origin, path, { headers: { 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it.each([
    '/explorer/assets/',
    '/explorer/assets/unknown.js',
    '/explorer/assets/graphiql.min.js.map',
    '/explorer/assets/index.umd.js',
    '/explorer/assets/GRAPHIQL.MIN.JS',
    '/explorer/assets/graphiql%2Emin.js',
  ])('answers 404 for %s, a file it does not list', async (path) => {
    const answer = await send(server.origin, path);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body.toString())).toEqual({
      errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }],
    });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/explorer/assets/../package.json',
    '/explorer/assets/../../package.json',
    '/explorer/assets/..%2Fpackage.json',
    '/explorer/assets/..%2fpackage.json',
    '/explorer/assets/%2e%2e/package.json',
    '/explorer/assets/%2E%2E%2Fpackage.json',
    '/explorer/assets/%252e%252e%252fpackage.json',
    '/explorer/assets/..%5Cpackage.json',
    '/explorer/assets/..\\package.json',
    '/explorer/assets/....//package.json',
    '/explorer/assets/react.production.min.js/../../../package.json',
    '/explorer/assets//etc/passwd',
    '/explorer/assets/%2Fetc%2Fpasswd',
    '/explorer/assets/graphiql.min.js%00.map',
    '/explorer/assets/node_modules/graphiql/package.json',
  ])('answers 404 for %s, never a file from elsewhere', async (path) => {
    const answer = await send(server.origin, path);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('"version"');
    expect(answer.body.toString()).not.toContain('root:');
  });
});

describe('other requests', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/graphql'],
    ['GET', '/explorerx'],
    ['GET', '/explorer/other'],
    ['GET', '/explorer/assets'],
    ['GET', '/explorer/../package.json'],
    ['POST', '/explorer'],
    ['PUT', '/explorer/assets/explorer.js'],
    ['DELETE', '/explorer/assets/unknown.js'],
  ])('leaves %s %s to the caller', async (method, path) => {
    const answer = await send(server.origin, path, { method });
    expect(answer.status).toBe(418);
    expect(answer.headers['content-security-policy']).toBeUndefined();
  });
});
