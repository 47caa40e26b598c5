import { Writable } from 'node:stream';

import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { createFormatError } from '../../../src/errors/format-error';
import { NotFoundError, withExtensions } from '../../../src/errors/gateway-errors';
import { toGraphQLError } from '../../../src/errors/to-graphql-error';
import { createLogger } from '../../../src/logger';
import { PartnerCenterError } from '../../../src/partner-center/partner-center-error';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
  return { formatError: createFormatError(createLogger({ level: 'info' }, sink)), lines };
}

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

it('masks an unknown error as INTERNAL_SERVER_ERROR and logs it in full', () => {
  const { formatError, lines } = setup();
  const error = located(new Error('database password is hunter2'));

  const result = formatError(formattedOf(error), error);

  expect(result).toEqual({
    message: 'Internal server error.',
    path: ['customer'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
  });
  expect(JSON.stringify(result)).not.toContain('hunter2');
  expect(lines).toHaveLength(1);
  expect(lines[0]?.msg).toBe('unexpected error');
  expect(JSON.stringify(lines[0])).toContain('hunter2');
});

it('turns an upstream failure into its documented code, with the correlation id, and logs a warning', () => {
  const { formatError, lines } = setup();
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
  expect(lines.map((l) => l.msg)).toEqual(['upstream failure']);
});

it('passes a documented gateway error through without a stack trace', () => {
  const { formatError, lines } = setup();
  const error = located(new NotFoundError('Partner Center has no such customer.'));
  const formatted = {
    ...formattedOf(error),
    extensions: { ...error.extensions, stacktrace: ['at x'] },
  };

  const result = formatError(formatted, error);

  expect(result.extensions).toEqual({ code: 'NOT_FOUND', retryable: false });
  expect(lines).toEqual([]);
});

it("passes Apollo's own request errors through", () => {
  const { formatError } = setup();
  const error = new GraphQLError('Cannot query field "x" on type "Query".', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });

  expect(formatError(formattedOf(error), error).extensions).toEqual({
    code: 'GRAPHQL_VALIDATION_FAILED',
  });
});

it('never throws, even for a formatted error it cannot read', () => {
  const { formatError } = setup();
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
  it('survives the masking of an unexpected error, and the cause is still logged', () => {
    const { formatError, lines } = setup();
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
    expect(JSON.stringify(lines)).toContain('cannot read x of undefined');
  });

  it('travels with a documented code, and the upstream failure behind it is logged once', () => {
    const { formatError, lines } = setup();
    const upstream = new PartnerCenterError({ kind: 'timeout' }, 'corr-1', 'req-1');
    const error = located(withExtensions(toGraphQLError(upstream), { written: false }));

    const result = formatError(formattedOf(error), error);

    expect(result.extensions).toEqual({
      code: 'UPSTREAM_TIMEOUT',
      retryable: true,
      correlationId: 'corr-1',
      written: false,
    });
    expect(lines.filter((l) => l.msg === 'upstream failure')).toHaveLength(1);
  });
});
