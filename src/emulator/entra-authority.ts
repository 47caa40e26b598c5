import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';

import { Gate } from './emulator-gate';
import { listen, urlHost } from '../util/listen';
import { header, json, readBody, send, type Answer } from './emulator-http';
import { handleAuthorityAdmin } from './entra-authority-admin';
import {
  AuthorityTokens,
  PARTNER_CENTER_RESOURCE,
  type CallerTokenOptions,
} from './entra-authority-tokens';
import {
  answerTokenRequest,
  oauthError,
  registerClient,
  type EntraClient,
  type RegisteredClient,
  type TokenAttempt,
} from './entra-token-endpoint';

/** The tenant the authority serves unless told otherwise. */
export const EMULATOR_TENANT_ID = '8f3c0b2a-6d41-4e7a-9b35-2c1d0e4f5a6b';

export interface EntraAuthorityOptions {
  /** Key and certificate (PEM) the HTTPS server presents; msal-node accepts only https authorities. */
  tls: { key: string | Buffer; cert: string | Buffer };
  /** Default EMULATOR_TENANT_ID. */
  tenantId?: string;
  /** App registrations that may use the client-credentials grant. Default none. */
  clients?: EntraClient[];
  /** Resources tokens can be asked for (scope `<resource>/.default`). Default [PARTNER_CENTER_RESOURCE]. */
  resources?: string[];
  /** `expires_in` of issued access tokens, in seconds. Default 3599, as Entra. */
  tokenLifetimeSeconds?: number;
  /** Default 127.0.0.1; the certificate must name it. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Mounts the admin API under /__authority/. Default false. */
  admin?: boolean;
}

export type AuthorityEndpoint = 'openid-configuration' | 'token' | 'keys';

/** A fault answered by matching requests instead of the real answer, `times` times (default 1). */
export interface AuthorityFault {
  /** Default every endpoint. */
  endpoint?: AuthorityEndpoint;
  status: number;
  times?: number;
  /** Answer an HTML page (as a proxy would) instead of Entra's JSON error. */
  html?: boolean;
}

export interface AuthorityRequest {
  method: string;
  path: string;
  endpoint?: AuthorityEndpoint;
  /** Absent while the request is held or being handled. */
  status?: number;
  /** For token requests: grant, client and credential kind (never the secret or assertion). */
  token?: TokenAttempt;
}

export interface EntraAuthority {
  /** https origin, e.g. https://127.0.0.1:49152 (the authority host). */
  url: string;
  tenantId: string;
  /** `${url}/${tenantId}`: the msal authority. */
  authority: string;
  /** `${authority}/v2.0`, the `iss` of every token it signs. */
  issuer: string;
  openIdConfigurationUrl: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Every request, oldest first. */
  readonly requests: readonly AuthorityRequest[];
  /** Requests that reached the token endpoint (answered or not). */
  tokenRequestCount(): number;
  /** Access tokens issued. */
  issuedTokenCount(): number;
  setTokenLifetime(seconds: number): void;
  /** Refuses every token issued so far, while msal may still hold it in its cache. Returns how many. */
  revokeIssuedTokens(): number;
  /** Whether Partner Center should accept this token: issued here, for its resource, unexpired, not revoked. */
  accepts(token: string): Promise<boolean>;
  /** A caller token signed with the authority's key (the company identity provider's role in tests). */
  mintCallerToken(options: CallerTokenOptions): Promise<string>;
  /** The key id (`kid`) of the signing key, for tests that forge tokens with another key. */
  signingKeyId: string;
  fail(fault: AuthorityFault): void;
  clearFaults(): void;
  /** Holds requests to `endpoint` (default all) until the gate is released; one gate at a time. */
  hold(endpoint?: AuthorityEndpoint): Gate;
  /** Clears faults, the log and issued tokens; releases a held gate; restores the token lifetime. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEntraAuthority(options: EntraAuthorityOptions): Promise<EntraAuthority> {
  const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
  const clients = new Map<string, RegisteredClient>(
    (options.clients ?? []).map((client) => [client.clientId, registerClient(client)]),
  );
  const resources = new Set(options.resources ?? [PARTNER_CENTER_RESOURCE]);
  const defaultLifetime = options.tokenLifetimeSeconds ?? 3599;
  let lifetimeSeconds = defaultLifetime;
  const requests: AuthorityRequest[] = [];
  const faults: (AuthorityFault & { left: number })[] = [];
  let held: { endpoint: AuthorityEndpoint | undefined; gate: Gate } | undefined;

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        send(res, oauthError(500, 'server_error', 90033, 'Unexpected authority error.'), {});
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `https://${urlHost(address)}:${address.port}`;
  const authority = `${url}/${tenantId}`;
  const issuer = `${authority}/v2.0`;
  const tokens = await AuthorityTokens.create(issuer, tenantId);
  const endpoints = {
    openIdConfigurationUrl: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: `${authority}/oauth2/v2.0/token`,
    jwksUri: `${authority}/discovery/v2.0/keys`,
  };

  function reset(): void {
    void held?.gate.release();
    held = undefined;
    faults.length = 0;
    requests.length = 0;
    tokens.clear();
    lifetimeSeconds = defaultLifetime;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'https://authority.invalid').pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req, 65_536);
    const common = { 'client-request-id': header(req, 'client-request-id') ?? randomUUID() };
    if (options.admin && path.startsWith('/__authority/')) {
      send(res, await handleAuthorityAdmin(method, path, body, api), common);
      return;
    }
    const [, tenant, ...rest] = path.split('/');
    const endpoint = toEndpoint(method, rest.join('/'));
    const entry: AuthorityRequest = { method, path, ...(endpoint ? { endpoint } : {}) };
    requests.push(entry);
    const respond = async (): Promise<void> => {
      const fault = endpoint ? takeFault(endpoint) : undefined;
      if (fault?.html) {
        entry.status = fault.status;
        res.writeHead(fault.status, { ...common, 'content-type': 'text/html' });
        res.end('<html><body>Service Unavailable</body></html>');
        return;
      }
      const answer = fault
        ? oauthError(
            fault.status,
            fault.status === 429 ? 'temporarily_unavailable' : 'server_error',
            90033,
            'A transient error has occurred. Please try again.',
          )
        : await route(endpoint, tenant ?? '', body, common['client-request-id'], entry);
      entry.status = answer.status;
      send(res, answer, common);
    };
    const gate =
      held && (held.endpoint === undefined || held.endpoint === endpoint) ? held.gate : undefined;
    await (gate?.matches(method) ? gate.hold(respond) : respond());
  }

  async function route(
    endpoint: AuthorityEndpoint | undefined,
    tenant: string,
    body: string,
    correlationId: string,
    entry: AuthorityRequest,
  ): Promise<Answer> {
    if (endpoint === undefined) {
      return json(404, { error: 'not_found', error_description: 'No such authority endpoint.' });
    }
    if (tenant.toLowerCase() !== tenantId.toLowerCase()) {
      return oauthError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found.`,
        correlationId,
      );
    }
    switch (endpoint) {
      case 'openid-configuration':
        return json(200, openIdConfiguration());
      case 'keys':
        return json(200, tokens.jwks());
      case 'token': {
        const result = await answerTokenRequest(
          body,
          {
            tenantId,
            assertionAudiences: [endpoints.tokenEndpoint, `${url}/${tenant}/oauth2/v2.0/token`],
            clients,
            resources,
            lifetimeSeconds,
            tokens,
          },
          correlationId,
        );
        entry.token = result.attempt;
        return result.answer;
      }
    }
  }

  function openIdConfiguration(): Record<string, unknown> {
    return {
      issuer,
      token_endpoint: endpoints.tokenEndpoint,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      jwks_uri: endpoints.jwksUri,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'NA',
    };
  }

  function takeFault(endpoint: AuthorityEndpoint): AuthorityFault | undefined {
    const index = faults.findIndex((f) => f.endpoint === undefined || f.endpoint === endpoint);
    const fault = faults[index];
    if (fault) {
      fault.left -= 1;
      if (fault.left <= 0) {
        faults.splice(index, 1);
      }
    }
    return fault;
  }

  const api: EntraAuthority = {
    url,
    tenantId,
    authority,
    issuer,
    ...endpoints,
    requests,
    tokenRequestCount: () => requests.filter((r) => r.endpoint === 'token').length,
    issuedTokenCount: () => tokens.issuedCount,
    setTokenLifetime: (seconds) => {
      lifetimeSeconds = seconds;
    },
    revokeIssuedTokens: () => tokens.revokeAll(),
    accepts: (token) => tokens.accepts(token),
    mintCallerToken: (callerOptions) => tokens.mintCallerToken(callerOptions),
    signingKeyId: tokens.keyId,
    fail: (fault) => {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    hold: (endpoint) => {
      void held?.gate.release();
      held = { endpoint, gate: new Gate() };
      return held.gate;
    },
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        void held?.gate.release();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return api;
}

function toEndpoint(method: string, rest: string): AuthorityEndpoint | undefined {
  switch (`${method} ${rest.replace(/\/$/, '')}`) {
    case 'GET v2.0/.well-known/openid-configuration':
      return 'openid-configuration';
    case 'POST oauth2/v2.0/token':
      return 'token';
    case 'GET discovery/v2.0/keys':
      return 'keys';
    default:
      return undefined;
  }
}
