import { errors, jwtVerify, type JWTPayload } from 'jose';

import { BEARER_PATTERN } from '../partner-center/partner-center.contract';
import { JwksUnavailableError, createCallerJwks } from './caller-jwks';

/** Asymmetric algorithms only: a symmetric one would let anyone holding the key mint tokens, `none` anyone at all. */
export const CALLER_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

export interface CallerAuthOptions {
  /** AUTH_ISSUER: the `iss` every token must carry. */
  issuer: string;
  /** AUTH_AUDIENCE: the `aud` a token must carry (one of them, when several). */
  audience: string | string[];
  /** AUTH_JWKS_URL. Default: the `jwks_uri` of the issuer's OpenID configuration. */
  jwksUrl?: string;
  /** Allowed difference between our clock and the issuer's for `exp` and `nbf`, in seconds. Default 60. */
  clockToleranceSeconds?: number;
  /** Each discovery or JWKS request, in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** How long a failed OpenID discovery is not tried again, in milliseconds. Default 5000. */
  discoveryRetryAfterMs?: number;
  /** CA certificates (PEM) trusted for discovery and JWKS instead of the system store (tests). */
  ca?: string | Buffer;
}

/** An authenticated caller. */
export interface Caller {
  /** The token's `sub`. */
  subject: string;
  /** The union of the `roles` claim and the space-separated `scp` claim. */
  roles: ReadonlySet<string>;
}

export type CallerAuthFailure =
  | 'MISSING'
  | 'MALFORMED'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WRONG_ISSUER'
  | 'WRONG_AUDIENCE'
  | 'JWKS_UNAVAILABLE';

/** An accepted caller is itself the result, so `hasRole(result, role)` works once `ok` is checked. */
export type CallerAuthResult = ({ ok: true } & Caller) | { ok: false; reason: CallerAuthFailure };

export interface CallerAuth {
  /** Checks an Authorization header value (`Bearer <JWT>`; undefined when the header is absent). */
  authenticate(authorization: string | undefined): Promise<CallerAuthResult>;
  close(): Promise<void>;
}

/** Verifies callers' JWTs from the company identity provider: signature, issuer, audience, expiry. */
export function createCallerAuth(options: CallerAuthOptions): CallerAuth {
  const jwks = createCallerJwks({
    issuer: options.issuer,
    timeoutMs: options.timeoutMs ?? 5_000,
    discoveryRetryAfterMs: options.discoveryRetryAfterMs ?? 5_000,
    ...(options.jwksUrl === undefined ? {} : { jwksUrl: options.jwksUrl }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...CALLER_TOKEN_ALGORITHMS],
    clockTolerance: options.clockToleranceSeconds ?? 60,
    requiredClaims: ['exp', 'sub'],
  };

  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization.trim() === '') {
        return { ok: false, reason: 'MISSING' };
      }
      const token = BEARER_PATTERN.exec(authorization)?.[1];
      if (token === undefined) {
        return { ok: false, reason: 'MALFORMED' };
      }
      try {
        const { payload } = await jwtVerify(token, jwks.getKey, verifyOptions);
        return { ok: true, ...toCaller(payload) };
      } catch (error) {
        return { ok: false, reason: toCallerAuthFailure(error) };
      }
    },
    close: () => jwks.close(),
  };
}

/** Whether the caller holds `role` (as an app role or a delegated scope). */
export function hasRole(caller: Caller, role: string): boolean {
  return caller.roles.has(role);
}

function toCaller(payload: JWTPayload): Caller {
  const roles = new Set<string>();
  const { roles: appRoles, scp } = payload;
  for (const role of Array.isArray(appRoles) ? appRoles : [appRoles]) {
    if (typeof role === 'string' && role !== '') {
      roles.add(role);
    }
  }
  if (typeof scp === 'string') {
    for (const scope of scp.split(' ')) {
      if (scope !== '') {
        roles.add(scope);
      }
    }
  }
  return { subject: payload.sub ?? '', roles };
}

/** jose's error classes, in the order jose checks: structure, algorithm, key, signature, then claims. */
export function toCallerAuthFailure(error: unknown): CallerAuthFailure {
  if (error instanceof JwksUnavailableError) {
    return 'JWKS_UNAVAILABLE';
  }
  if (error instanceof errors.JWTExpired) {
    return 'EXPIRED';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'WRONG_ISSUER';
      case 'aud':
        return 'WRONG_AUDIENCE';
      case 'nbf':
        return 'NOT_YET_VALID';
      default:
        return 'MALFORMED';
    }
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return 'BAD_SIGNATURE';
  }
  return 'MALFORMED';
}
