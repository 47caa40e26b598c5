import { X509Certificate, createHash, randomUUID, timingSafeEqual } from 'node:crypto';

import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

import { json, type Answer } from './emulator-http';
import type { AuthorityTokens } from './entra-authority-tokens';

/** An app registration: a client id with a secret, one or more certificates (public PEM), or both. */
export interface EntraClient {
  clientId: string;
  clientSecret?: string;
  /** Certificates registered for the app, PEM (public part only). */
  certificates?: string[];
}

interface RegisteredCertificate {
  certificate: X509Certificate;
  x5tS256: string;
  x5t: string;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret?: string;
  certificates: RegisteredCertificate[];
}

export function registerClient(client: EntraClient): RegisteredClient {
  return {
    clientId: client.clientId,
    ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret }),
    certificates: (client.certificates ?? []).map((pem) => {
      const certificate = new X509Certificate(pem);
      return {
        certificate,
        x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
        x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
      };
    }),
  };
}

/** What the log keeps of a token request: never a secret or an assertion. */
export interface TokenAttempt {
  grantType?: string;
  clientId?: string;
  credential?: 'secret' | 'certificate';
  scope?: string;
}

export interface TokenEndpointState {
  tenantId: string;
  /** Audiences a client assertion may name: this token endpoint's URLs. */
  assertionAudiences: string[];
  clients: ReadonlyMap<string, RegisteredClient>;
  resources: ReadonlySet<string>;
  lifetimeSeconds: number;
  tokens: AuthorityTokens;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Entra's error body: OAuth `error`, an AADSTS-numbered description, `error_codes`, trace and correlation ids. */
export function oauthError(
  status: number,
  error: string,
  aadsts: number,
  description: string,
  correlationId: string = randomUUID(),
): Answer {
  const traceId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return json(status, {
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}

/** POST /{tenant}/oauth2/v2.0/token: the client-credentials grant, with a client secret or a certificate. */
export async function answerTokenRequest(
  body: string,
  state: TokenEndpointState,
  correlationId: string,
): Promise<{ answer: Answer; attempt: TokenAttempt }> {
  const form = new URLSearchParams(body);
  const attempt: TokenAttempt = {};
  const grantType = form.get('grant_type') ?? undefined;
  const clientId = form.get('client_id') ?? undefined;
  const scope = form.get('scope') ?? undefined;
  Object.assign(attempt, { grantType, clientId, scope });
  const refuse = (status: number, error: string, aadsts: number, description: string) => ({
    answer: oauthError(status, error, aadsts, description, correlationId),
    attempt,
  });

  if (grantType !== 'client_credentials') {
    return refuse(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType ?? ''}'.`,
    );
  }
  const client = clientId === undefined ? undefined : state.clients.get(clientId);
  if (!client) {
    return refuse(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId ?? ''}' was not found in the directory '${state.tenantId}'.`,
    );
  }
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null && assertion !== null) {
    return refuse(400, 'invalid_request', 90014, 'Only one client credential may be sent.');
  }
  if (secret !== null) {
    attempt.credential = 'secret';
    if (client.clientSecret === undefined || !sameText(secret, client.clientSecret)) {
      return refuse(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
      );
    }
  } else if (assertion !== null) {
    attempt.credential = 'certificate';
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      return refuse(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
    }
    const problem = await checkAssertion(assertion, client, state.assertionAudiences);
    if (problem) {
      return refuse(401, 'invalid_client', problem.aadsts, problem.description);
    }
  } else {
    return refuse(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }

  const resource =
    scope?.endsWith('/.default') && !scope.includes(' ')
      ? scope.slice(0, -'/.default'.length)
      : undefined;
  if (resource === undefined) {
    return refuse(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  if (!state.resources.has(resource)) {
    return refuse(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${state.tenantId}.`,
    );
  }

  const token = await state.tokens.issueAppToken({
    clientId: client.clientId,
    resource,
    credential: attempt.credential,
    lifetimeSeconds: state.lifetimeSeconds,
  });
  return {
    answer: json(200, {
      token_type: 'Bearer',
      expires_in: state.lifetimeSeconds,
      ext_expires_in: state.lifetimeSeconds,
      access_token: token,
    }),
    attempt,
  };
}

/** The checks Entra makes of a certificate credential's client assertion (RFC 7523). */
async function checkAssertion(
  assertion: string,
  client: RegisteredClient,
  audiences: string[],
): Promise<{ aadsts: number; description: string } | undefined> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { aadsts: 50012, description: 'The client assertion is not a valid JWT.' };
  }
  const registered = client.certificates.find((c) =>
    header['x5t#S256'] !== undefined ? c.x5tS256 === header['x5t#S256'] : c.x5t === header.x5t,
  );
  if (!registered) {
    return {
      aadsts: 700027,
      description:
        'Client assertion contains an invalid signature. [Reason - The key was not found.]',
    };
  }
  try {
    await jwtVerify(assertion, registered.certificate.publicKey, {
      algorithms: ['RS256', 'PS256'],
      issuer: client.clientId,
      subject: client.clientId,
      audience: audiences,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: 300,
    });
    return undefined;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      return {
        aadsts: 700024,
        description: 'Client assertion is not within its valid time range.',
      };
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      return { aadsts: 700021, description: `Client assertion failed the ${error.claim} check.` };
    }
    return { aadsts: 700027, description: 'Client assertion failed signature validation.' };
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
