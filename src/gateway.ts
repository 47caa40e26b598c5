import { createServer, type Server, type ServerResponse } from 'node:http';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';

import type { AppModeOptions } from './auth/app-mode';
import type { Config } from './config';
import type { GatewayContext } from './context';
import type { Emulator } from './emulator/emulator';
import { formatError } from './errors/format-error';
import { createMetrics } from './observability/metrics';
import type { Tracing } from './observability/tracing';
import { createCountryRulesCache } from './partner-center/country-validation-rules.cache';
import {
  createPartnerCenterClient,
  type PartnerCenterClientOptions,
} from './partner-center/partner-center.client';
import { callerAuthPlugin } from './plugins/caller-auth.plugin';
import { errorLoggingPlugin } from './plugins/error-logging.plugin';
import { landingPagePlugin } from './plugins/landing-page.plugin';
import { operationLimitRules } from './plugins/operation-limits.rules';
import { operationMetricsPlugin } from './plugins/operation-metrics.plugin';
import { requestLoggingPlugin } from './plugins/request-logging.plugin';
import { createExplorer } from './http/explorer';
import { createRequestHandler, GRAPHQL_PATH } from './http/request-handler';
import { buildGatewaySchema } from './subgraph/build-schema';
import { compiledExecution } from './subgraph/compiled-execution';
import { listen, urlHost } from './util/listen';
import { APPLICATION_NAME, PRODUCT_NAME, VERSION } from './version';

export { GRAPHQL_PATH };

/**
 * What Apollo's document cache may hold, in bytes of the cached documents' JSON. Documents are parsed
 * without locations, so their JSON is what they hold (not the source text or token list).
 */
export const DOCUMENT_CACHE_BYTES = 8 * 1024 * 1024;
/** How long a client may take to send a whole request (headers and body). */
const REQUEST_TIMEOUT_MS = 30_000;
/** After the grace period, how long answers of cut-short operations may take to go out. */
const FLUSH_AFTER_GRACE_MS = 2_000;

export interface GatewayDeps {
  logger: Logger;
  /** Test and benchmark overrides of the upstream client (e.g. shorter back-off). */
  client?: Partial<PartnerCenterClientOptions>;
  /** App mode overrides: a CA to trust for the token authority and the issuer (tests). */
  app?: AppModeOptions;
  /**
   * Spans go to this exporter, as each ends, instead of OTLP (tests); it turns tracing on without an
   * OTEL_EXPORTER_OTLP_ENDPOINT.
   */
  spanExporter?: SpanExporter;
  /** Further Apollo Server plugins, after the gateway's own (tests; an embedder's instrumentation). */
  plugins?: ApolloServerPlugin<GatewayContext>[];
}

export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Partner Center base URL in use (the embedded emulator's when none is configured). */
  upstreamUrl: string;
  /** The embedded emulator, when one was started. */
  emulator: Emulator | undefined;
  /**
   * Graceful stop: readiness goes false, no new connections, `Connection: close` on every answer,
   * operations in flight get `shutdownGraceMs` to finish; then their Partner Center calls are cut
   * short (SHUTTING_DOWN answers), and everything closes.
   */
  stop(): Promise<void>;
}

/** Builds and starts the gateway: schema, Apollo Server, HTTP; starts the emulator if no upstream is set. */
export async function createGateway(config: Readonly<Config>, deps: GatewayDeps): Promise<Gateway> {
  const { logger } = deps;
  let emulator: Emulator | undefined;
  let upstreamUrl = config.partnerCenterBaseUrl;
  if (upstreamUrl === undefined) {
    // Loaded only when used: a gateway with a real upstream never has the emulator's code in memory.
    const { startEmulator } = await import('./emulator/emulator');
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, recordRequests: false });
    upstreamUrl = emulator.url;
    logger.info(
      { emulatorUrl: emulator.url },
      'no PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD: serving the embedded Partner Center emulator with sample customers',
    );
  }

  const metrics = config.metricsEnabled ? createMetrics() : undefined;
  // Off unless an OTLP endpoint is configured: then no SDK is loaded and no span is made.
  const tracing = await startTracingIfOn(config, deps, logger);

  const client = createPartnerCenterClient({
    baseUrl: upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    ...(config.upstreamDeadlineMs === undefined ? {} : { deadlineMs: config.upstreamDeadlineMs }),
    application: APPLICATION_NAME,
    maxCallsPerCaller: config.maxUpstreamCallsPerCaller,
    maxQueuedCallsPerCaller: config.maxQueuedUpstreamCallsPerCaller,
    metrics: metrics?.partnerCenter,
    tracing: tracing?.partnerCenter(upstreamUrl),
    ...deps.client,
  });
  const countryRules = createCountryRulesCache({ client, ttlMs: config.countryRulesTtlMs });
  // Loaded only in app mode: msal-node and jose weigh about 19 MB a user-mode gateway never needs.
  const app =
    config.auth.mode === 'app'
      ? (await import('./auth/app-mode')).createAppMode(config.auth, deps.app)
      : undefined;
  const exampleCustomerId = config.sandboxCustomerId ?? emulator?.store.customerIds()[0];

  const server = new ApolloServer<GatewayContext>({
    gateway: compiledExecution(await buildGatewaySchema()),
    introspection: !config.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Production: no "Did you mean …?" hints that would reveal the schema introspection hides.
    hideSchemaDetailsFromClientErrors: config.production,
    // A document is refused while it is parsed once it has too many tokens (before any validation
    // work), and parsed documents keep no locations: no source text or token list stays in memory.
    parseOptions: { maxTokens: config.maxQueryTokens, noLocation: true },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_CACHE_BYTES }),
    validationRules: operationLimitRules(),
    // main.ts owns the process signals (the only file that touches the process); Apollo's own handlers would re-raise them.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      ...(tracing ? [tracing.plugin] : []),
      // No cache hints are set: the plugin would only cost a hook on every field.
      ApolloServerPluginCacheControlDisabled(),
      landingPagePlugin({
        production: config.production,
        embeddedEmulator: emulator !== undefined,
        exampleCustomerId,
      }),
      requestLoggingPlugin({ logger }),
      errorLoggingPlugin(),
      ...(metrics ? [operationMetricsPlugin({ metrics })] : []),
      ...(app ? [callerAuthPlugin()] : []),
      ...(deps.plugins ?? []),
    ],
    logger,
  });
  await server.start();

  let draining = false;
  // Requests whose answer has not gone out. A count, not a set of the responses: adding and deleting
  // every response in a long-lived Set kept them alive past young-generation collections (a third
  // more old-generation collections under load); the request handler marks answers written while
  // the gateway drains with Connection: close itself.
  let inFlight = 0;
  // Resolved whenever the last answer in flight goes out, whichever it is (a request may still
  // arrive on a keep-alive connection while the gateway drains).
  let onIdle: (() => void) | undefined;
  const allAnswered = (): Promise<void> =>
    inFlight === 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          onIdle = resolve;
        });

  const httpServer: Server = createServer(
    createRequestHandler({
      server,
      client,
      countryRules,
      logger,
      corsOrigins: config.corsOrigins,
      maxBodyBytes: config.maxBodyBytes,
      maxConcurrentRequests: config.maxConcurrentRequests,
      draining: () => draining,
      app,
      metrics,
      // GraphiQL from the project's own packages: an explorer that works offline (development only).
      explorer: config.production
        ? undefined
        : createExplorer({
            graphqlPath: GRAPHQL_PATH,
            exampleCustomerId,
            embeddedEmulator: emulator !== undefined,
          }),
    }),
  );
  httpServer.on('request', (_req, res: ServerResponse) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) {
        onIdle?.();
      }
    });
  });
  // A request must arrive whole within this time: a body trickled in cannot hold a connection long.
  httpServer.requestTimeout = REQUEST_TIMEOUT_MS;
  httpServer.headersTimeout = Math.min(httpServer.headersTimeout, REQUEST_TIMEOUT_MS);

  const address = await listen(httpServer, config.port, config.host);
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : urlHost(address);

  let stopped: Promise<void> | undefined;
  async function drainAndStop(): Promise<void> {
    draining = true;
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      graceTimer = setTimeout(() => resolve('grace-over'), config.shutdownGraceMs);
    });
    if ((await Promise.race([allAnswered(), graceOver])) === 'grace-over') {
      logger.warn({ inFlight }, 'shutdown grace period over: cutting Partner Center calls short');
      client.abortAll();
      let flushTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        allAnswered(),
        new Promise<void>((resolve) => {
          flushTimer = setTimeout(resolve, FLUSH_AFTER_GRACE_MS);
        }),
      ]);
      clearTimeout(flushTimer);
    }
    clearTimeout(graceTimer);
    httpServer.closeAllConnections();
    await closed;
    await server.stop();
    await client.close();
    await app?.close();
    await emulator?.close();
    // Last: the spans of the operations that just finished go out before the process exits.
    await tracing?.shutdown().catch((error: unknown) => {
      logger.warn({ err: error }, 'spans could not be exported at shutdown');
    });
  }

  return {
    url: `http://${host}:${address.port}${GRAPHQL_PATH}`,
    upstreamUrl,
    emulator,
    stop: () => (stopped ??= drainAndStop()),
  };
}

/**
 * Tracing when an OTLP endpoint is configured (or a test gives an exporter); otherwise undefined, and
 * nothing of the OpenTelemetry SDK is loaded: the module is imported only here, only then.
 */
async function startTracingIfOn(
  config: Readonly<Config>,
  deps: GatewayDeps,
  logger: Logger,
): Promise<Tracing | undefined> {
  const { spanExporter } = deps;
  const tracing = config.tracing;
  const options =
    spanExporter !== undefined
      ? { exporter: spanExporter }
      : tracing !== undefined
        ? { config: tracing }
        : undefined;
  if (options === undefined) {
    return undefined;
  }
  const { startTracing } = await import('./observability/tracing');
  if (options.config !== undefined) {
    logger.info(
      { tracesUrl: options.config.tracesUrl, protocol: options.config.protocol },
      'exporting traces over OTLP',
    );
  }
  return startTracing(options, {
    name: tracing?.serviceName ?? PRODUCT_NAME,
    version: VERSION,
  });
}
