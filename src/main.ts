/* eslint-disable no-console -- the process entry point reports start-up failures on stderr */
import 'reflect-metadata';

import pino from 'pino';

import { ConfigError, loadConfig } from './config';
import { createGateway } from './gateway';
import { createLogger } from './logger';

// The only file that touches the process: environment, signals, exit codes.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Asynchronous: a log line no longer waits for the terminal or the pipe (pino flushes on exit).
  const logger = createLogger(
    { level: config.logLevel },
    pino.destination({ dest: 1, sync: false }),
  );
  if (config.tracing !== undefined) {
    // The SDK reports a failed export (a collector down, a refused batch) to this process-wide handler.
    const { setGlobalErrorHandler } = await import('@opentelemetry/core');
    setGlobalErrorHandler((error) => logger.warn({ err: error }, 'OpenTelemetry error'));
  }
  const gateway = await createGateway(config, { logger });
  logger.info(
    {
      url: gateway.url,
      upstream: gateway.emulator ? 'embedded emulator' : gateway.upstreamUrl,
      auth: config.auth.mode,
    },
    `partner-center-bff ready at ${gateway.url}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
