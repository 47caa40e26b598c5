import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

import type { GatewayContext } from '../context';
import { MAX_LOGGED_STRING } from '../logger';
import { toOutcome } from '../observability/metric-labels';
import { ATTR_CORRELATION_ID } from '../observability/partner-center-tracing';
import { answerErrors } from './answer-errors';

// Incubating semantic conventions are copied, as their package asks, not imported.
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** The span's name until (unless) the operation resolves, as the GraphQL conventions name it. */
const UNRESOLVED_NAME = 'GraphQL Operation';

const headerGetter: TextMapGetter<HeaderMap | undefined> = {
  get: (carrier, key) => carrier?.get(key),
  keys: (carrier) => (carrier ? [...carrier.keys()] : []),
};

/**
 * A SERVER span per GraphQL request, child of the caller's W3C traceparent (extracted here, from the
 * request's headers, with no context manager), named `<type> <name>` once the operation resolves.
 * Its context goes to the request's Partner Center calls (CallContext.traceContext), whose spans are
 * its children. Only installed when tracing is on.
 */
export function tracingPlugin(options: {
  tracer: Tracer;
  propagator: TextMapPropagator;
}): ApolloServerPlugin<GatewayContext> {
  const { tracer, propagator } = options;
  return {
    requestDidStart({ request, contextValue }) {
      const parent = propagator.extract(ROOT_CONTEXT, request.http?.headers, headerGetter);
      const span = tracer.startSpan(
        UNRESOLVED_NAME,
        {
          kind: SpanKind.SERVER,
          attributes: { [ATTR_CORRELATION_ID]: contextValue.correlationId },
        },
        parent,
      );
      if (contextValue.call !== undefined) {
        contextValue.call.traceContext = trace.setSpan(parent, span);
      }
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation === undefined) {
            return Promise.resolve();
          }
          const type = operation.operation;
          const name = operation.name?.value.slice(0, MAX_LOGGED_STRING);
          span.updateName(name === undefined ? type : `${type} ${name}`);
          span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
          if (name !== undefined) {
            span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
          }
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const outcome = toOutcome(answerErrors(response));
          if (outcome !== 'success') {
            span.setAttribute(ATTR_ERROR_TYPE, outcome);
            span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          }
          span.end();
          return Promise.resolve();
        },
      });
    },
  };
}
