import { legacyJsonStatus } from '../../../src/http/legacy-json-status';

const failed = (code: string): string => JSON.stringify({ errors: [{ extensions: { code } }] });

describe('legacyJsonStatus', () => {
  it.each<[string, number, string | undefined, string, number]>([
    [
      'a parse failure for a legacy JSON client',
      400,
      'application/json',
      failed('GRAPHQL_PARSE_FAILED'),
      200,
    ],
    [
      'a validation failure, no Accept header',
      400,
      undefined,
      failed('GRAPHQL_VALIDATION_FAILED'),
      200,
    ],
    ['a variable coercion failure', 400, 'application/json', failed('BAD_USER_INPUT'), 200],
    [
      'a parse failure for a graphql-response+json client',
      400,
      'application/graphql-response+json',
      failed('GRAPHQL_PARSE_FAILED'),
      400,
    ],
    ['an HTTP-level refusal (CSRF, no query)', 400, 'application/json', failed('BAD_REQUEST'), 400],
    [
      'an answer with data',
      400,
      'application/json',
      JSON.stringify({ data: null, errors: [] }),
      400,
    ],
    ['a body that is not JSON', 400, 'application/json', 'oops', 400],
    ['any other status', 200, 'application/json', failed('GRAPHQL_PARSE_FAILED'), 200],
    ['a 413', 413, 'application/json', failed('GRAPHQL_PARSE_FAILED'), 413],
  ])('%s', (_name, status, accept, body, expected) => {
    expect(legacyJsonStatus(status, accept, body)).toBe(expected);
  });
});
