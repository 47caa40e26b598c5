import { Agent as HttpsAgent } from 'node:https';

import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { Agent, request } from 'undici';

import { readLimited } from '../util/read-limited';

/** Largest OpenID configuration document read (real ones are a few kilobytes). */
const MAX_DISCOVERY_BYTES = 256 * 1024;

export interface CallerJwksOptions {
  /** The identity provider's issuer (AUTH_ISSUER). */
  issuer: string;
  /** AUTH_JWKS_URL; when absent, `jwks_uri` from `${issuer}/.well-known/openid-configuration`. */
  jwksUrl?: string;
  /** Each discovery or JWKS request, in milliseconds. Default 5000. */
  timeoutMs: number;
  /** After a failed discovery, requests within this many milliseconds fail without asking again. */
  discoveryRetryAfterMs: number;
  /** CA certificates (PEM) trusted instead of the system store (tests, private identity providers). */
  ca?: string | Buffer;
}

/** The signing keys could not be had (discovery or JWKS fetch failed): not the caller's fault. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

export interface CallerJwks {
  getKey: JWTVerifyGetKey;
  close(): Promise<void>;
}

/**
 * The identity provider's signing keys, by jose's remote JWKS (cached, refetched for an unknown `kid`
 * at most every 30 s). The JWKS URL comes from configuration or from OpenID discovery, fetched once;
 * a failed discovery is not kept and is tried again after `discoveryRetryAfterMs`. Errors other than
 * "no such key" become JwksUnavailableError.
 */
export function createCallerJwks(options: CallerJwksOptions): CallerJwks {
  const httpsAgent = options.ca ? new HttpsAgent({ ca: options.ca, keepAlive: true }) : undefined;
  const dispatcher = options.ca ? new Agent({ connect: { ca: options.ca } }) : undefined;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failedAt: number | undefined;

  const remote = (url: string): JWTVerifyGetKey =>
    createRemoteJWKSet(new URL(url), {
      timeoutDuration: options.timeoutMs,
      ...(httpsAgent ? { agent: httpsAgent } : {}),
    });

  function keySet(): Promise<JWTVerifyGetKey> {
    if (keys) {
      return keys;
    }
    if (failedAt !== undefined && Date.now() - failedAt < options.discoveryRetryAfterMs) {
      return Promise.reject(new JwksUnavailableError('OpenID discovery failed recently'));
    }
    const pending = discoverJwksUri(options.issuer, options.timeoutMs, dispatcher).then(remote);
    keys = pending;
    pending.then(
      () => {
        failedAt = undefined;
      },
      () => {
        failedAt = Date.now();
        if (keys === pending) {
          keys = undefined;
        }
      },
    );
    return pending;
  }

  if (options.jwksUrl !== undefined) {
    keys = Promise.resolve(remote(options.jwksUrl));
  }

  return {
    getKey: async (header, token) => {
      try {
        const getKey = await keySet();
        return await getKey(header, token);
      } catch (error) {
        if (
          error instanceof errors.JWKSNoMatchingKey ||
          error instanceof errors.JWKSMultipleMatchingKeys ||
          error instanceof errors.JOSEAlgNotAllowed ||
          error instanceof errors.JOSENotSupported ||
          error instanceof JwksUnavailableError
        ) {
          throw error;
        }
        throw new JwksUnavailableError('the signing keys could not be fetched', { cause: error });
      }
    },
    close: async () => {
      httpsAgent?.destroy();
      await dispatcher?.close();
    },
  };
}

/** OpenID Connect Discovery 1.0: the configuration lives under the issuer, and names that issuer. */
async function discoverJwksUri(
  issuer: string,
  timeoutMs: number,
  dispatcher: Agent | undefined,
): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const answer = await request(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      ...(dispatcher ? { dispatcher } : {}),
    });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      throw new JwksUnavailableError(`OpenID discovery answered ${answer.statusCode}`);
    }
    document = JSON.parse(await readLimited(answer, MAX_DISCOVERY_BYTES)) as unknown;
  } catch (error) {
    throw error instanceof JwksUnavailableError
      ? error
      : new JwksUnavailableError('OpenID discovery failed', { cause: error });
  }
  const { issuer: named, jwks_uri: jwksUri } = (document ?? {}) as Record<string, unknown>;
  if (named !== issuer) {
    throw new JwksUnavailableError('the OpenID configuration names another issuer');
  }
  // Keys fetched in clear text could be swapped on the way: https, unless the issuer itself is http.
  if (
    typeof jwksUri !== 'string' ||
    !URL.canParse(jwksUri) ||
    !['https:', new URL(issuer).protocol].includes(new URL(jwksUri).protocol)
  ) {
    throw new JwksUnavailableError('the OpenID configuration has no usable jwks_uri');
  }
  return jwksUri;
}
