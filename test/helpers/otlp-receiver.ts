/**
 * A stand-in OpenTelemetry collector on loopback: it accepts OTLP/HTTP trace exports (POST /v1/traces)
 * in protobuf or JSON, decodes them independently of the exporters (protobufjs with the OTLP trace
 * messages below, from opentelemetry-proto), and keeps the spans.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import protobuf from 'protobufjs';

// The fields of opentelemetry/proto/collector/trace/v1/trace_service.proto (and what it imports) that
// the tests read; protobuf skips the others. Enums are read as their numbers.
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message InstrumentationScope { string name = 1; string version = 2; }
message Status { string message = 2; int32 code = 3; }
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; repeated Event events = 11; Status status = 15;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
`;
const ExportTraceServiceRequest = protobuf
  .parse(OTLP_TRACE_PROTO)
  .root.lookupType('otlp.ExportTraceServiceRequest');

type Scalar = string | number | boolean;

export interface ReceivedSpan {
  name: string;
  /** OTLP SpanKind: 2 SERVER, 3 CLIENT. */
  kind: number;
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  attributes: Record<string, Scalar>;
  events: { name: string; attributes: Record<string, Scalar> }[];
  status: { code: number; message: string };
  resource: Record<string, Scalar>;
  scope: string;
}

export interface OtlpReceiver {
  url: string;
  /** Every span received, in order of arrival. */
  spans: ReceivedSpan[];
  /** The content types of the exports received. */
  contentTypes: string[];
  close(): Promise<void>;
}

interface KeyValueJson {
  key: string;
  value?: {
    stringValue?: string;
    boolValue?: boolean;
    intValue?: string | number;
    doubleValue?: number;
  };
}

interface SpanJson {
  name: string;
  kind?: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: KeyValueJson[];
  events?: { name: string; attributes?: KeyValueJson[] }[];
  status?: { code?: number; message?: string };
}

interface ExportJson {
  resourceSpans?: {
    resource?: { attributes?: KeyValueJson[] };
    scopeSpans?: { scope?: { name?: string }; spans?: SpanJson[] }[];
  }[];
}

function attributesOf(list: KeyValueJson[] | undefined): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const { key, value } of list ?? []) {
    if (value?.stringValue !== undefined) {
      out[key] = value.stringValue;
    } else if (value?.boolValue !== undefined) {
      out[key] = value.boolValue;
    } else if (value?.intValue !== undefined) {
      out[key] = Number(value.intValue);
    } else if (value?.doubleValue !== undefined) {
      out[key] = value.doubleValue;
    }
  }
  return out;
}

/** Both encodings as one shape: protobuf ids are bytes (hex here), OTLP/JSON ids are hex already. */
function spansOf(body: ExportJson): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) =>
    (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        name: span.name,
        kind: span.kind ?? 0,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        attributes: attributesOf(span.attributes),
        events: (span.events ?? []).map((e) => ({
          name: e.name,
          attributes: attributesOf(e.attributes),
        })),
        status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
        resource: attributesOf(resourceSpans.resource?.attributes),
        scope: scopeSpans.scope?.name ?? '',
      })),
    ),
  );
}

function decodeProtobuf(bytes: Buffer): ExportJson {
  const message = ExportTraceServiceRequest.decode(bytes);
  const object: ExportJson = ExportTraceServiceRequest.toObject(message, {
    longs: String,
    bytes: String,
    defaults: false,
  });
  return object;
}

/** protobufjs gives bytes as base64: ids become hex, as OTLP/JSON has them. */
function hexIds(body: ExportJson): ExportJson {
  const hex = (base64: string | undefined): string =>
    base64 ? Buffer.from(base64, 'base64').toString('hex') : '';
  for (const resourceSpans of body.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        span.traceId = hex(span.traceId);
        span.spanId = hex(span.spanId);
        span.parentSpanId = hex(span.parentSpanId);
      }
    }
  }
  return body;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const bytes = Buffer.concat(chunks);
      contentTypes.push(type);
      if (type === 'application/x-protobuf') {
        spans.push(...spansOf(hexIds(decodeProtobuf(bytes))));
        // An empty ExportTraceServiceResponse: full success.
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } else if (type === 'application/json') {
        spans.push(...spansOf(JSON.parse(bytes.toString('utf8')) as ExportJson));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(415).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
