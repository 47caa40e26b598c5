import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import {
  createBillingProfileLoader,
  type BillingProfileLoader,
} from './billing-profile/billing-profile.loader';
import { ForbiddenError, UnauthenticatedError } from './errors/gateway-errors';
import type { GatewayMetrics } from './observability/metrics';
import {
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  validTraceparent,
  validTracestate,
} from './observability/trace-context';
import type { CountryRulesCache } from './partner-center/country-validation-rules.cache';
import type {
  AppCredentials,
  CallContext,
  PartnerCenterClient,
} from './partner-center/partner-center.client';
import { BEARER_PATTERN, isGuid } from './partner-center/partner-center.contract';

/** Everything a resolver may use; born per GraphQL request. */
export interface GatewayContext {
  correlationId: string;
  client: PartnerCenterClient;
  /** Partner Center's per-country address rules, shared by every request (public metadata). */
  countryRules: CountryRulesCache;
  logger: Logger;
  /** Undefined when the caller is not authenticated: resolvers that call upstream refuse. */
  call: CallContext | undefined;
  loaders: { billingProfile: BillingProfileLoader | undefined };
  /** Why the caller is not authenticated (app mode), for UNAUTHENTICATED; undefined otherwise. */
  refusal: string | undefined;
  /** Whether the caller may update: always in user mode (Partner Center judges); app mode: the role. */
  mayUpdate: boolean;
  /** The gateway's metrics (billing_profile_etag_conflicts_total); undefined when METRICS_ENABLED=false. */
  metrics: GatewayMetrics | undefined;
}

/** App mode: a caller's `Authorization` header checked as a JWT of the company's identity provider. */
export type CallerCheck =
  | { ok: true; subject: string; roles: ReadonlySet<string> }
  | { ok: false; reason: string };

export interface CallerAuthenticator {
  authenticate(authorization: string | undefined): Promise<CallerCheck>;
}

/** App mode: the gateway's own Partner Center identity, and who may call it. */
export interface AppMode {
  credentials: AppCredentials;
  callers: CallerAuthenticator;
  /** When set, updateBillingProfile needs this value in the caller's roles or scopes. */
  updateRole: string | undefined;
}

export interface ContextDeps {
  client: PartnerCenterClient;
  countryRules: CountryRulesCache;
  logger: Logger;
  /** Undefined in user mode: the caller's token is passed through to Partner Center. */
  app?: AppMode | undefined;
  metrics?: GatewayMetrics | undefined;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

// The caller's correlation id is forwarded as MS-CorrelationId, which the contract defines as a GUID:
// anything else (and anything unsafe in a header) is replaced by a generated GUID.

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function correlationIdFrom(headers: Headers): string {
  for (const name of ['ms-correlationid', 'x-correlation-id']) {
    const value = first(headers[name])?.trim();
    if (value && isGuid(value)) {
      return value.toLowerCase();
    }
  }
  return randomUUID();
}

/**
 * The request's context. The logger is a getter on the prototype, made (once) only when something
 * logs: a copy of the context (Apollo's executeOperation makes one with Object.assign) does not make
 * it either.
 */
class RequestContext implements GatewayContext {
  private requestLogger: Logger | undefined = undefined;

  constructor(
    readonly correlationId: string,
    readonly client: PartnerCenterClient,
    readonly countryRules: CountryRulesCache,
    private readonly rootLogger: Logger,
    readonly call: CallContext | undefined,
    readonly loaders: { billingProfile: BillingProfileLoader | undefined },
    readonly refusal: string | undefined,
    readonly mayUpdate: boolean,
    readonly metrics: GatewayMetrics | undefined,
  ) {}

  get logger(): Logger {
    return (this.requestLogger ??= this.rootLogger.child({ correlationId: this.correlationId }));
  }
}

/**
 * The request's context. User mode: synchronous, the caller's bearer token is its Partner Center
 * credential. App mode: the caller's JWT is checked first; the gateway's own identity is the credential.
 */
export function createContext(
  deps: ContextDeps,
  headers: Headers,
  correlationId: string,
): GatewayContext | Promise<GatewayContext> {
  const authorization = first(headers.authorization);
  const { app } = deps;
  // Passed on to Partner Center when the gateway records no spans of its own (trace-context.ts).
  const traceparent = validTraceparent(headers[TRACEPARENT_HEADER]);
  const tracestate =
    traceparent === undefined ? undefined : validTracestate(headers[TRACESTATE_HEADER]);
  if (app === undefined) {
    const token = BEARER_PATTERN.exec(authorization?.trim() ?? '')?.[1];
    const call: CallContext | undefined =
      token === undefined
        ? undefined
        : {
            caller: token,
            credentials: token,
            correlationId,
            traceparent,
            tracestate,
            traceContext: undefined,
          };
    return build(deps, correlationId, call, undefined, true);
  }
  return app.callers.authenticate(authorization).then((check) => {
    if (!check.ok) {
      return build(deps, correlationId, undefined, check.reason, false);
    }
    // The caller's own token never goes upstream: Partner Center sees the gateway's application.
    const call: CallContext = {
      caller: `jwt:${check.subject}`,
      credentials: app.credentials,
      correlationId,
      traceparent,
      tracestate,
      traceContext: undefined,
    };
    const mayUpdate = app.updateRole === undefined || check.roles.has(app.updateRole);
    return build(deps, correlationId, call, undefined, mayUpdate);
  });
}

function build(
  deps: ContextDeps,
  correlationId: string,
  call: CallContext | undefined,
  refusal: string | undefined,
  mayUpdate: boolean,
): GatewayContext {
  return new RequestContext(
    correlationId,
    deps.client,
    deps.countryRules,
    deps.logger,
    call,
    { billingProfile: call && createBillingProfileLoader(deps.client, call) },
    refusal,
    mayUpdate,
    deps.metrics,
  );
}

/** The caller's credentials and loader, or UNAUTHENTICATED before any upstream call. */
export function requireCaller(context: GatewayContext): {
  call: CallContext;
  billingProfiles: BillingProfileLoader;
} {
  const { call } = context;
  const billingProfiles = context.loaders.billingProfile;
  if (!call || !billingProfiles) {
    throw unauthenticated(context);
  }
  return { call, billingProfiles };
}

/** UNAUTHENTICATED, saying what to send (and in app mode, what was wrong with the token sent). */
export function unauthenticated(context: GatewayContext): UnauthenticatedError {
  return new UnauthenticatedError(
    context.refusal === undefined
      ? 'Send the Partner Center access token as "Authorization: Bearer <token>".'
      : `The caller is not authenticated: ${context.refusal}. Send a token of the company's identity provider as "Authorization: Bearer <JWT>".`,
  );
}

/** FORBIDDEN, before anything is sent upstream, when the caller lacks the role updates need. */
export function requireUpdater(context: GatewayContext): void {
  if (!context.mayUpdate) {
    throw new ForbiddenError(
      "The caller's token does not grant updates (the role or scope AUTH_UPDATE_ROLE names).",
    );
  }
}
