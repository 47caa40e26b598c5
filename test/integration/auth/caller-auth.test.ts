import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';

import {
  createCallerAuth,
  hasRole,
  type CallerAuth,
  type CallerAuthOptions,
  type CallerAuthResult,
} from '../../../src/auth/caller-auth';
import { startEntraAuthority, type EntraAuthority } from '../../../src/emulator/entra-authority';
import type { CallerTokenOptions } from '../../../src/emulator/entra-authority-tokens';
import { createTestTls, type TestTls } from '../../helpers/test-certificates';

const AUDIENCE = 'api://partner-center-bff';
const WRITER_ROLE = 'BillingProfile.ReadWrite';

describe('caller authentication with JWTs of the company identity provider', () => {
  let tls: TestTls;
  let idp: EntraAuthority;
  let auth: CallerAuth;
  const created: CallerAuth[] = [];

  beforeAll(async () => {
    tls = await createTestTls();
    idp = await startEntraAuthority({ tls: tls.server });
    auth = callerAuth();
  });

  afterEach(() => {
    idp.clearFaults();
  });

  afterAll(async () => {
    await Promise.all(created.map((c) => c.close()));
    await idp.close();
  });

  function callerAuth(overrides: Partial<CallerAuthOptions> = {}): CallerAuth {
    const made = createCallerAuth({
      issuer: idp.issuer,
      audience: AUDIENCE,
      ca: tls.ca,
      ...overrides,
    });
    created.push(made);
    return made;
  }

  const mint = (options: Partial<CallerTokenOptions> = {}): Promise<string> =>
    idp.mintCallerToken({ audience: AUDIENCE, ...options });

  const bearer = async (token: string | Promise<string>): Promise<string> =>
    `Bearer ${await token}`;

  const openIdRequests = (): number =>
    idp.requests.filter((r) => r.endpoint === 'openid-configuration').length;

  it('accepts a token it can verify, with its subject and the union of roles and scp', async () => {
    const result = await auth.authenticate(
      await bearer(
        mint({
          subject: 'batch-job',
          roles: [WRITER_ROLE],
          scp: 'user_impersonation  Reports.Read',
        }),
      ),
    );

    expect(result).toEqual({ ok: true, subject: 'batch-job', roles: expect.any(Set) as unknown });
    const caller = result as Extract<CallerAuthResult, { ok: true }>;
    expect([...caller.roles].sort()).toEqual([WRITER_ROLE, 'Reports.Read', 'user_impersonation']);
    expect(hasRole(caller, WRITER_ROLE)).toBe(true);
    expect(hasRole(caller, 'Reports.Read')).toBe(true);
  });

  it('accepts a token without roles, whose caller then lacks the update role', async () => {
    const result = await auth.authenticate(await bearer(mint()));

    expect(result.ok).toBe(true);
    expect(hasRole(result as Extract<CallerAuthResult, { ok: true }>, WRITER_ROLE)).toBe(false);
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no Authorization header', () => Promise.resolve(undefined), 'MISSING'],
    ['an empty Authorization header', () => Promise.resolve(''), 'MISSING'],
    ['a Basic credential', () => Promise.resolve('Basic dXNlcjpwYXNz'), 'MALFORMED'],
    ['a bearer token that is no JWT', () => Promise.resolve('Bearer not-a-jwt'), 'MALFORMED'],
    [
      'an unsigned token (alg none)',
      () =>
        bearer(
          new UnsecuredJWT({ sub: 'intruder', roles: [WRITER_ROLE] })
            .setIssuer(idp.issuer)
            .setAudience(AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .encode(),
        ),
      'BAD_SIGNATURE',
    ],
    [
      'a token signed with another key under the same kid',
      () => bearer(forge('RS256')),
      'BAD_SIGNATURE',
    ],
    ['a token signed with a shared secret (HS256)', () => bearer(forge('HS256')), 'BAD_SIGNATURE'],
    [
      'a token whose payload was changed after signing',
      () => bearer(tamper(mint())),
      'BAD_SIGNATURE',
    ],
    ['an expired token', () => bearer(mint({ lifetimeSeconds: -120 })), 'EXPIRED'],
    ['a token not valid yet', () => bearer(mint({ notBeforeSeconds: 120 })), 'NOT_YET_VALID'],
    [
      'a token for another audience',
      () => bearer(mint({ audience: 'api://someone-else' })),
      'WRONG_AUDIENCE',
    ],
    [
      'a Partner Center access token',
      () => bearer(mint({ audience: 'https://api.partnercenter.microsoft.com' })),
      'WRONG_AUDIENCE',
    ],
    [
      'a token of another issuer signed with a trusted key',
      () => bearer(mint({ issuer: 'https://login.example.com/other-tenant/v2.0' })),
      'WRONG_ISSUER',
    ],
  ])('refuses %s', async (_case, header, reason) => {
    expect(await auth.authenticate(await header())).toEqual({ ok: false, reason });
  });

  it.each([
    ['expired', { lifetimeSeconds: -30 }],
    ['not yet valid', { notBeforeSeconds: 30 }],
  ])('tolerates a token %s by less than the clock skew', async (_case, options) => {
    expect((await auth.authenticate(await bearer(mint(options)))).ok).toBe(true);
  });

  it('discovers the JWKS once for many callers', async () => {
    const fresh = callerAuth();
    const before = openIdRequests();

    const results = await Promise.all(
      Array.from({ length: 20 }, async () => fresh.authenticate(await bearer(mint()))),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    expect(openIdRequests() - before).toBe(1);
  });

  it('uses AUTH_JWKS_URL without discovery when it is given', async () => {
    const before = openIdRequests();

    const result = await callerAuth({ jwksUrl: idp.jwksUri }).authenticate(await bearer(mint()));

    expect(result.ok).toBe(true);
    expect(openIdRequests()).toBe(before);
  });

  it('retries a failed discovery on a later request instead of keeping the failure', async () => {
    const fresh = callerAuth({ discoveryRetryAfterMs: 0 });
    idp.fail({ endpoint: 'openid-configuration', status: 503 });
    const token = await bearer(mint());

    expect(await fresh.authenticate(token)).toEqual({ ok: false, reason: 'JWKS_UNAVAILABLE' });
    expect((await fresh.authenticate(token)).ok).toBe(true);
  });

  it('does not ask again within the retry delay after a failed discovery', async () => {
    const fresh = callerAuth({ discoveryRetryAfterMs: 60_000 });
    idp.fail({ endpoint: 'openid-configuration', status: 503 });
    const token = await bearer(mint());
    const before = openIdRequests();

    expect(await fresh.authenticate(token)).toEqual({ ok: false, reason: 'JWKS_UNAVAILABLE' });
    expect(await fresh.authenticate(token)).toEqual({ ok: false, reason: 'JWKS_UNAVAILABLE' });
    expect(openIdRequests() - before).toBe(1);
  });

  it('refuses an OpenID configuration that names another issuer', async () => {
    const result = await callerAuth({ issuer: `${idp.issuer}/` }).authenticate(
      await bearer(mint({ issuer: `${idp.issuer}/` })),
    );

    expect(result).toEqual({ ok: false, reason: 'JWKS_UNAVAILABLE' });
  });

  it('reports keys it cannot fetch as JWKS_UNAVAILABLE, not as the caller being wrong', async () => {
    const unreachable = callerAuth({ jwksUrl: `${idp.url}/no-such-tenant/discovery/v2.0/keys` });

    expect(await unreachable.authenticate(await bearer(mint()))).toEqual({
      ok: false,
      reason: 'JWKS_UNAVAILABLE',
    });
  });

  it('accepts a token for any one of several audiences', async () => {
    const result = await callerAuth({ audience: ['api://other', AUDIENCE] }).authenticate(
      await bearer(mint()),
    );

    expect(result.ok).toBe(true);
  });

  async function forge(alg: 'RS256' | 'HS256'): Promise<string> {
    const key =
      alg === 'RS256'
        ? (await generateKeyPair('RS256')).privateKey
        : new TextEncoder().encode('a shared secret of thirty-two bytes!');
    return new SignJWT({ sub: 'intruder', roles: [WRITER_ROLE] })
      .setProtectedHeader({ alg, kid: idp.signingKeyId })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  }
});

async function tamper(token: Promise<string>): Promise<string> {
  const [header, payload, signature] = (await token).split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  claims.roles = [WRITER_ROLE];
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
