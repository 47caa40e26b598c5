import {
  ConfidentialClientApplication,
  LogLevel,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';

import { AppTokenError, toAppTokenError } from './app-token-error';
import { readClientCertificate } from './client-certificate';
import { createMsalNetworkClient, type MsalNetworkClient } from './msal-network-client';

/** Client credentials for the Partner Center resource (contract, "Authentication"). */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default';

/** A client secret, or a PEM file with an RSA private key and its certificate. */
export type AppCredential = { clientSecret: string } | { certificatePath: string };

export interface AppTokenProviderOptions {
  /** The partner's Entra tenant (GUID or verified domain); not common/organizations/consumers. */
  tenantId: string;
  /** The app registration's application (client) id. */
  clientId: string;
  credential: AppCredential;
  /** https origin of the token authority, e.g. AUTHORITY_HOSTS.global (config.ts). The authority is `${host}/${tenantId}`. */
  authorityHost: string;
  /** Default PARTNER_CENTER_SCOPE. */
  scope?: string;
  /** Each request to the authority, whole, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** CA certificates (PEM) trusted for the authority instead of the system store: tests, private authorities. */
  ca?: string | Buffer;
  /** Replaces the undici network client (then `timeoutMs` and `ca` do not apply). */
  networkClient?: INetworkModule;
}

export interface AppTokenProvider {
  /** A token for Partner Center: the cached one until 5 minutes before it expires (as msal renews), then a new one; concurrent callers share one request. */
  getToken(): Promise<string>;
  /**
   * A new token after Partner Center refused `rejected` (a 401). Calls refreshing the same token share
   * one request; once it has been replaced, the current token is returned without a request.
   */
  refresh(rejected: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * App-only tokens for Partner Center: the client-credentials grant with msal-node, against
 * `${authorityHost}/${tenantId}` and nothing else. Failures reject with an AppTokenError; no token or
 * secret ever appears in an error, and msal's own logging is off.
 */
export function createAppTokenProvider(options: AppTokenProviderOptions): AppTokenProvider {
  const authority = toAuthority(options.authorityHost, options.tenantId);
  if (options.clientId.trim() === '') {
    throw new Error('the app token provider needs a client id');
  }
  const credential = toMsalCredential(options.credential);
  let ownNetwork: MsalNetworkClient | undefined;
  const networkClient =
    options.networkClient ??
    (ownNetwork = createMsalNetworkClient({
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    }));
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority,
      ...credential,
      // msal asks login.microsoftonline.com which hosts are Entra's (instance discovery) for any host it
      // does not know, then fetches the tenant's OpenID configuration. A known authority skips the
      // first; endpoint metadata given here skips the second. Entra lays out every cloud's endpoints
      // this way (msal's own table for its known hosts does the same), so msal only ever talks to
      // the token endpoint of the configured host.
      knownAuthorities: [new URL(authority).host],
      authorityMetadata: JSON.stringify(entraEndpoints(authority)),
    },
    system: {
      networkClient,
      loggerOptions: {
        loggerCallback: () => undefined,
        piiLoggingEnabled: false,
        logLevel: LogLevel.Error,
      },
    },
  } satisfies Configuration);
  const scope = options.scope ?? PARTNER_CENTER_SCOPE;

  let started = 0;
  let newest = 0;
  let current: string | undefined;
  let currentUntil = 0;
  let pending: Promise<string> | undefined;
  let refreshing: { rejected: string; promise: Promise<string> } | undefined;

  async function acquire(forceRefresh: boolean): Promise<string> {
    const order = ++started;
    let token: string | undefined;
    let usableUntil = 0;
    try {
      const result = await app.acquireTokenByClientCredential({
        scopes: [scope],
        skipCache: forceRefresh,
        // MSAL_FORCE_REGION in the environment would send requests to a regional host instead.
        azureRegion: 'DisableMsalForceRegion',
      });
      token = result?.accessToken;
      usableUntil = reuseUntil(result?.expiresOn, result?.refreshOn);
    } catch (error) {
      throw toAppTokenError(error);
    }
    if (!token) {
      throw new AppTokenError({ kind: 'authority-unavailable', reason: 'no-token' });
    }
    // A cache read that finishes after a refresh must not make the replaced token current again.
    if (order > newest) {
      newest = order;
      current = token;
      currentUntil = usableUntil;
    }
    return token;
  }

  function getToken(): Promise<string> {
    if (refreshing) {
      return refreshing.promise;
    }
    // msal's cache answers the same, but a lookup there costs some 0.1 ms of CPU (request objects,
    // authority, cache filters) on every Partner Center call; this answers in microseconds.
    if (current !== undefined && Date.now() < currentUntil) {
      return Promise.resolve(current);
    }
    if (!pending) {
      const promise = acquire(false);
      pending = promise;
      const settled = (): void => {
        if (pending === promise) {
          pending = undefined;
        }
      };
      promise.then(settled, settled);
    }
    return pending;
  }

  function refresh(rejected: string): Promise<string> {
    if (refreshing?.rejected === rejected) {
      return refreshing.promise;
    }
    if (current !== undefined && current !== rejected) {
      return getToken();
    }
    const promise = acquire(true);
    const entry = { rejected, promise };
    refreshing = entry;
    const settled = (): void => {
      if (refreshing === entry) {
        refreshing = undefined;
      }
    };
    promise.then(settled, settled);
    return promise;
  }

  return {
    getToken,
    refresh,
    close: async () => {
      await ownNetwork?.close();
    },
  };
}

/** When msal would stop serving a token from its cache (5 minutes before expiry, or at refresh_in). */
function reuseUntil(expiresOn: Date | null | undefined, refreshOn: Date | undefined): number {
  const renewalOffsetMs = 300_000;
  const expiry = expiresOn ? expiresOn.getTime() - renewalOffsetMs : 0;
  return refreshOn ? Math.min(expiry, refreshOn.getTime()) : expiry;
}

function toAuthority(authorityHost: string, tenantId: string): string {
  let url: URL;
  try {
    url = new URL(authorityHost);
  } catch {
    throw new Error('the token authority host must be an absolute https URL');
  }
  if (
    url.protocol !== 'https:' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash
  ) {
    throw new Error('the token authority host must be an https origin without a path');
  }
  // msal refuses the multi-tenant aliases for client credentials: the token must be the partner's.
  if (
    !/^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/.test(tenantId) ||
    /^(common|organizations|consumers)$/i.test(tenantId)
  ) {
    throw new Error('the tenant id must be the partner tenant (a GUID or a verified domain)');
  }
  return `${url.origin}/${tenantId}`;
}

function entraEndpoints(authority: string): Record<string, string> {
  return {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    issuer: `${authority}/v2.0`,
  };
}

function toMsalCredential(
  credential: AppCredential,
): Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'> {
  if ('clientSecret' in credential) {
    if (credential.clientSecret === '') {
      throw new Error('the client secret is empty');
    }
    return { clientSecret: credential.clientSecret };
  }
  const certificate = readClientCertificate(credential.certificatePath);
  return {
    clientCertificate: {
      privateKey: certificate.privateKey,
      thumbprintSha256: certificate.thumbprintSha256,
      x5c: certificate.x5c,
    },
  };
}
