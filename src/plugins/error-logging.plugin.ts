import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import type { GatewayContext } from '../context';
import { internalCause, rootCause } from '../errors/error-chain';
import { ErrorCode } from '../errors/error-code';
import {
  findPartnerCenterError,
  type PartnerCenterError,
} from '../partner-center/partner-center-error';
import { answerErrors } from './answer-errors';

/**
 * Logs each error of an operation once, with the request's logger (so with its correlation id), from
 * the codes formatError gave the answer: an unexpected one (masked as INTERNAL_SERVER_ERROR) at error
 * level with its stack and causes; a Partner Center failure (an expected, documented code) at warn;
 * a request refused by the runtime (a stack overflow behind an Apollo code) at warn. An error shared by
 * several fields (a loader's, for every field that asked for the same customer) is logged once.
 * Nothing happens for an operation without errors, and nothing is allocated for it.
 */
export function errorLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    willSendResponse({ errors, response, contextValue }) {
      if (errors !== undefined && errors.length > 0) {
        logErrors(contextValue.logger, errors, answerErrors(response) ?? []);
      }
      return Promise.resolve();
    },
  };
  return {
    requestDidStart: () => Promise.resolve(listener),
  };
}

function logErrors(
  logger: Logger,
  errors: readonly GraphQLError[],
  formatted: readonly GraphQLFormattedError[],
): void {
  const logged = new Set<unknown>();
  errors.forEach((error, i) => {
    const answer = formatted[i];
    const code = answer?.extensions?.code;
    const original = unwrapResolverError(error);
    const upstream = findPartnerCenterError(original);
    if (upstream !== undefined) {
      if (!logged.has(upstream)) {
        logged.add(upstream);
        logUpstreamFailure(logger, upstream, code, answer?.path);
      }
      return;
    }
    if (code === ErrorCode.INTERNAL_SERVER_ERROR || typeof code !== 'string') {
      const cause = rootCause(original);
      if (!logged.has(cause)) {
        logged.add(cause);
        logger.error({ err: cause, path: answer?.path }, 'unexpected error');
      }
      return;
    }
    if (code.startsWith('PERSISTED_QUERY_')) {
      logger.info({ code }, 'persisted query refused');
      return;
    }
    const internal = original instanceof GraphQLError ? internalCause(original) : undefined;
    if (internal !== undefined) {
      logger.warn(
        { code, error: internal.message.slice(0, 200) },
        'request refused by an internal failure',
      );
    }
  });
}

function logUpstreamFailure(
  logger: Logger,
  error: PartnerCenterError,
  code: unknown,
  path: GraphQLFormattedError['path'],
): void {
  logger.warn(
    {
      code,
      failure: error.failure.kind,
      status: error.status,
      upstreamCode: error.upstreamCode,
      requestId: error.requestId,
      path,
    },
    'upstream failure',
  );
}
