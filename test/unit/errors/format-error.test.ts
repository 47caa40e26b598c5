import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { formatError } from '../../../src/errors/format-error';
import { NotFoundError, withExtensions } from '../../../src/errors/gateway-errors';
import { toGraphQLError } from '../../../src/errors/to-graphql-error';
import { PartnerCenterError } from '../../../src/partner-center/partner-center-error';

// formatError only decides what the caller sees; the error-logging plugin logs (its own tests).

/** What graphql-js hands formatError for an error thrown in a resolver. */
function located(original: Error): GraphQLError {
  return new GraphQLError(original.message, {
    path: ['customer'],
    originalError: original,
  });
}

function formattedOf(error: GraphQLError): GraphQLFormattedError {
  return error.toJSON();
}

it('masks an unknown error as INTERNAL_SERVER_ERROR', () => {
  const error = located(new Error('database password is hunter2'));

  const result = formatError(formattedOf(error), error);

  expect(result).toEqual({
    message: 'Internal server error.',
    path: ['customer'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
  });
  expect(JSON.stringify(result)).not.toContain('hunter2');
});

it('turns an upstream failure into its documented code, with the correlation id', () => {
  const upstream = new PartnerCenterError(
    { kind: 'status', status: 403, upstreamCode: '400' },
    '0c0c0c0c-0000-4000-8000-000000000001',
    '0c0c0c0c-0000-4000-8000-000000000002',
  );
  const error = located(upstream);

  const result = formatError(formattedOf(error), error);

  expect(result.extensions).toEqual({
    code: 'FORBIDDEN',
    retryable: false,
    correlationId: '0c0c0c0c-0000-4000-8000-000000000001',
  });
  expect(result.message).not.toContain('403');
});

it('passes a documented gateway error through without a stack trace', () => {
  const error = located(new NotFoundError('Partner Center has no such customer.'));
  const formatted = {
    ...formattedOf(error),
    extensions: { ...error.extensions, stacktrace: ['at x'] },
  };

  const result = formatError(formatted, error);

  expect(result.extensions).toEqual({ code: 'NOT_FOUND', retryable: false });
});

it("passes Apollo's own request errors through", () => {
  const error = new GraphQLError('Cannot query field "x" on type "Query".', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });

  expect(formatError(formattedOf(error), error).extensions).toEqual({
    code: 'GRAPHQL_VALIDATION_FAILED',
  });
});

it('never throws, even for a formatted error it cannot read', () => {
  const hostile = {
    message: 'x',
    get extensions(): never {
      throw new Error('boom');
    },
  } as unknown as GraphQLFormattedError;

  expect(formatError(hostile, new GraphQLError('x')).extensions?.code).toBe(
    'INTERNAL_SERVER_ERROR',
  );
});

describe("the mutation's written extension", () => {
  it('survives the masking of an unexpected error', () => {
    const error = located(
      withExtensions(toGraphQLError(new TypeError('cannot read x of undefined')), {
        written: null,
      }),
    );

    const result = formatError(formattedOf(error), error);

    expect(result).toEqual({
      message: 'Internal server error.',
      path: ['customer'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, written: null },
    });
    expect(JSON.stringify(result)).not.toContain('cannot read x');
  });

  it('travels with a documented code', () => {
    const upstream = new PartnerCenterError({ kind: 'timeout' }, 'corr-1', 'req-1');
    const error = located(withExtensions(toGraphQLError(upstream), { written: false }));

    const result = formatError(formattedOf(error), error);

    expect(result.extensions).toEqual({
      code: 'UPSTREAM_TIMEOUT',
      retryable: true,
      correlationId: 'corr-1',
      written: false,
    });
  });
});
