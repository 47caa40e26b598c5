import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

import { useStack } from '../../helpers/start-stack';
import { readProfile, upstream, US_CUSTOMER } from '../gateway/gateway-test-kit';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  const stack = useStack({ spanExporter: exporter });
  beforeEach(() => exporter.reset());

  /** The operation's SERVER span and its Partner Center CLIENT spans (spans are exported as they end). */
  function spans(): { operation: ReadableSpan; calls: ReadableSpan[] } {
    const finished = exporter.getFinishedSpans();
    const operations = finished.filter((s) => s.kind === SpanKind.SERVER);
    expect(operations).toHaveLength(1);
    return { operation: operations[0]!, calls: finished.filter((s) => s.kind === SpanKind.CLIENT) };
  }

  it("makes the operation's span a child of the caller's traceparent, and each Partner Center call its child", async () => {
    const response = await readProfile(stack, US_CUSTOMER, {
      headers: { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' },
    });
    expect(response.errors).toBeUndefined();

    const { operation, calls } = spans();
    expect(operation.name).toBe('query GetCustomerBillingProfile');
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(operation.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'GetCustomerBillingProfile',
      'ms.correlation_id': response.headers['ms-correlationid'],
    });
    expect(operation.status.code).toBe(SpanStatusCode.UNSET);

    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.name).toBe('GET /v1/customers/{customerId}/profiles/billing');
    expect(call.spanContext().traceId).toBe(TRACE_ID);
    expect(call.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
    expect(call.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'url.template': '/v1/customers/{customerId}/profiles/billing',
      'server.address': '127.0.0.1',
    });
    expect(call.attributes['ms.request_id']).toBe(upstream(stack)[0]!.headers['ms-requestid']);

    // Partner Center gets the call's own span as its parent, and the caller's tracestate.
    const sent = upstream(stack)[0]!.headers;
    const [, traceId, parentId] = TRACEPARENT_PATTERN.exec(sent.traceparent ?? '') ?? [];
    expect(traceId).toBe(TRACE_ID);
    expect(parentId).toBe(call.spanContext().spanId);
    expect(sent.tracestate).toBe('congo=t61rcWkgMzE');
  });

  it('starts a new trace when the caller sends none (or one that does not parse)', async () => {
    for (const headers of [{}, { traceparent: '00-zzzz-00f067aa0ba902b7-01' }] as Record<
      string,
      string
    >[]) {
      exporter.reset();
      await readProfile(stack, US_CUSTOMER, { headers });
      const { operation, calls } = spans();
      expect(operation.parentSpanContext).toBeUndefined();
      expect(operation.spanContext().traceId).not.toBe(TRACE_ID);
      expect(calls[0]!.spanContext().traceId).toBe(operation.spanContext().traceId);
    }
  });

  it('records retried attempts as events of the one call span, and a failure as an error', async () => {
    stack.emulator.faults.set({ failNext: { status: 503, count: 1, methods: ['GET'] } });
    await readProfile(stack, US_CUSTOMER, { headers: { traceparent: TRACEPARENT } });

    const { calls } = spans();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.attributes['http.request.resend_count']).toBe(1);
    expect(calls[0]!.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'partner_center.attempt_failed',
        { 'partner_center.attempt': 1, 'http.response.status_code': 503 },
      ],
    ]);
    expect(calls[0]!.status.code).toBe(SpanStatusCode.UNSET);
    // Both sendings carry the same span as their parent.
    const parents = upstream(stack).map(
      (r) => TRACEPARENT_PATTERN.exec(r.headers.traceparent!)?.[2],
    );
    expect(parents).toEqual([calls[0]!.spanContext().spanId, calls[0]!.spanContext().spanId]);

    exporter.reset();
    stack.emulator.faults.set({ failNext: { status: 403, count: 1 } });
    const refused = await readProfile(stack, US_CUSTOMER);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const failed = spans();
    expect(failed.calls[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: '403' });
    expect(failed.operation.status).toEqual({ code: SpanStatusCode.ERROR, message: 'FORBIDDEN' });
    expect(failed.operation.attributes['error.type']).toBe('FORBIDDEN');
  });
});

describe('with tracing off', () => {
  const stack = useStack();

  it("passes the caller's traceparent and tracestate on to Partner Center unchanged", async () => {
    await readProfile(stack, US_CUSTOMER, {
      headers: { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' },
    });

    const sent = upstream(stack)[0]!.headers;
    expect(sent.traceparent).toBe(TRACEPARENT);
    expect(sent.tracestate).toBe('congo=t61rcWkgMzE');
  });

  it('sends no trace headers without a valid traceparent, and never tracestate alone', async () => {
    await readProfile(stack, US_CUSTOMER);
    await readProfile(stack, US_CUSTOMER, {
      headers: { traceparent: 'not-a-traceparent', tracestate: 'congo=t61rcWkgMzE' },
    });

    for (const request of upstream(stack)) {
      expect(request.headers.traceparent).toBeUndefined();
      expect(request.headers.tracestate).toBeUndefined();
    }
  });
});
