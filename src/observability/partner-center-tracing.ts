import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapSetter,
  trace,
  type Context,
  type Span,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';

import type { HttpMethod } from './metrics';
import type { TransportOutcome } from './metric-labels';

// Incubating semantic conventions are copied, as their package asks, not imported.
const ATTR_URL_TEMPLATE = 'url.template';
/** The gateway's correlation id for the GraphQL request, sent as MS-CorrelationId. */
export const ATTR_CORRELATION_ID = 'ms.correlation_id';
/** The call's MS-RequestId (the same on a resend; a new one after an app-token refresh). */
export const ATTR_REQUEST_ID = 'ms.request_id';

/** The span of one logical Partner Center call (every attempt, back-off and retry inside it). */
export interface CallSpan {
  /** Puts the call's traceparent (and tracestate) into the request headers. */
  inject(headers: Record<string, string>): void;
  /** One attempt ended without an answer to hand back: an event, before a retry or the end. */
  attemptFailed(attempt: number, status: number | TransportOutcome): void;
  /** The call ended: `status` of the last attempt; `failed` when it threw. */
  end(
    status: number | TransportOutcome | undefined,
    failed: boolean,
    requestId: string,
    resends: number,
  ): void;
}

export interface PartnerCenterTracing {
  /** A CLIENT span, child of `parent` (the GraphQL operation's span), for one logical call. */
  startCall(
    method: HttpMethod,
    path: string,
    parent: Context | undefined,
    correlationId: string,
  ): CallSpan;
}

/** Partner Center paths with their ids replaced, for span names (`GET /v1/customers/{customerId}/…`). */
export function toUrlTemplate(path: string): string {
  return path
    .replace(/^\/v1\/customers\/[^/?]+/, '/v1/customers/{customerId}')
    .replace(/^\/v1\/countryvalidationrules\/[^/?]+/, '/v1/countryvalidationrules/{countryCode}');
}

export function createPartnerCenterTracing(options: {
  tracer: Tracer;
  propagator: TextMapPropagator;
  baseUrl: string;
}): PartnerCenterTracing {
  const { tracer, propagator } = options;
  const base = new URL(options.baseUrl);
  const port = Number(base.port || (base.protocol === 'https:' ? 443 : 80));

  return {
    startCall(method, path, parent, correlationId) {
      const template = toUrlTemplate(path);
      const context = parent ?? ROOT_CONTEXT;
      const span: Span = tracer.startSpan(
        `${method} ${template}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: method,
            [ATTR_SERVER_ADDRESS]: base.hostname,
            [ATTR_SERVER_PORT]: port,
            [ATTR_URL_FULL]: `${base.origin}${path}`,
            [ATTR_URL_TEMPLATE]: template,
            [ATTR_CORRELATION_ID]: correlationId,
          },
        },
        context,
      );
      const spanContext = trace.setSpan(context, span);
      return {
        inject(headers) {
          propagator.inject(spanContext, headers, defaultTextMapSetter);
        },
        attemptFailed(attempt, status) {
          span.addEvent('partner_center.attempt_failed', {
            'partner_center.attempt': attempt,
            ...(typeof status === 'number'
              ? { [ATTR_HTTP_RESPONSE_STATUS_CODE]: status }
              : { [ATTR_ERROR_TYPE]: status }),
          });
        },
        end(status, failed, requestId, resends) {
          span.setAttribute(ATTR_REQUEST_ID, requestId);
          if (typeof status === 'number') {
            span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
          }
          if (resends > 0) {
            span.setAttribute(ATTR_HTTP_REQUEST_RESEND_COUNT, resends);
          }
          if (failed) {
            const type = status === undefined ? 'not_sent' : String(status);
            span.setAttribute(ATTR_ERROR_TYPE, type);
            span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          }
          span.end();
        },
      };
    },
  };
}
