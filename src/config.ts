import { isIP } from 'node:net';

import {
  PARTNER_CENTER_CLOUDS,
  isGuid,
  type PartnerCenterCloud,
} from './partner-center/partner-center.contract';

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
}

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
  });
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
