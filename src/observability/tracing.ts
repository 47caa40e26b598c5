import type { ApolloServerPlugin } from '@apollo/server';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

import type { GatewayContext } from '../context';
import { PRODUCT_NAME } from '../version';
import type { PartnerCenterTracing } from './partner-center-tracing';

/** OTLP export of the gateway's spans (loadConfig reads it from the OTEL_* variables). */
export interface TracingConfig {
  /** Where spans are POSTed, e.g. http://collector:4318/v1/traces. */
  tracesUrl: string;
  /** OTLP over HTTP with protobuf (the default of the OTLP exporter specification) or JSON bodies. */
  protocol: 'http/protobuf' | 'http/json';
  /** The resource's service.name (OTEL_SERVICE_NAME; default partner-center-bff). */
  serviceName: string;
}

export interface Tracing {
  /** The Apollo plugin that makes each GraphQL operation's span. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** What the Partner Center client records its calls' spans with. */
  partnerCenter(baseUrl: string): PartnerCenterTracing;
  /** Exports the spans still buffered, then stops (graceful shutdown). */
  shutdown(): Promise<void>;
}

/**
 * An OpenTelemetry tracer provider of the gateway's own: never registered as the global one, and with
 * no context manager (no async hooks): spans are parented explicitly, from the caller's traceparent to
 * the operation's span to each Partner Center call's span. This module and everything it loads are
 * imported only when tracing is on, so a gateway without OTEL_EXPORTER_OTLP_ENDPOINT never has the
 * SDK in memory and makes no span.
 *
 * `exporter` (tests) replaces OTLP: spans go to it one by one as they end. Otherwise spans are batched
 * (the SDK's BatchSpanProcessor, which honours the OTEL_BSP_* variables) and POSTed to the endpoint.
 */
export async function startTracing(
  options: { config: TracingConfig; exporter?: undefined } | { exporter: SpanExporter },
  service: { name: string; version: string },
): Promise<Tracing> {
  const [sdk, resources, semconv, core, plugins, partnerCenter] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
    import('@opentelemetry/core'),
    import('../plugins/tracing.plugin'),
    import('./partner-center-tracing'),
  ]);
  const resource = resources.resourceFromAttributes({
    [semconv.ATTR_SERVICE_NAME]: service.name,
    [semconv.ATTR_SERVICE_VERSION]: service.version,
  });
  const spanProcessor =
    options.exporter === undefined
      ? new sdk.BatchSpanProcessor(await otlpExporter(options.config))
      : new sdk.SimpleSpanProcessor(options.exporter);
  const provider = new sdk.BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  const tracer = provider.getTracer(PRODUCT_NAME, service.version);
  const propagator = new core.W3CTraceContextPropagator();
  return {
    plugin: plugins.tracingPlugin({ tracer, propagator }),
    partnerCenter: (baseUrl) =>
      partnerCenter.createPartnerCenterTracing({ tracer, propagator, baseUrl }),
    shutdown: () => provider.shutdown(),
  };
}

async function otlpExporter(config: TracingConfig): Promise<SpanExporter> {
  // The exporters still read OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT and _COMPRESSION themselves; the
  // URL given here wins over their own reading of the endpoint variables.
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url: config.tracesUrl });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url: config.tracesUrl });
}
