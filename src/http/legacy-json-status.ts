import Negotiator from 'negotiator';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';
// The failures of a well-formed request that the spec's 200 rule covers; HTTP-level refusals
// (BAD_REQUEST: no query, CSRF, bad method) keep their 4xx.
const DOCUMENT_FAILURE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) SHOULD get
 * 200 for parse, validation and variable-coercion failures, because intermediaries may swallow a 4xx
 * body. Apollo Server answers 400 for both media types; this keeps 400 for
 * `application/graphql-response+json` (where the spec asks for it) and gives 200 to `application/json`.
 * Applied to Apollo's answer in the HTTP layer, and only to a 400, so no other answer pays for it.
 */
export function legacyJsonStatus(status: number, accept: string | undefined, body: string): number {
  if (status !== 400) {
    return status;
  }
  const preferred = accept
    ? new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE])
    : JSON_TYPE;
  if (preferred !== JSON_TYPE) {
    return status;
  }
  let result: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return status;
  }
  const errors = result.errors ?? [];
  return result.data === undefined &&
    errors.length > 0 &&
    errors.every((e) => DOCUMENT_FAILURE_CODES.has(String(e.extensions?.code)))
    ? 200
    : status;
}
