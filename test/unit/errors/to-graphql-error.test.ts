import { GraphQLError } from 'graphql';

import { ErrorCode, RETRYABLE } from '../../../src/errors/error-code';
import {
  BadUserInputError,
  type GatewayError,
  NotFoundError,
} from '../../../src/errors/gateway-errors';
import { MAX_RETRY_AFTER_SECONDS, toGraphQLError } from '../../../src/errors/to-graphql-error';
import {
  PartnerCenterError,
  type PartnerCenterFailure,
} from '../../../src/partner-center/partner-center-error';

const CORRELATION_ID = '7d0b7c5e-1f0a-4a4e-9d52-3c2b1a0f9e8d';
const REQUEST_ID = 'c3a5e6f7-8b9c-4d0e-a1f2-3b4c5d6e7f80';

function upstream(failure: PartnerCenterFailure): PartnerCenterError {
  return new PartnerCenterError(failure, CORRELATION_ID, REQUEST_ID);
}

describe('toGraphQLError', () => {
  it.each<[number, ErrorCode]>([
    [400, ErrorCode.UPSTREAM_ERROR],
    [401, ErrorCode.UNAUTHENTICATED],
    [403, ErrorCode.FORBIDDEN],
    [404, ErrorCode.NOT_FOUND],
    [405, ErrorCode.UPSTREAM_ERROR],
    [406, ErrorCode.UPSTREAM_ERROR],
    [408, ErrorCode.UPSTREAM_TIMEOUT],
    [409, ErrorCode.UPSTREAM_ERROR],
    [412, ErrorCode.UPSTREAM_ERROR],
    [429, ErrorCode.RATE_LIMITED],
    [500, ErrorCode.UPSTREAM_UNAVAILABLE],
    [501, ErrorCode.UPSTREAM_UNAVAILABLE],
    [502, ErrorCode.UPSTREAM_UNAVAILABLE],
    [503, ErrorCode.UPSTREAM_UNAVAILABLE],
    [504, ErrorCode.UPSTREAM_TIMEOUT],
    [302, ErrorCode.UPSTREAM_ERROR],
  ])('maps an upstream %i answer to %s', (status, code) => {
    const error = toGraphQLError(upstream({ kind: 'status', status, upstreamCode: '800003' }));

    expect(error.extensions.code).toBe(code);
    expect(error.code).toBe(code);
  });

  it.each<[string, ErrorCode, PartnerCenterFailure]>([
    [
      '409 with code 800060 (an order in progress)',
      ErrorCode.UPSTREAM_UNAVAILABLE,
      { kind: 'status', status: 409, upstreamCode: '800060' },
    ],
    ['409 without a code', ErrorCode.UPSTREAM_ERROR, { kind: 'status', status: 409 }],
    [
      '409 with another code',
      ErrorCode.UPSTREAM_ERROR,
      { kind: 'status', status: 409, upstreamCode: '800002' },
    ],
    [
      '800060 on a status other than 409',
      ErrorCode.UPSTREAM_ERROR,
      { kind: 'status', status: 400, upstreamCode: '800060' },
    ],
    [
      '429 without any code (the documented throttling body)',
      ErrorCode.RATE_LIMITED,
      { kind: 'status', status: 429 },
    ],
    [
      '429 with a code',
      ErrorCode.RATE_LIMITED,
      { kind: 'status', status: 429, upstreamCode: '800060' },
    ],
  ])('maps an upstream %s to %s, retryable as documented', (_name, code, failure) => {
    const error = toGraphQLError(upstream(failure));

    expect(error.extensions.code).toBe(code);
    expect(error.extensions.retryable).toBe(RETRYABLE[code]);
  });

  it('marks an order in progress as retryable, unlike other conflicts', () => {
    const order = toGraphQLError(upstream({ kind: 'status', status: 409, upstreamCode: '800060' }));
    const other = toGraphQLError(upstream({ kind: 'status', status: 409 }));

    expect(order.extensions.retryable).toBe(true);
    expect(other.extensions.retryable).toBe(false);
    expect(order.extensions).not.toHaveProperty('retryAfterSeconds');
  });

  it.each<[string, PartnerCenterFailure, ErrorCode]>([
    ['a timeout', { kind: 'timeout' }, ErrorCode.UPSTREAM_TIMEOUT],
    [
      'a refused connection',
      { kind: 'unavailable', networkCode: 'ECONNREFUSED' },
      ErrorCode.UPSTREAM_UNAVAILABLE,
    ],
    [
      'a reset connection',
      { kind: 'unavailable', networkCode: 'ECONNRESET' },
      ErrorCode.UPSTREAM_UNAVAILABLE,
    ],
    ['an unreachable host without a code', { kind: 'unavailable' }, ErrorCode.UPSTREAM_UNAVAILABLE],
    [
      'an answer outside the contract',
      { kind: 'contract', reason: 'the success body is not JSON' },
      ErrorCode.UPSTREAM_ERROR,
    ],
  ])('maps %s to %s', (_name, failure, code) => {
    expect(toGraphQLError(upstream(failure)).extensions.code).toBe(code);
  });

  it.each<[string, PartnerCenterFailure]>([
    ['status', { kind: 'status', status: 503 }],
    ['timeout', { kind: 'timeout' }],
    ['unavailable', { kind: 'unavailable' }],
    ['contract', { kind: 'contract', reason: 'x' }],
  ])('carries the correlation id of a %s failure and keeps it as the cause', (_kind, failure) => {
    const cause = upstream(failure);

    const error = toGraphQLError(cause);

    expect(error.extensions.correlationId).toBe(CORRELATION_ID);
    expect(error.originalError).toBe(cause);
  });

  it.each<[string, number | undefined, number]>([
    ['the Retry-After delay', 7, 7],
    ['zero seconds', 0, 0],
    ['one second when Partner Center gave no delay', undefined, 1],
  ])('answers RATE_LIMITED with %s as retryAfterSeconds', (_name, retryAfterSeconds, expected) => {
    const failure: PartnerCenterFailure = {
      kind: 'status',
      status: 429,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };

    const error = toGraphQLError(upstream(failure));

    expect(error.extensions.retryAfterSeconds).toBe(expected);
  });

  it('adds retryAfterSeconds only to RATE_LIMITED', () => {
    const error = toGraphQLError(upstream({ kind: 'status', status: 503, retryAfterSeconds: 7 }));

    expect(error.extensions).not.toHaveProperty('retryAfterSeconds');
  });

  it.each(Object.values(ErrorCode).filter((code) => code !== ErrorCode.BAD_USER_INPUT))(
    'marks %s with its documented retryable flag',
    (code) => {
      const failures: Record<string, PartnerCenterFailure> = {
        UNAUTHENTICATED: { kind: 'status', status: 401 },
        FORBIDDEN: { kind: 'status', status: 403 },
        NOT_FOUND: { kind: 'status', status: 404 },
        RATE_LIMITED: { kind: 'status', status: 429 },
        UPSTREAM_TIMEOUT: { kind: 'timeout' },
        UPSTREAM_UNAVAILABLE: { kind: 'status', status: 503 },
        UPSTREAM_ERROR: { kind: 'contract', reason: 'x' },
        SHUTTING_DOWN: { kind: 'shutdown' },
      };
      const error =
        code === ErrorCode.INTERNAL_SERVER_ERROR
          ? toGraphQLError(new Error('boom'))
          : toGraphQLError(upstream(failures[code]!));

      expect(error.extensions.code).toBe(code);
      expect(error.extensions.retryable).toBe(RETRYABLE[code]);
    },
  );

  it('exposes only safe extensions: no upstream code, request id, status or field data', () => {
    const error = toGraphQLError(
      upstream({
        kind: 'status',
        status: 429,
        upstreamCode: '800060',
        retryAfterSeconds: 3,
        fieldProblems: [{ field: 'Email', message: 'secret detail' }],
      }),
    );

    expect(Object.keys(error.extensions).sort()).toEqual(
      ['code', 'correlationId', 'retryAfterSeconds', 'retryable'].sort(),
    );
    expect(error.message).not.toContain('800060');
    expect(error.message).not.toContain('429');
    expect(JSON.stringify(error.extensions)).not.toContain(REQUEST_ID);
  });

  it('keeps upstream reasons out of the message', () => {
    const error = toGraphQLError(upstream({ kind: 'contract', reason: 'body was <html>secret' }));

    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('<html>');
  });

  it.each<[string, unknown]>([
    ['an Error', new Error('database password is hunter2')],
    ['a TypeError', new TypeError('cannot read properties of undefined')],
    ['a thrown string', 'hunter2'],
    ['undefined', undefined],
    ['a plain GraphQLError', new GraphQLError('from somewhere else')],
  ])('masks %s as INTERNAL_SERVER_ERROR without its message', (_name, thrown) => {
    const error = toGraphQLError(thrown);

    expect(error.extensions.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('undefined');
  });

  it.each<[string, GatewayError]>([
    ['BAD_USER_INPUT', new BadUserInputError('The customer id must be a GUID.')],
    ['NOT_FOUND', new NotFoundError('No such customer.', { correlationId: CORRELATION_ID })],
  ])('passes a gateway %s error through as it is', (_code, gatewayError) => {
    expect(toGraphQLError(gatewayError)).toBe(gatewayError);
  });

  it('answers GraphQL errors named after their class', () => {
    const error = toGraphQLError(upstream({ kind: 'status', status: 403 }));

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.name).toBe('ForbiddenError');
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    [7, 7],
    [3600, 3600],
    [3601, MAX_RETRY_AFTER_SECONDS],
    [99_999_999_999, MAX_RETRY_AFTER_SECONDS],
  ])('passes Retry-After %d on as %d (capped at the documented hour)', (given, expected) => {
    const error = toGraphQLError(
      new PartnerCenterError(
        { kind: 'status', status: 429, retryAfterSeconds: given },
        'corr',
        'req',
      ),
    );

    expect(error.extensions.retryAfterSeconds).toBe(expected);
  });

  it('asks a caller over its Partner Center line to retry after a second', () => {
    const error = toGraphQLError(
      new PartnerCenterError({ kind: 'not-sent', reason: 'caller-limit' }, 'corr', 'req'),
    );

    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
  });
});
