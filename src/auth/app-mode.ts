import type { AppAuthConfig } from '../config';
import type { AppMode } from '../context';
import { CredentialsError } from '../partner-center/partner-center-error';
import { AppTokenError } from './app-token-error';
import { createCallerAuth } from './caller-auth';
import { createAppTokenProvider } from './partner-center-app-token';

/** Messages for a refused caller token: what was wrong, never the token or the key. */
const REFUSALS = {
  MISSING: 'no bearer token was sent',
  MALFORMED: 'the Authorization header is not "Bearer <JWT>"',
  BAD_SIGNATURE: 'the token is not signed by the identity provider',
  EXPIRED: 'the token has expired',
  NOT_YET_VALID: 'the token is not valid yet',
  WRONG_ISSUER: 'the token was issued by another issuer',
  WRONG_AUDIENCE: 'the token is meant for another audience',
  JWKS_UNAVAILABLE: "the identity provider's signing keys could not be fetched",
} as const;

export interface AppModeOptions {
  /** CA certificates (PEM) trusted for the authority and the issuer instead of the system store (tests). */
  ca?: string | Buffer;
}

/**
 * App mode from its configuration: the gateway's own token for Partner Center (msal-node, client
 * credentials) and the check of callers' JWTs (jose). Reads the certificate file, if any, at once:
 * a missing or unreadable file stops the start-up rather than the first operation.
 */
export function createAppMode(
  config: AppAuthConfig,
  options: AppModeOptions = {},
): AppMode & { close(): Promise<void> } {
  const ca = options.ca === undefined ? {} : { ca: options.ca };
  const tokens = createAppTokenProvider({
    tenantId: config.tenantId,
    clientId: config.clientId,
    credential:
      config.credential.kind === 'secret'
        ? { clientSecret: config.credential.secret }
        : { certificatePath: config.credential.path },
    authorityHost: config.authorityHost,
    ...ca,
  });
  const callers = createCallerAuth({
    issuer: config.callers.issuer,
    audience: config.callers.audience,
    clockToleranceSeconds: config.callers.clockToleranceSeconds,
    ...(config.callers.jwksUrl === undefined ? {} : { jwksUrl: config.callers.jwksUrl }),
    ...ca,
  });
  // The Partner Center layer knows only CredentialsError: refused (a configuration problem) or not.
  const credentialsError = (error: unknown): CredentialsError =>
    error instanceof AppTokenError
      ? new CredentialsError(!error.retryable, error.message, {
          cause: error,
        })
      : new CredentialsError(false, 'no application token could be had', { cause: error });
  return {
    credentials: {
      token: () =>
        tokens.getToken().catch((error: unknown) => Promise.reject(credentialsError(error))),
      refresh: (rejected) =>
        tokens.refresh(rejected).catch((error: unknown) => Promise.reject(credentialsError(error))),
    },
    callers: {
      async authenticate(authorization) {
        const result = await callers.authenticate(authorization);
        return result.ok
          ? { ok: true, subject: result.subject, roles: result.roles }
          : { ok: false, reason: REFUSALS[result.reason] };
      },
    },
    updateRole: config.callers.updateRole,
    async close() {
      await Promise.all([tokens.close(), callers.close()]);
    },
  };
}
