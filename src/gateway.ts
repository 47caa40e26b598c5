import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { Logger } from 'pino';

import type { Config } from './config';
import { correlationIdFrom, createContext, type GatewayContext } from './context';
import { startEmulator, type Emulator } from './emulator/emulator';
import { createFormatError } from './errors/format-error';
import { httpErrorHandler } from './errors/http-error-handler';
import { createCountryRulesCache } from './partner-center/country-validation-rules.cache';
import {
  createPartnerCenterClient,
  type PartnerCenterClientOptions,
} from './partner-center/partner-center.client';
import { landingPagePlugin } from './plugins/landing-page.plugin';
import { operationLimitRules } from './plugins/operation-limits.rules';
import { legacyJsonStatusPlugin } from './plugins/legacy-json-status.plugin';
import { requestLoggingPlugin } from './plugins/request-logging.plugin';
import { buildGatewaySchema } from './subgraph/build-schema';
import { APPLICATION_NAME } from './version';

export const GRAPHQL_PATH = '/graphql';

export interface GatewayDeps {
  logger: Logger;
  /** Test and benchmark overrides of the upstream client (e.g. shorter back-off). */
  client?: Partial<PartnerCenterClientOptions>;
}

export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Partner Center base URL in use (the embedded emulator's when none is configured). */
  upstreamUrl: string;
  /** The embedded emulator, when one was started. */
  emulator: Emulator | undefined;
  stop(): Promise<void>;
}

/** Builds and starts the gateway: schema, Apollo Server, HTTP; starts the emulator if no upstream is set. */
export async function createGateway(config: Readonly<Config>, deps: GatewayDeps): Promise<Gateway> {
  const { logger } = deps;
  let emulator: Emulator | undefined;
  let upstreamUrl = config.partnerCenterBaseUrl;
  if (upstreamUrl === undefined) {
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, recordRequests: false });
    upstreamUrl = emulator.url;
    logger.info(
      { emulatorUrl: emulator.url },
      'no PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD: serving the embedded Partner Center emulator with sample customers',
    );
  }

  const client = createPartnerCenterClient({
    baseUrl: upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    ...(config.upstreamDeadlineMs === undefined ? {} : { deadlineMs: config.upstreamDeadlineMs }),
    application: APPLICATION_NAME,
    ...deps.client,
  });

  const countryRules = createCountryRulesCache({ client, ttlMs: config.countryRulesTtlMs });

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const server = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    introspection: !config.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Production: no "Did you mean …?" hints that would reveal the schema introspection hides.
    hideSchemaDetailsFromClientErrors: config.production,
    validationRules: operationLimitRules(),
    // main.ts owns the process signals (house rule 2.7.4); Apollo's own handlers would re-raise them.
    stopOnTerminationSignals: false,
    formatError: createFormatError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      landingPagePlugin({
        production: config.production,
        embeddedEmulator: emulator !== undefined,
        exampleCustomerId: config.sandboxCustomerId ?? emulator?.store.customerIds()[0],
      }),
      requestLoggingPlugin({ logger }),
      legacyJsonStatusPlugin(),
    ],
    logger,
  });
  await server.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    GRAPHQL_PATH,
    cors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      exposedHeaders: ['ms-correlationid'],
      maxAge: 600,
    }),
    (req, res, next) => {
      const correlationId = correlationIdFrom(req.headers);
      res.locals.correlationId = correlationId;
      res.setHeader('ms-correlationid', correlationId);
      next();
    },
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(server, {
      context: ({ req, res }) =>
        Promise.resolve(
          createContext(
            { client, countryRules, logger },
            req.headers,
            String(res.locals.correlationId),
          ),
        ),
    }),
  );
  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host =
    config.host === '0.0.0.0' || config.host === '::'
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;

  return {
    url: `http://${host}:${address.port}${GRAPHQL_PATH}`,
    upstreamUrl,
    emulator,
    stop: async () => {
      await server.stop();
      await client.close();
      await emulator?.close();
    },
  };
}
