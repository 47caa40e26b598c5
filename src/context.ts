import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import {
  createBillingProfileLoader,
  type BillingProfileLoader,
} from './billing-profile/billing-profile.loader';
import { UnauthenticatedError } from './errors/gateway-errors';
import type { CountryRulesCache } from './partner-center/country-validation-rules.cache';
import type { CallContext, PartnerCenterClient } from './partner-center/partner-center.client';
import { BEARER_PATTERN, isGuid } from './partner-center/partner-center.contract';

/** Everything a resolver may use; born per GraphQL request. */
export interface GatewayContext {
  correlationId: string;
  client: PartnerCenterClient;
  /** Partner Center's per-country address rules, shared by every request (public metadata). */
  countryRules: CountryRulesCache;
  logger: Logger;
  /** Undefined when the caller sent no bearer token: resolvers that call upstream refuse. */
  call: CallContext | undefined;
  loaders: { billingProfile: BillingProfileLoader | undefined };
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
  ) {}

  get logger(): Logger {
    return (this.requestLogger ??= this.rootLogger.child({ correlationId: this.correlationId }));
  }
}

export function createContext(
  deps: { client: PartnerCenterClient; countryRules: CountryRulesCache; logger: Logger },
  headers: Headers,
  correlationId: string,
): GatewayContext {
  const token = BEARER_PATTERN.exec(first(headers.authorization)?.trim() ?? '')?.[1];
  const call = token === undefined ? undefined : { token, correlationId };
  return new RequestContext(correlationId, deps.client, deps.countryRules, deps.logger, call, {
    billingProfile: call && createBillingProfileLoader(deps.client, call),
  });
}

/** The caller's credentials and loader, or UNAUTHENTICATED before any upstream call. */
export function requireCaller(context: GatewayContext): {
  call: CallContext;
  billingProfiles: BillingProfileLoader;
} {
  const { call } = context;
  const billingProfiles = context.loaders.billingProfile;
  if (!call || !billingProfiles) {
    throw new UnauthenticatedError(
      'Send the Partner Center access token as "Authorization: Bearer <token>".',
    );
  }
  return { call, billingProfiles };
}
