import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { Agent, request } from 'undici';

import {
  EMULATOR_TENANT_ID,
  startEntraAuthority,
  type EntraAuthority,
} from '../../../src/emulator/entra-authority';
import { PARTNER_CENTER_RESOURCE } from '../../../src/emulator/entra-authority-tokens';
import {
  expectErrorBody,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';
import { createTestTls, type TestTls } from '../../helpers/test-certificates';

const CLIENT_ID = 'b1d2c3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
const CLIENT_SECRET = 'authority~test.secret';
const SCOPE = `${PARTNER_CENTER_RESOURCE}/.default`;
const PROFILE_PATH = `/v1/customers/${US_CUSTOMER.id}/profiles/billing`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  text: string;
}

describe('the Entra-compatible authority emulator', () => {
  let tls: TestTls;
  let authority: EntraAuthority;
  let agent: Agent;

  beforeAll(async () => {
    tls = await createTestTls();
    authority = await startEntraAuthority({
      tls: tls.server,
      admin: true,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    });
    agent = new Agent({ connect: { ca: tls.ca } });
  });

  afterEach(() => {
    authority.reset();
  });

  afterAll(async () => {
    await agent.close();
    await authority.close();
  });

  async function call(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: string | Record<string, string>,
  ): Promise<Answer> {
    const form = typeof body === 'object';
    const answer = await request(url, {
      method,
      dispatcher: agent,
      ...(body === undefined
        ? {}
        : {
            body: form ? new URLSearchParams(body).toString() : body,
            headers: {
              'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
            },
          }),
    });
    const text = await answer.body.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // an HTML fault
    }
    return { status: answer.statusCode, headers: answer.headers, body: parsed, text };
  }

  /** A client-credentials request; a field set to undefined is left out. */
  function tokenRequest(changes: Record<string, string | undefined> = {}): Promise<Answer> {
    const fields: Record<string, string | undefined> = {
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: SCOPE,
      ...changes,
    };
    return call(
      'POST',
      authority.tokenEndpoint,
      Object.fromEntries(
        Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    );
  }

  it('serves HTTPS with a certificate its clients trust only through the test CA', async () => {
    const untrusting = new Agent();
    try {
      await expect(
        request(authority.openIdConfigurationUrl, { dispatcher: untrusting }),
      ).rejects.toThrow();
    } finally {
      await untrusting.close();
    }
  });

  it('publishes an OpenID configuration under the issuer, naming the tenant endpoints', async () => {
    const answer = await call('GET', authority.openIdConfigurationUrl);

    expect(answer.status).toBe(200);
    expect(authority.issuer).toBe(`${authority.url}/${EMULATOR_TENANT_ID}/v2.0`);
    expect(answer.body).toEqual(
      expect.objectContaining({
        issuer: authority.issuer,
        token_endpoint: `${authority.url}/${EMULATOR_TENANT_ID}/oauth2/v2.0/token`,
        jwks_uri: `${authority.url}/${EMULATOR_TENANT_ID}/discovery/v2.0/keys`,
      }),
    );
  });

  it('answers an unknown tenant as Entra does', async () => {
    const answer = await call(
      'GET',
      `${authority.url}/contoso.example/v2.0/.well-known/openid-configuration`,
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(
      expect.objectContaining({ error: 'invalid_request', error_codes: [90002] }),
    );
  });

  it('issues an RS256 access token for Partner Center that its JWKS verifies', async () => {
    const answer = await tokenRequest();
    const keys = await call('GET', authority.jwksUri);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      expect.objectContaining({
        token_type: 'Bearer',
        expires_in: 3599,
        access_token: expect.any(String) as unknown,
      }),
    );
    const { payload, protectedHeader } = await jwtVerify(
      answer.body.access_token as string,
      createLocalJWKSet(keys.body as unknown as JSONWebKeySet),
      { issuer: authority.issuer, audience: PARTNER_CENTER_RESOURCE },
    );
    expect(protectedHeader).toEqual(
      expect.objectContaining({ alg: 'RS256', kid: authority.signingKeyId }),
    );
    expect(payload).toEqual(
      expect.objectContaining({
        azp: CLIENT_ID,
        azpacr: '1',
        idtyp: 'app',
        tid: EMULATOR_TENANT_ID,
      }),
    );
    expect(authority.tokenRequestCount()).toBe(1);
    expect(authority.issuedTokenCount()).toBe(1);
  });

  it('gives tokens the lifetime a test sets', async () => {
    authority.setTokenLifetime(90);

    const { body } = await tokenRequest();

    expect(body.expires_in).toBe(90);
    const { exp, nbf } = JSON.parse(
      Buffer.from((body.access_token as string).split('.')[1]!, 'base64url').toString(),
    ) as { exp: number; nbf: number };
    expect(exp - nbf).toBe(90);
  });

  it.each<[string, Record<string, string | undefined>, number, string, number]>([
    ['a wrong client secret', { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    ['no client credential', { client_secret: undefined }, 401, 'invalid_client', 7000218],
    ['an unknown client', { client_id: 'unknown-app' }, 400, 'unauthorized_client', 700016],
    ['another grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    [
      'a scope without /.default',
      { scope: PARTNER_CENTER_RESOURCE },
      400,
      'invalid_scope',
      1002012,
    ],
    [
      'an unknown resource',
      { scope: 'https://graph.example/.default' },
      400,
      'invalid_resource',
      500011,
    ],
  ])('refuses %s as Entra does', async (_case, changes, status, error, aadsts) => {
    const answer = await tokenRequest(changes);

    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(expect.objectContaining({ error, error_codes: [aadsts] }));
    expect(answer.body.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: `));
    expect(answer.text).not.toContain(CLIENT_SECRET);
    expect(authority.issuedTokenCount()).toBe(0);
  });

  it('answers faults: an OAuth 5xx, or an HTML page as a proxy would', async () => {
    authority.fail({ endpoint: 'token', status: 503 });
    authority.fail({ endpoint: 'token', status: 502, html: true });

    const first = await tokenRequest();
    const second = await tokenRequest();
    const third = await tokenRequest();

    expect([first.status, first.body.error]).toEqual([503, 'server_error']);
    expect([second.status, second.headers['content-type']]).toEqual([502, 'text/html']);
    expect(third.status).toBe(200);
  });

  it('keeps no secret in its request log', async () => {
    await tokenRequest();

    expect(JSON.stringify(authority.requests)).not.toContain(CLIENT_SECRET);
    expect(authority.requests).toEqual([
      {
        method: 'POST',
        path: `/${EMULATOR_TENANT_ID}/oauth2/v2.0/token`,
        endpoint: 'token',
        status: 200,
        token: {
          grantType: 'client_credentials',
          clientId: CLIENT_ID,
          scope: SCOPE,
          credential: 'secret',
        },
      },
    ]);
  });

  describe('admin API', () => {
    it('mints caller tokens, revokes issued tokens and lists requests', async () => {
      const issued = await tokenRequest();
      const minted = await call(
        'POST',
        `${authority.url}/__authority/caller-tokens`,
        JSON.stringify({ audience: 'api://bff', roles: ['Writer'] }),
      );
      const revoked = await call('POST', `${authority.url}/__authority/revoke`, '');
      const log = await call('GET', `${authority.url}/__authority/requests`);

      expect(minted.status).toBe(200);
      expect(await authority.accepts(issued.body.access_token as string)).toBe(false);
      expect(revoked.body).toEqual({ revoked: 1 });
      expect(log.body).toEqual([expect.objectContaining({ endpoint: 'token', status: 200 })]);
    });

    it('sets faults', async () => {
      const set = await call(
        'PUT',
        `${authority.url}/__authority/faults`,
        JSON.stringify({ status: 500, endpoint: 'token' }),
      );

      expect(set.status).toBe(200);
      expect((await tokenRequest()).status).toBe(500);
      expect((await tokenRequest()).status).toBe(200);
    });
  });

  describe('with the Partner Center emulator in app mode', () => {
    let partnerCenter: TestEmulator;

    beforeAll(async () => {
      partnerCenter = await startTestEmulator({ appAuthority: authority });
    });

    afterAll(async () => {
      await partnerCenter.stop();
    });

    const status = async (token: string): Promise<number> =>
      (await partnerCenter.http.send('GET', PROFILE_PATH, { token })).status;

    it('accepts a token the authority issued', async () => {
      expect(await status((await tokenRequest()).body.access_token as string)).toBe(200);
    });

    it.each<[string, () => Promise<string>]>([
      ['any other well-formed token', () => Promise.resolve('dev-token')],
      [
        'a caller token signed by the same key',
        () => authority.mintCallerToken({ audience: AUDIENCE_OF_CALLERS }),
      ],
      [
        'a caller token with the Partner Center audience (not issued by the token endpoint)',
        () => authority.mintCallerToken({ audience: PARTNER_CENTER_RESOURCE }),
      ],
      [
        'an issued token once revoked',
        async () => {
          const token = (await tokenRequest()).body.access_token as string;
          authority.revokeIssuedTokens();
          return token;
        },
      ],
    ])('answers 401 to %s', async (_case, token) => {
      const answer = await partnerCenter.http.send('GET', PROFILE_PATH, { token: await token() });

      expectErrorBody(answer, 401, '400');
      expect(answer.headers['www-authenticate']).toBe('Bearer');
    });

    it('answers 401 to an expired token', async () => {
      authority.setTokenLifetime(-1);

      expect(await status((await tokenRequest()).body.access_token as string)).toBe(401);
    });
  });
});

const AUDIENCE_OF_CALLERS = 'api://partner-center-bff';
