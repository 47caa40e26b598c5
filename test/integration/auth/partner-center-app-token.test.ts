import { createServer } from 'node:net';

import type { INetworkModule } from '@azure/msal-node';

import { AppTokenError, type AppTokenFailure } from '../../../src/auth/app-token-error';
import { createMsalNetworkClient } from '../../../src/auth/msal-network-client';
import {
  PARTNER_CENTER_SCOPE,
  createAppTokenProvider,
  type AppTokenProvider,
  type AppTokenProviderOptions,
} from '../../../src/auth/partner-center-app-token';
import { startEntraAuthority, type EntraAuthority } from '../../../src/emulator/entra-authority';
import { startTestEmulator, US_CUSTOMER, type TestEmulator } from '../../helpers/emulator-http';
import {
  createClientCertificate,
  createTempDir,
  createTestTls,
  type TestTls,
} from '../../helpers/test-certificates';

const CLIENT_ID = '3f2a9c1e-5b7d-4e8f-a061-b2c3d4e5f607';
const CLIENT_SECRET = 'emulator~secret.value-0123456789';
const PROFILE_PATH = `/v1/customers/${US_CUSTOMER.id}/profiles/billing`;

describe('the Partner Center app token provider, against an Entra-compatible authority over HTTPS', () => {
  let tls: TestTls;
  let authority: EntraAuthority;
  let partnerCenter: TestEmulator;
  let files: ReturnType<typeof createTempDir>;
  let certificatePath: string;
  let unregisteredCertificatePath: string;
  const providers: AppTokenProvider[] = [];

  beforeAll(async () => {
    tls = await createTestTls();
    const [certificate, unregistered] = await Promise.all([
      createClientCertificate(),
      createClientCertificate('not registered'),
    ]);
    files = createTempDir();
    certificatePath = files.write('client.pem', certificate.pem);
    unregisteredCertificatePath = files.write('unregistered.pem', unregistered.pem);
    authority = await startEntraAuthority({
      tls: tls.server,
      clients: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, certificates: [certificate.cert] },
      ],
    });
    partnerCenter = await startTestEmulator({ appAuthority: authority });
  });

  afterEach(async () => {
    await Promise.all(providers.splice(0).map((p) => p.close()));
    authority.reset();
  });

  afterAll(async () => {
    await partnerCenter.stop();
    await authority.close();
    files.remove();
  });

  function provider(overrides: Partial<AppTokenProviderOptions> = {}): AppTokenProvider {
    const created = createAppTokenProvider({
      tenantId: authority.tenantId,
      clientId: CLIENT_ID,
      credential: { clientSecret: CLIENT_SECRET },
      authorityHost: authority.url,
      ca: tls.ca,
      ...overrides,
    });
    providers.push(created);
    return created;
  }

  const partnerCenterStatus = async (token: string): Promise<number> =>
    (await partnerCenter.http.send('GET', PROFILE_PATH, { token })).status;

  async function failureOf(promise: Promise<unknown>): Promise<AppTokenError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppTokenError);
    return error as AppTokenError;
  }

  it('gets one token for many concurrent callers and reuses it, and Partner Center accepts it', async () => {
    const tokens = provider();

    const concurrent = await Promise.all(Array.from({ length: 50 }, () => tokens.getToken()));
    const sequential: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      sequential.push(await tokens.getToken());
    }

    expect(new Set([...concurrent, ...sequential]).size).toBe(1);
    expect(authority.tokenRequestCount()).toBe(1);
    expect(await partnerCenterStatus(concurrent[0]!)).toBe(200);
  });

  it('asks only the token endpoint of the configured host: no instance discovery, no metadata', async () => {
    const inner = createMsalNetworkClient({ timeoutMs: 5_000, ca: tls.ca });
    const urls: string[] = [];
    const recording: INetworkModule = {
      sendGetRequestAsync: (url, options) => {
        urls.push(`GET ${url}`);
        return inner.sendGetRequestAsync(url, options);
      },
      sendPostRequestAsync: (url, options) => {
        urls.push(`POST ${url}`);
        return inner.sendPostRequestAsync(url, options);
      },
    };
    try {
      await provider({ networkClient: recording }).getToken();
    } finally {
      await inner.close();
    }

    expect(urls.map((u) => u.replace(/\?.*$/, ''))).toEqual([`POST ${authority.tokenEndpoint}`]);
    expect(authority.requests.map((r) => `${r.method} ${r.endpoint}`)).toEqual(['POST token']);
    expect(authority.requests[0]?.token).toEqual({
      grantType: 'client_credentials',
      clientId: CLIENT_ID,
      scope: PARTNER_CENTER_SCOPE,
      credential: 'secret',
    });
  });

  it('asks for a new token once the cached one is within five minutes of its expiry', async () => {
    const tokens = provider();
    // Only Date is faked: sockets, timers and TLS keep real time. msal, jose and the authority all
    // read Date, so moving it ages the cached token.
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      const first = await tokens.getToken();
      jest.setSystemTime(Date.now() + (3599 - 302) * 1000);
      expect(await tokens.getToken()).toBe(first);
      expect(authority.tokenRequestCount()).toBe(1);

      jest.setSystemTime(Date.now() + 4_000);
      const second = await tokens.getToken();

      expect(second).not.toBe(first);
      expect(authority.tokenRequestCount()).toBe(2);
      expect(await partnerCenterStatus(second)).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refreshes once after Partner Center refuses the cached token, however many callers saw the 401', async () => {
    const tokens = provider();
    const refused = await tokens.getToken();
    authority.revokeIssuedTokens();
    expect(await partnerCenterStatus(refused)).toBe(401);
    expect(await tokens.getToken()).toBe(refused);

    const refreshed = await Promise.all([
      tokens.refresh(refused),
      tokens.refresh(refused),
      tokens.refresh(refused),
    ]);

    expect(new Set(refreshed).size).toBe(1);
    expect(refreshed[0]).not.toBe(refused);
    expect(authority.tokenRequestCount()).toBe(2);
    expect(await partnerCenterStatus(refreshed[0])).toBe(200);
    // Later: the cache holds the new token, and a late refresh of the old one asks nothing.
    expect(await tokens.getToken()).toBe(refreshed[0]);
    expect(await tokens.refresh(refused)).toBe(refreshed[0]);
    expect(authority.tokenRequestCount()).toBe(2);
  });

  it('makes callers wait for a refresh in flight instead of handing out the refused token', async () => {
    const tokens = provider();
    const refused = await tokens.getToken();
    const gate = authority.hold('token');

    const refreshing = tokens.refresh(refused);
    await gate.arrived(1);
    const waiting = tokens.getToken();
    await gate.release();

    expect(await waiting).toBe(await refreshing);
    expect(await waiting).not.toBe(refused);
  });

  it('authenticates with a client certificate (PEM file with private key and certificate)', async () => {
    const token = await provider({ credential: { certificatePath } }).getToken();

    expect(authority.requests[0]?.token?.credential).toBe('certificate');
    expect(authority.requests[0]?.status).toBe(200);
    expect(await partnerCenterStatus(token)).toBe(200);
  });

  // Options are built when the test runs: the certificate files exist only from beforeAll on.
  it.each<[string, () => Partial<AppTokenProviderOptions>, Partial<AppTokenFailure>]>([
    [
      'a wrong client secret',
      () => ({ credential: { clientSecret: 'wrong~secret' } }),
      { status: 401, error: 'invalid_client', aadsts: 'AADSTS7000215' },
    ],
    [
      'a certificate the app registration does not hold',
      () => ({ credential: { certificatePath: unregisteredCertificatePath } }),
      { status: 401, error: 'invalid_client', aadsts: 'AADSTS700027' },
    ],
    [
      'an unknown client id',
      () => ({ clientId: '00000000-0000-4000-8000-000000000000' }),
      { status: 400, error: 'unauthorized_client', aadsts: 'AADSTS700016' },
    ],
    [
      'an unknown tenant',
      () => ({ tenantId: '11111111-1111-4111-8111-111111111111' }),
      { status: 400, error: 'invalid_request', aadsts: 'AADSTS90002' },
    ],
    [
      'a resource the tenant does not have',
      () => ({ scope: 'https://graph.example/.default' }),
      { status: 400, error: 'invalid_resource', aadsts: 'AADSTS500011' },
    ],
  ])('reports %s as credentials refused, naming no secret', async (_case, overrides, failure) => {
    const error = await failureOf(provider(overrides()).getToken());

    expect(error.failure).toEqual({ kind: 'credentials-refused', ...failure });
    expect(error.retryable).toBe(false);
    const shown = `${error.message} ${JSON.stringify(error.failure)} ${String(error.cause)}`;
    expect(shown).not.toContain(CLIENT_SECRET);
    expect(shown).not.toContain('wrong~secret');
    expect(shown).not.toContain('PRIVATE KEY');
  });

  it.each<[string, { status: number; html?: boolean }, Partial<AppTokenFailure>]>([
    [
      'a 503 from the token endpoint',
      { status: 503 },
      { reason: 'status', status: 503, error: 'server_error' },
    ],
    ['a 429', { status: 429 }, { reason: 'status', status: 429, error: 'temporarily_unavailable' }],
    [
      'an HTML 502 from a proxy',
      { status: 502, html: true },
      { reason: 'bad-answer', status: 502 },
    ],
  ])('reports %s as the authority unavailable', async (_case, fault, failure) => {
    authority.fail({ endpoint: 'token', ...fault });

    const error = await failureOf(provider().getToken());

    expect(error.failure).toEqual({ kind: 'authority-unavailable', ...failure });
    expect(error.retryable).toBe(true);
  });

  it('holds requests back after a 5xx, as msal throttles itself, and says so', async () => {
    authority.fail({ endpoint: 'token', status: 503 });
    const tokens = provider();
    await failureOf(tokens.getToken());

    const error = await failureOf(tokens.getToken());

    expect(error.failure).toEqual(
      expect.objectContaining({ kind: 'authority-unavailable', reason: 'throttled' }),
    );
    expect(authority.tokenRequestCount()).toBe(1);
  });

  it('reports an authority that refuses connections as unavailable', async () => {
    const closedPort = await freePort();

    const error = await failureOf(
      provider({ authorityHost: `https://127.0.0.1:${closedPort}` }).getToken(),
    );

    expect(error.failure).toEqual({
      kind: 'authority-unavailable',
      reason: 'network',
      networkCode: 'ECONNREFUSED',
    });
  });

  it('gives up on an authority that does not answer within the timeout', async () => {
    const gate = authority.hold('token');
    try {
      const error = await failureOf(provider({ timeoutMs: 150 }).getToken());

      expect(error.failure).toEqual({ kind: 'authority-unavailable', reason: 'timeout' });
    } finally {
      await gate.release();
    }
  });

  it('shares one failure among concurrent callers and asks again on the next call', async () => {
    authority.fail({ endpoint: 'token', status: 400 });
    const tokens = provider();

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.getToken()));

    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(authority.tokenRequestCount()).toBe(1);
    expect(await tokens.getToken()).toEqual(expect.any(String));
    expect(authority.tokenRequestCount()).toBe(2);
  });

  it.each<[string, Partial<AppTokenProviderOptions>]>([
    ['an http authority', { authorityHost: 'http://127.0.0.1:1' }],
    [
      'an authority host with a path',
      { authorityHost: 'https://login.microsoftonline.com/tenant' },
    ],
    ['the common tenant', { tenantId: 'common' }],
    ['the organizations tenant', { tenantId: 'organizations' }],
    ['an empty client id', { clientId: '' }],
    ['an empty secret', { credential: { clientSecret: '' } }],
    ['a missing certificate file', { credential: { certificatePath: '/nonexistent/client.pem' } }],
  ])('refuses to start with %s', (_case, overrides) => {
    expect(() => provider(overrides)).toThrow();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
