import { isIP } from 'node:net';

import type { TracingConfig } from './observability/tracing';
import {
  PARTNER_CENTER_CLOUDS,
  isGuid,
  type PartnerCenterCloud,
} from './partner-center/partner-center.contract';
import { PRODUCT_NAME } from './version';

export interface Config {
  /** Gateway port. Default 4000. */
  port: number;
  /** Gateway interface. Default 0.0.0.0 outside production, too (containers); see README. */
  host: string;
  /** Partner Center base URL, or undefined to start the embedded emulator. */
  partnerCenterBaseUrl: string | undefined;
  /** Which documented cloud the base URL came from, when PARTNER_CENTER_CLOUD set it. */
  partnerCenterCloud: PartnerCenterCloud | undefined;
  /** Per-attempt upstream timeout in milliseconds. Default 10000. */
  upstreamTimeoutMs: number;
  /** The whole upstream call (every attempt and back-off), in milliseconds; undefined: derived from timeout and retries. */
  upstreamDeadlineMs: number | undefined;
  /** Retries of a read (and of a PUT after a timeout or dropped connection, with the same MS-RequestId). Default 2. */
  upstreamRetries: number;
  /** Browser origins admitted by CORS. Default: Apollo Studio (hosted Sandbox). */
  corsOrigins: string[];
  /** NODE_ENV === 'production': no introspection, production landing page. */
  production: boolean;
  /** pino level. Default info. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted GraphQL request body, in bytes. Default 65536. */
  maxBodyBytes: number;
  /** How long Partner Center's per-country address rules are reused, in milliseconds. Default 24 h. */
  countryRulesTtlMs: number;
  /** The customer the Sandbox's example read opens with; undefined: the embedded emulator's first. */
  sandboxCustomerId: string | undefined;
  /** Most tokens one GraphQL document may have (comments excluded); more is refused while parsing. Default 2000. */
  maxQueryTokens: number;
  /** GraphQL requests the gateway handles at once; beyond that, 503 RATE_LIMITED. Default 256. */
  maxConcurrentRequests: number;
  /** How long in-flight operations may run after SIGTERM/SIGINT, in milliseconds. Default 10000. */
  shutdownGraceMs: number;
  /** Partner Center calls one caller (bearer token) may have in flight at once. Default 8. */
  maxUpstreamCallsPerCaller: number;
  /** Calls of one caller that may wait for a free slot; beyond that, RATE_LIMITED. Default 32. */
  maxQueuedUpstreamCallsPerCaller: number;
  /** How the gateway authenticates to Partner Center, and in app mode how callers authenticate to it. */
  auth: AuthConfig;
  /** Serve GET /metrics (Prometheus text) and record the metrics. Default true. */
  metricsEnabled: boolean;
  /** OTLP export of spans; undefined (no OTEL_EXPORTER_OTLP_ENDPOINT): no tracing at all. */
  tracing: TracingConfig | undefined;
}

/**
 * `user` (default): the caller's own Partner Center token is passed through. `app`: the gateway calls
 * Partner Center as its own Entra ID application (client credentials), and callers prove who they
 * are with a JWT of the company's identity provider.
 */
export type AuthConfig = { mode: 'user' } | AppAuthConfig;

export interface AppAuthConfig {
  mode: 'app';
  /** Entra ID tenant (directory) of the application: a GUID or a domain name. */
  tenantId: string;
  /** The application (client) id, a GUID. */
  clientId: string;
  /** Exactly one: the client secret, or the path of a PEM file holding the certificate and its private key. */
  credential: { kind: 'secret'; secret: string } | { kind: 'certificate'; path: string };
  /** Entra ID's host, e.g. https://login.microsoftonline.com (from the cloud unless set). */
  authorityHost: string;
  callers: {
    /** Expected `iss` of caller tokens. */
    issuer: string;
    /** Expected `aud` of caller tokens. */
    audience: string;
    /** Where the signing keys are; undefined: discovered from the issuer's OpenID configuration. */
    jwksUrl: string | undefined;
    /** When set, updateBillingProfile needs this value in the token's `roles` or `scp`. */
    updateRole: string | undefined;
    /** Clock skew admitted on `exp` and `nbf`, in seconds. Default 60. */
    clockToleranceSeconds: number;
  };
}

/**
 * Entra ID's host per Partner Center cloud (national clouds have their own). US Government tenants
 * use `.us` or `.com` (contract, "Authentication"): `.us` by default, PARTNER_CENTER_AUTHORITY_HOST for the other.
 */
export const AUTHORITY_HOSTS = {
  global: 'https://login.microsoftonline.com',
  usgov: 'https://login.microsoftonline.us',
  china: 'https://login.chinacloudapi.cn',
} as const satisfies Record<PartnerCenterCloud, string>;

/** The variables only app mode reads: set in user mode, they are a mistake worth stopping for. */
const APP_MODE_VARIABLES = [
  'PARTNER_CENTER_TENANT_ID',
  'PARTNER_CENTER_CLIENT_ID',
  'PARTNER_CENTER_CLIENT_SECRET',
  'PARTNER_CENTER_CLIENT_CERTIFICATE_PATH',
  'PARTNER_CENTER_AUTHORITY_HOST',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URL',
  'AUTH_UPDATE_ROLE',
  'AUTH_CLOCK_TOLERANCE_SECONDS',
] as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_CORS_ORIGINS = ['https://studio.apollographql.com'];

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates every variable at once; throws one ConfigError naming each bad value. */
export function loadConfig(env: Env): Readonly<Config> {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const port = int('PORT', 4000, 0, 65535);
  // undici enforces this per attempt on its coarse timer (about 0.5 s ticks): values under a second
  // would not be honoured, so they are refused rather than silently stretched.
  const upstreamTimeoutMs = int('PARTNER_CENTER_TIMEOUT_MS', 10_000, 1000, 120_000);
  const upstreamRetries = int('PARTNER_CENTER_RETRIES', 2, 0, 5);
  const deadline = int('PARTNER_CENTER_DEADLINE_MS', 0, 1000, 600_000);
  const upstreamDeadlineMs = deadline === 0 ? undefined : deadline;
  const maxBodyBytes = int('MAX_BODY_BYTES', 65_536, 1024, 10_485_760);
  const maxQueryTokens = int('MAX_QUERY_TOKENS', 2000, 100, 100_000);
  const shutdownGraceMs = int('SHUTDOWN_GRACE_MS', 10_000, 0, 300_000);
  const maxConcurrentRequests = int('MAX_CONCURRENT_REQUESTS', 256, 1, 100_000);
  const maxUpstreamCallsPerCaller = int('PARTNER_CENTER_MAX_CALLS_PER_CALLER', 8, 1, 1000);
  const maxQueuedUpstreamCallsPerCaller = int(
    'PARTNER_CENTER_MAX_QUEUED_CALLS_PER_CALLER',
    128,
    0,
    10_000,
  );
  const countryRulesTtlSeconds = int(
    'PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS',
    86_400,
    0,
    604_800,
  );
  const sandboxCustomerId = env.SANDBOX_CUSTOMER_ID?.trim() || undefined;
  if (sandboxCustomerId !== undefined && !isGuid(sandboxCustomerId)) {
    problems.push(
      `SANDBOX_CUSTOMER_ID must be a customer tenant id (a GUID), got "${sandboxCustomerId}"`,
    );
  }

  const host = env.HOST?.trim() || '0.0.0.0';
  if (isIP(host) === 0 && !HOSTNAME_PATTERN.test(host)) {
    problems.push(`HOST must be an IP address or a host name, got "${host}"`);
  }
  const allowHttp = env.PARTNER_CENTER_ALLOW_HTTP?.trim();
  if (allowHttp && allowHttp !== 'true' && allowHttp !== 'false') {
    problems.push(`PARTNER_CENTER_ALLOW_HTTP must be true or false, got "${allowHttp}"`);
  }

  let partnerCenterCloud: PartnerCenterCloud | undefined;
  const cloud = env.PARTNER_CENTER_CLOUD?.trim();
  if (cloud) {
    if (cloud in PARTNER_CENTER_CLOUDS) {
      partnerCenterCloud = cloud as PartnerCenterCloud;
    } else {
      problems.push(
        `PARTNER_CENTER_CLOUD must be one of ${Object.keys(PARTNER_CENTER_CLOUDS).join(', ')}, got "${cloud}"`,
      );
    }
  }

  let partnerCenterBaseUrl: string | undefined;
  const rawUrl = env.PARTNER_CENTER_BASE_URL?.trim();
  if (rawUrl) {
    const url = parseUrl(rawUrl);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      // The value is not echoed: a mistyped URL may still carry a credential.
      problems.push('PARTNER_CENTER_BASE_URL must be an http(s) URL');
    } else if (url.username || url.password || url.search || url.hash) {
      problems.push('PARTNER_CENTER_BASE_URL must not carry credentials, a query or a fragment');
    } else if (url.pathname !== '/' && url.pathname !== '') {
      problems.push(
        `PARTNER_CENTER_BASE_URL must be an origin without a path, such as ${url.origin}`,
      );
    } else if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowHttp !== 'true') {
      // Callers' bearer tokens travel in this connection: cleartext only to this machine, unless asked.
      problems.push(
        'PARTNER_CENTER_BASE_URL must use https outside loopback (or set PARTNER_CENTER_ALLOW_HTTP=true)',
      );
    } else {
      partnerCenterBaseUrl = url.origin;
    }
    if (partnerCenterCloud) {
      problems.push('set PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD, not both');
    }
  } else if (partnerCenterCloud) {
    partnerCenterBaseUrl = PARTNER_CENTER_CLOUDS[partnerCenterCloud];
  }

  const corsOrigins = env.CORS_ORIGINS
    ? env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : DEFAULT_CORS_ORIGINS;
  if (corsOrigins.length === 0) {
    problems.push('CORS_ORIGINS must list at least one origin');
  }
  for (const origin of corsOrigins) {
    const url = parseUrl(origin);
    if (!url || url.origin !== origin) {
      problems.push(
        `CORS_ORIGINS entries must be origins like https://example.com, got "${origin}"`,
      );
    }
  }

  const production = env.NODE_ENV === 'production';
  const emulatorFlag = env.PARTNER_CENTER_EMULATOR?.trim();
  if (emulatorFlag && emulatorFlag !== 'true' && emulatorFlag !== 'false') {
    problems.push(`PARTNER_CENTER_EMULATOR must be true or false, got "${emulatorFlag}"`);
  }
  const noUpstream = !rawUrl && !cloud;
  if (emulatorFlag === 'true' && !noUpstream) {
    problems.push(
      'PARTNER_CENTER_EMULATOR=true cannot be combined with PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD',
    );
  }
  if (production && noUpstream && emulatorFlag !== 'true') {
    // Fail closed: the emulator accepts any token and holds sample data. Production must say which
    // Partner Center to use, or ask for the emulator on purpose.
    problems.push(
      'NODE_ENV=production needs PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD (or PARTNER_CENTER_EMULATOR=true to serve the embedded emulator on purpose)',
    );
  }

  const auth = loadAuth(env, problems, {
    partnerCenterCloud,
    noUpstream,
    allowHttp: allowHttp === 'true',
  });

  const metricsFlag = env.METRICS_ENABLED?.trim();
  if (metricsFlag && metricsFlag !== 'true' && metricsFlag !== 'false') {
    problems.push(`METRICS_ENABLED must be true or false, got "${metricsFlag}"`);
  }
  const tracing = loadTracing(env, problems);

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze({
    port,
    host,
    partnerCenterBaseUrl,
    partnerCenterCloud,
    upstreamTimeoutMs,
    upstreamRetries,
    upstreamDeadlineMs,
    corsOrigins: Object.freeze([...corsOrigins]) as string[],
    production,
    logLevel,
    maxBodyBytes,
    countryRulesTtlMs: countryRulesTtlSeconds * 1000,
    sandboxCustomerId,
    maxQueryTokens,
    shutdownGraceMs,
    maxConcurrentRequests,
    maxUpstreamCallsPerCaller,
    maxQueuedUpstreamCallsPerCaller,
    auth,
    metricsEnabled: metricsFlag !== 'false',
    tracing: tracing && Object.freeze(tracing),
  });
}

/** The OTLP protocols the gateway exports with (both over HTTP); grpc is not one of them. */
const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const DEFAULT_SERVICE_NAME = PRODUCT_NAME;

/**
 * Tracing is on when an OTLP endpoint is set (the OpenTelemetry SDK variables): the generic
 * OTEL_EXPORTER_OTLP_ENDPOINT gets `/v1/traces` appended, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as
 * it is (and wins). OTEL_SDK_DISABLED=true turns it off whatever is set.
 */
function loadTracing(env: Env, problems: string[]): TracingConfig | undefined {
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase();
  if (disabled && disabled !== 'true' && disabled !== 'false') {
    problems.push(`OTEL_SDK_DISABLED must be true or false, got "${disabled}"`);
  }
  const protocol =
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim() ||
    env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim() ||
    'http/protobuf';
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    problems.push(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be ${OTLP_PROTOCOLS.join(' or ')}, got "${protocol}"`,
    );
  }
  const signalEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  let tracesUrl: string | undefined;
  for (const [name, raw] of [
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', signalEndpoint],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', endpoint],
  ] as const) {
    if (!raw) {
      continue;
    }
    const url = parseUrl(raw);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      // Not echoed: a mistyped URL may carry a credential.
      problems.push(`${name} must be an http(s) URL`);
    } else if (url.username || url.password) {
      problems.push(`${name} must not carry credentials (use OTEL_EXPORTER_OTLP_HEADERS)`);
    } else {
      tracesUrl ??=
        name === 'OTEL_EXPORTER_OTLP_ENDPOINT'
          ? `${url.href.replace(/\/+$/, '')}/v1/traces`
          : url.href;
    }
  }
  if (tracesUrl === undefined || disabled === 'true') {
    return undefined;
  }
  return {
    tracesUrl,
    protocol: protocol as TracingConfig['protocol'],
    serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME,
  };
}

function loadAuth(
  env: Env,
  problems: string[],
  upstream: {
    partnerCenterCloud: PartnerCenterCloud | undefined;
    noUpstream: boolean;
    allowHttp: boolean;
  },
): AuthConfig {
  const mode = env.PARTNER_CENTER_AUTH?.trim() || 'user';
  const value = (name: (typeof APP_MODE_VARIABLES)[number]): string | undefined =>
    env[name]?.trim() || undefined;
  if (mode === 'user') {
    const stray = APP_MODE_VARIABLES.filter((name) => value(name) !== undefined);
    if (stray.length > 0) {
      // Most likely PARTNER_CENTER_AUTH=app was forgotten: the gateway would pass callers' tokens through.
      problems.push(`${stray.join(', ')} only apply with PARTNER_CENTER_AUTH=app`);
    }
    return { mode: 'user' };
  }
  if (mode !== 'app') {
    problems.push(`PARTNER_CENTER_AUTH must be user or app, got "${mode}"`);
    return { mode: 'user' };
  }
  if (upstream.noUpstream) {
    // The embedded emulator serves user mode: app mode is for a real Partner Center (or an emulator
    // started with its authority, as the tests do).
    problems.push('PARTNER_CENTER_AUTH=app needs PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD');
  }
  const required = (name: (typeof APP_MODE_VARIABLES)[number]): string => {
    const found = value(name);
    if (found === undefined) {
      problems.push(`PARTNER_CENTER_AUTH=app needs ${name}`);
    }
    return found ?? '';
  };
  const tenantId = required('PARTNER_CENTER_TENANT_ID');
  if (tenantId && !isGuid(tenantId) && !HOSTNAME_PATTERN.test(tenantId)) {
    problems.push(
      `PARTNER_CENTER_TENANT_ID must be a tenant id (a GUID) or a domain name, got "${tenantId}"`,
    );
  } else if (/^(common|organizations|consumers)$/i.test(tenantId)) {
    // Client credentials need the application's own tenant: Entra refuses these aliases for them.
    problems.push(`PARTNER_CENTER_TENANT_ID must be the partner's tenant, not "${tenantId}"`);
  }
  const clientId = required('PARTNER_CENTER_CLIENT_ID');
  if (clientId && !isGuid(clientId)) {
    problems.push(`PARTNER_CENTER_CLIENT_ID must be an application id (a GUID), got "${clientId}"`);
  }
  // Never echoed: a secret (or a path) is not something to print in a configuration error.
  const secret = env.PARTNER_CENTER_CLIENT_SECRET;
  const certificatePath = value('PARTNER_CENTER_CLIENT_CERTIFICATE_PATH');
  let credential: AppAuthConfig['credential'] = { kind: 'secret', secret: '' };
  if (secret && certificatePath) {
    problems.push(
      'set PARTNER_CENTER_CLIENT_SECRET or PARTNER_CENTER_CLIENT_CERTIFICATE_PATH, not both',
    );
  } else if (secret) {
    credential = { kind: 'secret', secret };
  } else if (certificatePath) {
    credential = { kind: 'certificate', path: certificatePath };
  } else {
    problems.push(
      'PARTNER_CENTER_AUTH=app needs PARTNER_CENTER_CLIENT_SECRET or PARTNER_CENTER_CLIENT_CERTIFICATE_PATH',
    );
  }
  const authorityHost =
    httpsOrigin(
      value('PARTNER_CENTER_AUTHORITY_HOST'),
      'PARTNER_CENTER_AUTHORITY_HOST',
      problems,
    ) ?? AUTHORITY_HOSTS[upstream.partnerCenterCloud ?? 'global'];

  const issuer = required('AUTH_ISSUER');
  if (issuer && !parseUrl(issuer)) {
    problems.push(`AUTH_ISSUER must be a URL (the issuer's identifier), got "${issuer}"`);
  }
  const audience = required('AUTH_AUDIENCE');
  const rawJwks = value('AUTH_JWKS_URL');
  const jwksUrl =
    rawJwks === undefined ? undefined : validJwksUrl(rawJwks, problems, upstream.allowHttp);
  const tolerance = value('AUTH_CLOCK_TOLERANCE_SECONDS') ?? '60';
  const clockToleranceSeconds = Number(tolerance);
  if (!/^\d+$/.test(tolerance) || clockToleranceSeconds > 300) {
    problems.push(
      `AUTH_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300, got "${tolerance}"`,
    );
  }
  return {
    mode: 'app',
    tenantId,
    clientId,
    credential,
    authorityHost,
    callers: {
      issuer,
      audience,
      jwksUrl,
      updateRole: value('AUTH_UPDATE_ROLE'),
      clockToleranceSeconds,
    },
  };
}

/** An https origin (no path, query or credentials), or undefined with a problem recorded. */
function httpsOrigin(
  raw: string | undefined,
  name: string,
  problems: string[],
): string | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
    problems.push(`${name} must be an https URL without credentials, query or fragment`);
    return undefined;
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    problems.push(`${name} must be an origin without a path, such as ${url.origin}`);
    return undefined;
  }
  return url.origin;
}

function validJwksUrl(raw: string, problems: string[], allowHttp: boolean): string | undefined {
  const url = parseUrl(raw);
  const cleartextAllowed = url !== undefined && (isLoopback(url.hostname) || allowHttp);
  if (
    !url ||
    (url.protocol !== 'https:' && !(url.protocol === 'http:' && cleartextAllowed)) ||
    url.username ||
    url.password
  ) {
    problems.push('AUTH_JWKS_URL must be an https URL (http only on loopback) without credentials');
    return undefined;
  }
  return url.href;
}

const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    (isIP(hostname) === 4 && hostname.startsWith('127.'))
  );
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
