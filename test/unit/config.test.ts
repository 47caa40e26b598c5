import { ConfigError, loadConfig } from '../../src/config';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      partnerCenterBaseUrl: undefined,
      partnerCenterCloud: undefined,
      upstreamTimeoutMs: 10_000,
      upstreamRetries: 2,
      upstreamDeadlineMs: undefined,
      corsOrigins: ['https://studio.apollographql.com'],
      production: false,
      logLevel: 'info',
      maxBodyBytes: 65_536,
      countryRulesTtlMs: 86_400_000,
      sandboxCustomerId: undefined,
      maxQueryTokens: 2000,
      shutdownGraceMs: 10_000,
      maxConcurrentRequests: 256,
      maxUpstreamCallsPerCaller: 8,
      maxQueuedUpstreamCallsPerCaller: 128,
      auth: { mode: 'user' },
      metricsEnabled: true,
      tracing: undefined,
    });
  });

  it('treats empty strings as unset', () => {
    expect(
      loadConfig({
        PORT: '',
        HOST: '  ',
        PARTNER_CENTER_BASE_URL: '',
        PARTNER_CENTER_CLOUD: '',
        PARTNER_CENTER_TIMEOUT_MS: '',
        LOG_LEVEL: '',
        PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS: '',
        SANDBOX_CUSTOMER_ID: ' ',
      }),
    ).toEqual(loadConfig({}));
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.corsOrigins)).toBe(true);
  });

  it('reads every variable it documents', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        PARTNER_CENTER_BASE_URL: 'https://pc.example.com/',
        PARTNER_CENTER_TIMEOUT_MS: '2500',
        PARTNER_CENTER_RETRIES: '0',
        PARTNER_CENTER_DEADLINE_MS: '9000',
        CORS_ORIGINS: 'https://a.example.com, https://b.example.com',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        MAX_BODY_BYTES: '2048',
        PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS: '3600',
        SANDBOX_CUSTOMER_ID: '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e',
        MAX_QUERY_TOKENS: '500',
        SHUTDOWN_GRACE_MS: '2500',
        MAX_CONCURRENT_REQUESTS: '64',
        PARTNER_CENTER_MAX_CALLS_PER_CALLER: '4',
        PARTNER_CENTER_MAX_QUEUED_CALLS_PER_CALLER: '16',
        PARTNER_CENTER_AUTH: 'app',
        PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com',
        PARTNER_CENTER_CLIENT_ID: '9d1c2f6e-0b1a-4c3d-8e5f-6a7b8c9d0e1f',
        PARTNER_CENTER_CLIENT_SECRET: 'not-a-real-secret',
        PARTNER_CENTER_AUTHORITY_HOST: 'https://login.example.com',
        AUTH_ISSUER: 'https://idp.example.com/',
        AUTH_AUDIENCE: 'api://partner-center-bff',
        AUTH_JWKS_URL: 'https://idp.example.com/keys',
        AUTH_UPDATE_ROLE: 'BillingProfile.Write',
        AUTH_CLOCK_TOLERANCE_SECONDS: '30',
        METRICS_ENABLED: 'false',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'billing-bff',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      partnerCenterBaseUrl: 'https://pc.example.com',
      partnerCenterCloud: undefined,
      upstreamTimeoutMs: 2500,
      upstreamRetries: 0,
      upstreamDeadlineMs: 9000,
      corsOrigins: ['https://a.example.com', 'https://b.example.com'],
      production: true,
      logLevel: 'warn',
      maxBodyBytes: 2048,
      countryRulesTtlMs: 3_600_000,
      sandboxCustomerId: '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e',
      maxQueryTokens: 500,
      shutdownGraceMs: 2500,
      maxConcurrentRequests: 64,
      maxUpstreamCallsPerCaller: 4,
      maxQueuedUpstreamCallsPerCaller: 16,
      auth: {
        mode: 'app',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '9d1c2f6e-0b1a-4c3d-8e5f-6a7b8c9d0e1f',
        credential: { kind: 'secret', secret: 'not-a-real-secret' },
        authorityHost: 'https://login.example.com',
        callers: {
          issuer: 'https://idp.example.com/',
          audience: 'api://partner-center-bff',
          jwksUrl: 'https://idp.example.com/keys',
          updateRole: 'BillingProfile.Write',
          clockToleranceSeconds: 30,
        },
      },
      metricsEnabled: false,
      tracing: {
        tracesUrl: 'http://collector:4318/v1/traces',
        protocol: 'http/json',
        serviceName: 'billing-bff',
      },
    });
  });

  describe('observability', () => {
    it.each([
      ['true', true],
      ['false', false],
      [' false ', false],
    ])('reads METRICS_ENABLED=%j', (value, enabled) => {
      expect(loadConfig({ METRICS_ENABLED: value }).metricsEnabled).toBe(enabled);
    });

    it('refuses a METRICS_ENABLED that is not true or false', () => {
      expect(problemsOf({ METRICS_ENABLED: 'yes' })).toEqual([
        'METRICS_ENABLED must be true or false, got "yes"',
      ]);
    });

    it.each<[Record<string, string>, string]>([
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'http://collector:4318/v1/traces'],
      [
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/' },
        'https://otlp.example.com/v1/traces',
      ],
      [
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/tenant-a' },
        'https://otlp.example.com/tenant-a/v1/traces',
      ],
      [
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/custom/traces' },
        'http://127.0.0.1:4318/custom/traces',
      ],
      [
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/v1/traces',
        },
        'http://traces:4318/v1/traces',
      ],
    ])('turns tracing on with an OTLP endpoint: %j -> %s', (env, tracesUrl) => {
      expect(loadConfig(env).tracing).toEqual({
        tracesUrl,
        protocol: 'http/protobuf',
        serviceName: 'partner-center-bff',
      });
    });

    it.each([
      ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json', 'http/json'],
      ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf', 'http/protobuf'],
      ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'http/json', 'http/json'],
    ])('reads %s=%s', (name, value, protocol) => {
      const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', [name]: value });
      expect(config.tracing?.protocol).toBe(protocol);
    });

    it('has no tracing without an endpoint, or with OTEL_SDK_DISABLED=true', () => {
      expect(loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).tracing).toBeUndefined();
      expect(
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })
          .tracing,
      ).toBeUndefined();
    });

    it.each<[Record<string, string>, string]>([
      [
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
        'OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json, got "grpc"',
      ],
      [
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
        'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL',
      ],
      [
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://user:secret@otlp.example.com/v1/traces' },
        'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must not carry credentials (use OTEL_EXPORTER_OTLP_HEADERS)',
      ],
      [{ OTEL_SDK_DISABLED: 'maybe' }, 'OTEL_SDK_DISABLED must be true or false, got "maybe"'],
    ])('refuses %j', (env, problem) => {
      expect(problemsOf(env)).toEqual([problem]);
      expect(JSON.stringify(problemsOf(env))).not.toContain('secret');
    });
  });

  describe('app mode', () => {
    const app = {
      PARTNER_CENTER_CLOUD: 'global',
      PARTNER_CENTER_AUTH: 'app',
      PARTNER_CENTER_TENANT_ID: '7c2a5b1e-3d4f-4a6b-9c8d-0e1f2a3b4c5d',
      PARTNER_CENTER_CLIENT_ID: '9d1c2f6e-0b1a-4c3d-8e5f-6a7b8c9d0e1f',
      PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: '/etc/bff/app.pem',
      AUTH_ISSUER: 'https://idp.example.com/',
      AUTH_AUDIENCE: 'api://partner-center-bff',
    };

    it.each([
      ['global', 'https://login.microsoftonline.com'],
      ['usgov', 'https://login.microsoftonline.us'],
      ['china', 'https://login.chinacloudapi.cn'],
    ])('takes the authority host of cloud %s by default', (cloud, host) => {
      const config = loadConfig({ ...app, PARTNER_CENTER_CLOUD: cloud });

      expect(config.auth).toMatchObject({
        mode: 'app',
        authorityHost: host,
        credential: { kind: 'certificate', path: '/etc/bff/app.pem' },
        callers: { jwksUrl: undefined, updateRole: undefined, clockToleranceSeconds: 60 },
      });
    });

    it.each<[string, Record<string, string | undefined>, RegExp]>([
      ['no tenant', { PARTNER_CENTER_TENANT_ID: undefined }, /needs PARTNER_CENTER_TENANT_ID/],
      [
        'a tenant alias (common)',
        { PARTNER_CENTER_TENANT_ID: 'common' },
        /must be the partner's tenant, not "common"/,
      ],
      [
        'a client id that is no GUID',
        { PARTNER_CENTER_CLIENT_ID: 'app' },
        /PARTNER_CENTER_CLIENT_ID must be/,
      ],
      ['a secret and a certificate', { PARTNER_CENTER_CLIENT_SECRET: 's3cr3t-value' }, /not both/],
      [
        'neither secret nor certificate',
        { PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: undefined },
        /needs PARTNER_CENTER_CLIENT_SECRET or PARTNER_CENTER_CLIENT_CERTIFICATE_PATH/,
      ],
      ['no issuer', { AUTH_ISSUER: undefined }, /needs AUTH_ISSUER/],
      ['no audience', { AUTH_AUDIENCE: undefined }, /needs AUTH_AUDIENCE/],
      [
        'a cleartext authority',
        { PARTNER_CENTER_AUTHORITY_HOST: 'http://login.example.com' },
        /PARTNER_CENTER_AUTHORITY_HOST must be an https URL/,
      ],
      [
        'a cleartext JWKS URL off loopback',
        { AUTH_JWKS_URL: 'http://idp.example.com/keys' },
        /AUTH_JWKS_URL must be an https URL/,
      ],
      [
        'no Partner Center (the embedded emulator)',
        { PARTNER_CENTER_CLOUD: undefined },
        /needs PARTNER_CENTER_BASE_URL/,
      ],
      [
        'an unknown mode',
        { PARTNER_CENTER_AUTH: 'both' },
        /PARTNER_CENTER_AUTH must be user or app/,
      ],
    ])('refuses %s', (_name, change, problem) => {
      expect(() => loadConfig({ ...app, ...change })).toThrow(problem);
    });

    it('never echoes the client secret', () => {
      let message = '';
      try {
        loadConfig({ ...app, PARTNER_CENTER_CLIENT_SECRET: 's3cr3t-value', AUTH_AUDIENCE: '' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/not both/);
      expect(message).not.toContain('s3cr3t-value');
    });

    it('refuses app-mode variables in user mode (PARTNER_CENTER_AUTH=app forgotten)', () => {
      expect(() => loadConfig({ PARTNER_CENTER_CLIENT_SECRET: 's3cr3t-value' })).toThrow(
        /PARTNER_CENTER_CLIENT_SECRET only apply with PARTNER_CENTER_AUTH=app/,
      );
    });
  });

  it.each([
    ['global', 'https://api.partnercenter.microsoft.com'],
    ['usgov', 'https://api.partnercenter.microsoft.com'],
    ['china', 'https://partner.partnercenterapi.microsoftonline.cn'],
  ])('maps PARTNER_CENTER_CLOUD=%s to the documented base URL %s', (cloud, url) => {
    const config = loadConfig({ PARTNER_CENTER_CLOUD: cloud });

    expect(config.partnerCenterBaseUrl).toBe(url);
    expect(config.partnerCenterCloud).toBe(cloud);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['PORT', '1e3'],
    ['PARTNER_CENTER_TIMEOUT_MS', '0'],
    ['PARTNER_CENTER_TIMEOUT_MS', '999'],
    ['PARTNER_CENTER_TIMEOUT_MS', '120001'],
    ['PARTNER_CENTER_TIMEOUT_MS', 'ten seconds'],
    ['PARTNER_CENTER_DEADLINE_MS', '999'],
    ['PARTNER_CENTER_DEADLINE_MS', 'soon'],
    ['PARTNER_CENTER_RETRIES', '6'],
    ['PARTNER_CENTER_RETRIES', '-1'],
    ['MAX_BODY_BYTES', '1023'],
    ['MAX_BODY_BYTES', '10485761'],
    ['PARTNER_CENTER_CLOUD', 'germany'],
    ['PARTNER_CENTER_CLOUD', 'Global'],
    ['PARTNER_CENTER_BASE_URL', 'not a url'],
    ['PARTNER_CENTER_BASE_URL', 'ftp://pc.example.com'],
    ['PARTNER_CENTER_BASE_URL', 'https://user:secret@pc.example.com'],
    ['PARTNER_CENTER_BASE_URL', 'https://pc.example.com/v1'],
    ['PARTNER_CENTER_BASE_URL', 'https://pc.example.com/?tenant=x'],
    ['PARTNER_CENTER_BASE_URL', 'https://pc.example.com/#top'],
    ['CORS_ORIGINS', 'https://a.example.com/app'],
    ['CORS_ORIGINS', 'a.example.com'],
    ['LOG_LEVEL', 'verbose'],
    ['HOST', 'no such host!'],
    ['HOST', 'a..b'],
    ['PARTNER_CENTER_BASE_URL', 'http://pc.example.com'],
    ['CORS_ORIGINS', ' , '],
    ['PARTNER_CENTER_ALLOW_HTTP', 'yes'],
    ['PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS', '-1'],
    ['PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS', '604801'],
    ['PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS', '1.5'],
    ['PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS', '1d'],
    ['SANDBOX_CUSTOMER_ID', 'contoso.onmicrosoft.com'],
    ['SANDBOX_CUSTOMER_ID', '1f6b0a538e0c4b4c9a0e0d3a4b5c6d7e'],
    ['SANDBOX_CUSTOMER_ID', '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7'],
  ])('refuses %s=%p with one problem naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it.each([
    'https://user:s3cr3t@pc.example.com',
    'ftp://user:s3cr3t@pc.example.com',
    'https//user:s3cr3t@x',
  ])('never repeats a credential from PARTNER_CENTER_BASE_URL=%p in its message', (value) => {
    const problems = problemsOf({ PARTNER_CENTER_BASE_URL: value });

    expect(problems).toHaveLength(1);
    expect(problems.join('\n')).not.toContain('s3cr3t');
  });

  it.each([
    [{ PARTNER_CENTER_BASE_URL: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010'],
    [{ PARTNER_CENTER_BASE_URL: 'http://localhost:4010' }, 'http://localhost:4010'],
    [
      { PARTNER_CENTER_BASE_URL: 'http://emulator:4010', PARTNER_CENTER_ALLOW_HTTP: 'true' },
      'http://emulator:4010',
    ],
  ])('accepts cleartext http to loopback, or anywhere when allowed: %p', (env, url) => {
    expect(loadConfig(env).partnerCenterBaseUrl).toBe(url);
  });

  it.each(['127.0.0.1', '::', 'localhost', 'bff.internal.example.com'])(
    'accepts HOST=%p',
    (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    },
  );

  it.each([
    ['0', 0],
    ['1', 1000],
    ['86400', 86_400_000],
    ['604800', 604_800_000],
  ])(
    'reads PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS=%p as countryRulesTtlMs %p',
    (value, expected) => {
      expect(
        loadConfig({ PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS: value }).countryRulesTtlMs,
      ).toBe(expected);
    },
  );

  it.each([
    ['1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e', '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e'],
    ['  1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e  ', '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e'],
    ['1F6B0A53-8E0C-4B4C-9A0E-0D3A4B5C6D7E', '1F6B0A53-8E0C-4B4C-9A0E-0D3A4B5C6D7E'],
  ])('accepts the GUID SANDBOX_CUSTOMER_ID=%p', (value, expected) => {
    expect(loadConfig({ SANDBOX_CUSTOMER_ID: value }).sandboxCustomerId).toBe(expected);
  });

  it('refuses PARTNER_CENTER_BASE_URL and PARTNER_CENTER_CLOUD together', () => {
    const problems = problemsOf({
      PARTNER_CENTER_BASE_URL: 'https://pc.example.com',
      PARTNER_CENTER_CLOUD: 'global',
    });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('PARTNER_CENTER_BASE_URL');
    expect(problems[0]).toContain('PARTNER_CENTER_CLOUD');
  });

  it('reports every problem at once, in one ConfigError whose message lists them', () => {
    const env = {
      PORT: 'http',
      PARTNER_CENTER_TIMEOUT_MS: '0',
      PARTNER_CENTER_RETRIES: '99',
      MAX_BODY_BYTES: '1',
      PARTNER_CENTER_CLOUD: 'mars',
      PARTNER_CENTER_BASE_URL: 'gopher://pc.example.com',
      CORS_ORIGINS: 'nowhere',
      LOG_LEVEL: 'loud',
      PARTNER_CENTER_COUNTRY_RULES_TTL_SECONDS: 'forever',
      SANDBOX_CUSTOMER_ID: 'sandbox',
    };

    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.problems).toHaveLength(Object.keys(env).length);
    for (const name of Object.keys(env)) {
      expect(error.problems.some((p) => p.includes(name))).toBe(true);
      expect(error.message).toContain(name);
    }
  });
});

describe('failing closed in production', () => {
  it('refuses production without a Partner Center, naming the way to ask for the emulator', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV=production needs PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD.*PARTNER_CENTER_EMULATOR=true/,
    );
  });

  it('serves the embedded emulator in production only when asked for', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', PARTNER_CENTER_EMULATOR: 'true' }).partnerCenterBaseUrl,
    ).toBeUndefined();
  });

  it('accepts production with a cloud', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', PARTNER_CENTER_CLOUD: 'global' }).partnerCenterBaseUrl,
    ).toBe('https://api.partnercenter.microsoft.com');
  });

  it.each([
    [{ PARTNER_CENTER_EMULATOR: 'yes' }, /PARTNER_CENTER_EMULATOR must be true or false/],
    [{ PARTNER_CENTER_EMULATOR: 'true', PARTNER_CENTER_CLOUD: 'global' }, /cannot be combined/],
    [{ MAX_QUERY_TOKENS: '10' }, /MAX_QUERY_TOKENS must be an integer from 100/],
    [{ SHUTDOWN_GRACE_MS: '-1' }, /SHUTDOWN_GRACE_MS must be an integer from 0/],
    [{ PARTNER_CENTER_MAX_CALLS_PER_CALLER: '0' }, /PARTNER_CENTER_MAX_CALLS_PER_CALLER/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
