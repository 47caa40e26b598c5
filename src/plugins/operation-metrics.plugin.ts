import type { ApolloServerPlugin } from '@apollo/server';

import type { GatewayContext } from '../context';
import { toOutcome } from '../observability/metric-labels';
import type { GatewayMetrics } from '../observability/metrics';
import { answerErrors } from './answer-errors';

/**
 * graphql_operations_total and graphql_operation_duration_seconds: per request, the resolved
 * operation's name (never the caller's raw operationName) and the outcome from the codes formatError
 * gave the answer.
 */
export function operationMetricsPlugin(options: {
  metrics: GatewayMetrics;
}): ApolloServerPlugin<GatewayContext> {
  const { metrics } = options;
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operation, response }) {
          metrics.operation(
            operation === undefined ? undefined : (operation.name?.value ?? null),
            toOutcome(answerErrors(response)),
            (performance.now() - started) / 1000,
          );
          return Promise.resolve();
        },
      });
    },
  };
}
