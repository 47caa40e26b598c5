import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';

import type { GatewayContext } from '../context';

/** One log line per operation: correlation id, operation, duration and error codes. Never variables. */
export function requestLoggingPlugin(options: {
  logger: Logger;
}): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ contextValue, request, errors, operation }) {
          const codes = (errors ?? []).map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' ? code : 'UNKNOWN';
          });
          options.logger.info(
            {
              correlationId: contextValue.correlationId,
              operationName: request.operationName ?? null,
              operation: operation?.operation ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              ...(codes.length > 0 ? { errorCodes: codes } : {}),
            },
            'graphql operation',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
