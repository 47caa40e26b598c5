import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';

import type { GatewayContext } from '../context';
import { toGraphQLError } from '../errors/to-graphql-error';

/** Longest caller-supplied string a log line carries (an operation name can be 64 KiB). */
export const MAX_LOGGED_STRING = 100;

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
        willSendResponse({ contextValue, request, errors, operation }) {
          // These are the errors before formatError: upstream failures get their code here the same way.
          const codes = (errors ?? []).map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' ? code : toGraphQLError(unwrapResolverError(e)).code;
          });
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
