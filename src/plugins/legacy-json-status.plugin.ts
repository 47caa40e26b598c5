import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';

const JSON_TYPE = 'application/json';
// The failures of a well-formed request that the spec's 200 rule covers; HTTP-level refusals
// (BAD_REQUEST: no query, CSRF, bad method) keep their 4xx.
const DOCUMENT_FAILURE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) SHOULD get
 * 200 for parse, validation and variable-coercion failures, because intermediaries may swallow a 4xx
 * body. Apollo Server answers 400 for both media types; this keeps 400 for
 * `application/graphql-response+json` (where the spec asks for it) and sends 200 for `application/json`.
 */
export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ request, response }) {
          if (response.http.status !== 400) {
            return Promise.resolve();
          }
          // Negotiated only for the rare 400: most answers never need it.
          const accept = request.http?.headers.get('accept');
          const preferred = accept
            ? new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE])
            : JSON_TYPE;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (
            preferred === JSON_TYPE &&
            result?.data === undefined &&
            (result?.errors?.length ?? 0) > 0 &&
            result?.errors?.every((e) => DOCUMENT_FAILURE_CODES.has(String(e.extensions?.code)))
          ) {
            response.http.status = 200;
          }
          return Promise.resolve();
        },
      });
    },
  };
}
