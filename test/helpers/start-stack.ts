import { Writable } from 'node:stream';

import { loadConfig, type Config } from '../../src/config';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/emulator';
import { createGateway, type Gateway, type GatewayDeps } from '../../src/gateway';
import { createLogger } from '../../src/logger';

export interface Stack {
  gatewayUrl: string;
  emulator: Emulator;
  gateway: Gateway;
  /** Every log line the gateway wrote, parsed (tests assert that secrets never appear). */
  logs: Record<string, unknown>[];
  /** The raw log text. */
  logText(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  emulator?: EmulatorOptions;
  /** Environment for loadConfig, on top of a loopback port-0 base. */
  env?: Record<string, string>;
  client?: GatewayDeps['client'];
  /** App mode overrides (a CA to trust for the token authority). */
  app?: GatewayDeps['app'];
  /** Spans go to this exporter (tracing on without OTLP). */
  spanExporter?: GatewayDeps['spanExporter'];
  /** Further Apollo Server plugins. */
  plugins?: GatewayDeps['plugins'];
}

/** The real emulator and the real gateway on loopback port 0, as a frontend sees them. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', ...options.emulator });
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARTNER_CENTER_BASE_URL: emulator.url,
    LOG_LEVEL: 'info',
    PARTNER_CENTER_RETRIES: '2',
    ...options.env,
  });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: config.logLevel }, sink);
  const gateway = await createGateway(config, {
    logger,
    // Short back-off keeps retry tests fast; the policy (what is retried) is the production one.
    client: { minRetryDelayMs: 10, maxRetryDelayMs: 50, ...options.client },
    ...(options.app === undefined ? {} : { app: options.app }),
    ...(options.spanExporter === undefined ? {} : { spanExporter: options.spanExporter }),
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
  });
  const logText = (): string => chunks.join('');
  return {
    gatewayUrl: gateway.url,
    emulator,
    gateway,
    get logs() {
      return logText()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText,
    stop: async () => {
      await gateway.stop();
      await emulator.close();
    },
  };
}

/**
 * One stack per test file: started before the file's tests, stopped after them, with the emulator
 * reset (seed data, faults, log) before each test. The returned object forwards to the running stack.
 */
export function useStack(options: StackOptions = {}): Stack {
  let current: Stack | undefined;
  beforeAll(async () => {
    current = await startStack(options);
  });
  afterAll(async () => {
    await current?.stop();
  });
  beforeEach(() => {
    current?.emulator.reset();
  });
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!current) {
        throw new Error('the stack is used outside a test (it starts in beforeAll)');
      }
      return Reflect.get(current, key) as unknown;
    },
  });
}
