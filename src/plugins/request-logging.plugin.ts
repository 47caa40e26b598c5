import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';

import type { GatewayContext } from '../context';
import { MAX_LOGGED_STRING } from '../logger';
import { answerCodes } from './answer-errors';

function truncate(value: string | null): string | null {
  return value !== null && value.length > MAX_LOGGED_STRING
    ? `${value.slice(0, MAX_LOGGED_STRING)}…`
    : value;
}

/** One log line per operation: correlation id, operation, duration and error codes. Never variables. */
export function requestLoggingPlugin(options: {
  logger: Logger;
}): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      if (!options.logger.isLevelEnabled('info')) {
        // Nothing would be written: no hook, and nothing built per request.
        return Promise.resolve();
      }
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ contextValue, request, response, operation }) {
          // The codes formatError gave the answer's errors: each error is converted once, there.
          const codes = answerCodes(response);
          options.logger.info(
            {
              correlationId: contextValue.correlationId,
              operationName: truncate(request.operationName ?? operation?.name?.value ?? null),
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
