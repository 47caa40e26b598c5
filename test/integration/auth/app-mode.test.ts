import { SignJWT, generateKeyPair } from 'jose';

import type { Emulator } from '../../../src/emulator/emulator';
import { startEntraAuthority, type EntraAuthority } from '../../../src/emulator/entra-authority';
import { postGraphQL, type GraphQLResponse } from '../../helpers/graphql-client';
import { startStack, type Stack } from '../../helpers/start-stack';
import { createTestTls, type TestTls } from '../../helpers/test-certificates';

// App mode end to end, over real HTTP: a frontend calls the gateway with its company JWT; the gateway
// calls the Partner Center emulator with its own application token from the loopback Entra authority
// (HTTPS, a CA made for the test), which the emulator alone accepts in this mode.

const CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const CLIENT_ID = '3a7e9c1d-5b2f-4e8a-9c6d-1f0e2d3c4b5a';
const CLIENT_SECRET = 'app~secret.value';
const AUDIENCE = 'api://partner-center-bff';
const UPDATE_ROLE = 'BillingProfile.Write';

const READ = `query Read($id: ID!) { customer(id: $id) { id billingProfile { firstName etag } } }`;
const UPDATE = `mutation Update($input: UpdateBillingProfileInput!, $etag: String!) {
  updateBillingProfile(input: $input, etag: $etag) {
    __typename
    ... on BillingProfileUpdated { billingProfile { firstName etag } }
  }
}`;

interface ReadData {
  customer: {
    id: string;
    billingProfile: { firstName: string | null; etag: string } | null;
  } | null;
}

let tls: TestTls;
let authority: EntraAuthority;

beforeAll(async () => {
  tls = await createTestTls();
  authority = await startEntraAuthority({
    tls: tls.server,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
  });
});

afterAll(async () => {
  await authority.close();
});

function appEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PARTNER_CENTER_AUTH: 'app',
    PARTNER_CENTER_TENANT_ID: authority.tenantId,
    PARTNER_CENTER_CLIENT_ID: CLIENT_ID,
    PARTNER_CENTER_CLIENT_SECRET: CLIENT_SECRET,
    PARTNER_CENTER_AUTHORITY_HOST: authority.url,
    // The authority also plays the company's identity provider: JWKS discovered from its issuer.
    AUTH_ISSUER: authority.issuer,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_UPDATE_ROLE: UPDATE_ROLE,
    ...overrides,
  };
}

async function startAppStack(overrides: Record<string, string> = {}): Promise<Stack> {
  return startStack({
    emulator: { appAuthority: authority },
    env: appEnv(overrides),
    app: { ca: tls.ca },
  });
}

function callerToken(options: { roles?: string[]; scp?: string } = {}): Promise<string> {
  return authority.mintCallerToken({ audience: AUDIENCE, subject: 'frontend-user-1', ...options });
}

function read(stack: Stack, token: string | null): Promise<GraphQLResponse<ReadData>> {
  return postGraphQL<ReadData, { id: string }>(stack.gatewayUrl, READ, { id: CUSTOMER }, { token });
}

function partnerCenterCalls(emulator: Emulator): number {
  return emulator.requests.filter((r) => r.path.startsWith('/v1/')).length;
}

describe('app mode: the gateway calls Partner Center as its own application', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startAppStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(() => {
    stack.emulator.reset();
    authority.reset();
  });

  it('answers an authenticated caller with its app token, never the caller’s', async () => {
    const token = await callerToken();

    const response = await read(stack, token);

    expect(response.errors).toBeUndefined();
    expect(response.data?.customer?.billingProfile?.etag).toEqual(expect.any(String));
    const sent = stack.emulator.requests.map((r) => r.headers.authorization ?? '');
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain(token);
    expect(await authority.accepts(sent[0]!.replace(/^Bearer /, ''))).toBe(true);
  });

  it('fetches one token for many concurrent operations and keeps using it', async () => {
    // A gateway that has no token yet: twelve operations at once ask for it together.
    const fresh = await startAppStack();
    try {
      const token = await callerToken();

      const first = await Promise.all(Array.from({ length: 12 }, () => read(fresh, token)));
      const second = await Promise.all(Array.from({ length: 4 }, () => read(fresh, token)));

      expect([...first, ...second].every((r) => r.errors === undefined)).toBe(true);
      expect(authority.tokenRequestCount()).toBe(1);
      expect(fresh.emulator.requests).toHaveLength(16);
      expect(new Set(fresh.emulator.requests.map((r) => r.headers.authorization)).size).toBe(1);
    } finally {
      await fresh.stop();
    }
  });

  it('gets a new token once when Partner Center answers 401 to the cached one', async () => {
    const token = await callerToken();
    expect((await read(stack, token)).errors).toBeUndefined();
    const before = authority.tokenRequestCount();
    authority.revokeIssuedTokens();

    const after = await Promise.all(Array.from({ length: 5 }, () => read(stack, token)));

    expect(after.map((r) => r.errors)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(authority.tokenRequestCount()).toBe(before + 1);
  });

  it('updates for a caller with the role, in `roles` or in `scp`', async () => {
    for (const claims of [{ roles: [UPDATE_ROLE] }, { scp: `profile.read ${UPDATE_ROLE}` }]) {
      const token = await callerToken(claims);
      const current = await read(stack, token);
      const etag = current.data!.customer!.billingProfile!.etag;

      const response = await postGraphQL<
        { updateBillingProfile: { __typename: string } },
        { input: { customerId: string; firstName: string }; etag: string }
      >(
        stack.gatewayUrl,
        UPDATE,
        { input: { customerId: CUSTOMER, firstName: 'Role' }, etag },
        {
          token,
        },
      );

      expect(response.errors).toBeUndefined();
      expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    }
  });

  it('refuses an update without the role with FORBIDDEN, sending nothing upstream', async () => {
    const token = await callerToken({ roles: ['BillingProfile.Read'] });

    const response = await postGraphQL<unknown, unknown>(
      stack.gatewayUrl,
      UPDATE,
      { input: { customerId: CUSTOMER, firstName: 'Nope' }, etag: 'any' },
      { token },
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', written: false });
    expect(partnerCenterCalls(stack.emulator)).toBe(0);
  });

  describe('refuses callers without a valid JWT with 401 UNAUTHENTICATED, sending nothing upstream', () => {
    const forged = async (): Promise<string> => {
      // Right kid, issuer and audience; the wrong key.
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ sub: 'intruder' })
        .setProtectedHeader({ alg: 'RS256', kid: authority.signingKeyId })
        .setIssuer(authority.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    };
    const unsigned = (): string => {
      const part = (value: object): string =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', iss: authority.issuer, aud: AUDIENCE, exp: now + 600 })}.`;
    };

    it.each<[string, () => Promise<string | null> | string | null, RegExp]>([
      ['no token', () => null, /no bearer token/],
      ['a token that is no JWT', () => 'not-a-jwt', /not signed|not "Bearer/],
      ['an unsigned token (alg none)', unsigned, /not signed/],
      ['a token signed with another key', forged, /not signed/],
      [
        'an expired token',
        () => authority.mintCallerToken({ audience: AUDIENCE, lifetimeSeconds: -3600 }),
        /expired/,
      ],
      [
        'a token for another audience',
        () => authority.mintCallerToken({ audience: 'api://someone-else' }),
        /another audience/,
      ],
      [
        'a token of another issuer',
        () => authority.mintCallerToken({ audience: AUDIENCE, issuer: 'https://idp.example.com/' }),
        /another issuer/,
      ],
      [
        'a token not valid yet',
        () => authority.mintCallerToken({ audience: AUDIENCE, notBeforeSeconds: 3600 }),
        /not valid yet/,
      ],
    ])('%s', async (_name, makeToken, reason) => {
      const response = await read(stack, await makeToken());

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.data).toBeUndefined();
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(reason);
      expect(partnerCenterCalls(stack.emulator)).toBe(0);
      expect(authority.tokenRequestCount()).toBe(0);
    });
  });

  it('answers the federation `_service` query without a token (a router composes with it)', async () => {
    const response = await postGraphQL<{ _service: { sdl: string } }, undefined>(
      stack.gatewayUrl,
      '{ _service { sdl } }',
      undefined,
      { token: null },
    );

    expect(response.errors).toBeUndefined();
    expect(response.data?._service.sdl).toContain('billingProfile');
  });

  it('writes neither the caller’s token nor the app token nor the secret to its logs', async () => {
    const token = await callerToken();
    await read(stack, token);
    const appToken = stack.emulator.requests[0]!.headers.authorization!.replace(/^Bearer /, '');

    expect(stack.logText()).not.toContain(token);
    expect(stack.logText()).not.toContain(appToken);
    expect(stack.logText()).not.toContain(CLIENT_SECRET);
  });
});

describe('app mode: when the gateway cannot get its own token', () => {
  it('answers UNAUTHENTICATED when the authority refuses the client secret, never a crash', async () => {
    authority.reset();
    const stack = await startAppStack({ PARTNER_CENTER_CLIENT_SECRET: 'wrong~secret' });
    try {
      const response = await read(stack, await callerToken());

      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(/application credentials were refused/);
      expect(partnerCenterCalls(stack.emulator)).toBe(0);
      expect(stack.logText()).not.toContain('wrong~secret');
      // Still serving: the next operation is answered the same way.
      expect((await read(stack, await callerToken())).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    } finally {
      await stack.stop();
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when the authority fails, and keeps serving', async () => {
    authority.reset();
    const stack = await startAppStack();
    try {
      authority.fail({ endpoint: 'token', status: 503, times: 1 });

      const failed = await read(stack, await callerToken());

      expect(failed.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        retryable: true,
      });
      expect(partnerCenterCalls(stack.emulator)).toBe(0);
      // msal holds requests back for a while after a 5xx: the next operation is refused the same way.
      const next = await read(stack, await callerToken());
      expect(next.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await stack.stop();
    }
  });
});
