import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GetCustomerBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { startOtlpReceiver, type OtlpReceiver } from '../../helpers/otlp-receiver';
import { run, stop, waitForLine, type Started } from '../../helpers/run-process';

// The built gateway as `npm start` runs it, exporting to a collector on loopback. (The OTLP exporters
// load node:http with a dynamic import(), which jest's module sandbox cannot run: in-process tests use
// an in-memory exporter instead, test/integration/observability/tracing.test.ts.)
const SAMPLE_CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const READY = /partner-center-bff ready at (http:\/\/\S+)"/;
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN_ID = 'b7ad6b7169203331';
const LOADED_MARK = 'observability-test loaded modules: ';

let dir: string;
let preload: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bff-observability-'));
  preload = join(dir, 'report-modules.js');
  // Preloaded into the gateway: at exit, which OpenTelemetry modules the process ever loaded.
  await writeFile(
    preload,
    `process.on('exit', () => {
      const loaded = Object.keys(require.cache)
        .filter((path) => path.includes('@opentelemetry'))
        .map((path) => path.replace(/^.*node_modules\\/(@opentelemetry\\/[^/]+).*$/, '$1'));
      process.stderr.write(${JSON.stringify(LOADED_MARK)} + JSON.stringify([...new Set(loaded)].sort()) + '\\n');
    });\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readOnce(gateway: Started, headers: Record<string, string> = {}): Promise<string> {
  const [, url] = await waitForLine(gateway, READY);
  const result = await postGraphQL(
    url!,
    GetCustomerBillingProfileDocument,
    { id: SAMPLE_CUSTOMER },
    {
      headers,
    },
  );
  expect(result.errors).toBeUndefined();
  return String(result.headers['ms-correlationid']);
}

function loadedModules(gateway: Started): string[] {
  const line = gateway.lines.find((l) => l.startsWith(LOADED_MARK));
  expect(line).toBeDefined();
  return JSON.parse(line!.slice(LOADED_MARK.length)) as string[];
}

describe('traces exported over OTLP to a collector on loopback', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it.each([
    ['http/protobuf', 'application/x-protobuf'],
    ['http/json', 'application/json'],
  ])('sends the spans as OTLP %s, flushed on SIGTERM', async (protocol, contentType) => {
    const gateway = run('main.js', {
      PORT: '0',
      HOST: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'billing-bff-test',
      NODE_OPTIONS: `--require ${preload}`,
    });
    let correlationId: string;
    try {
      correlationId = await readOnce(gateway, {
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`,
      });
    } finally {
      // Batched spans go out at the graceful stop, before the process exits.
      expect(await stop(gateway)).toBe(0);
    }

    expect(new Set(receiver.contentTypes)).toEqual(new Set([contentType]));
    expect(receiver.spans).toHaveLength(2);
    const operation = receiver.spans.find((s) => s.kind === 2);
    expect(operation).toMatchObject({
      name: 'query GetCustomerBillingProfile',
      traceId: TRACE_ID,
      parentSpanId: CALLER_SPAN_ID,
      attributes: {
        'graphql.operation.name': 'GetCustomerBillingProfile',
        'graphql.operation.type': 'query',
        'ms.correlation_id': correlationId,
      },
      resource: {
        'service.name': 'billing-bff-test',
        'service.version': expect.any(String) as unknown,
      },
      scope: 'partner-center-bff',
    });
    expect(receiver.spans.find((s) => s.kind === 3)).toMatchObject({
      name: 'GET /v1/customers/{customerId}/profiles/billing',
      traceId: TRACE_ID,
      parentSpanId: operation!.spanId,
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'url.template': '/v1/customers/{customerId}/profiles/billing',
        'ms.correlation_id': correlationId,
      },
    });
    // On: the SDK and one exporter, and still no context manager (no async hooks).
    const loaded = loadedModules(gateway);
    expect(loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-base']));
    expect(loaded).not.toContain('@opentelemetry/context-async-hooks');
  });
});

it('loads no OpenTelemetry SDK, exporter or context manager without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
  const gateway = run('main.js', {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_OPTIONS: `--require ${preload}`,
  });
  try {
    await readOnce(gateway, { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` });
  } finally {
    expect(await stop(gateway)).toBe(0);
  }

  const loaded = loadedModules(gateway);
  // The API alone (prom-client uses it): its no-op tracer is never asked for a span.
  for (const module of loaded) {
    expect(['@opentelemetry/api']).toContain(module);
  }
});
