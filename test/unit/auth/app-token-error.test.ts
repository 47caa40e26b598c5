import {
  AuthError,
  ClientConfigurationError,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';

import {
  AppTokenError,
  toAppTokenError,
  type AppTokenFailure,
} from '../../../src/auth/app-token-error';
import { AuthorityTransportError } from '../../../src/auth/msal-network-client';

const DESCRIPTION =
  'Error(s): 7000215 - Timestamp: 2024-01-01 - Description: AADSTS7000215: Invalid client secret provided. - Correlation ID: c - Trace ID: t';

describe('toAppTokenError', () => {
  it.each<[string, unknown, AppTokenFailure]>([
    [
      'a 401 invalid_client (bad secret)',
      new ServerError('invalid_client', 'c', DESCRIPTION, '', '7000215', 401),
      {
        kind: 'credentials-refused',
        status: 401,
        error: 'invalid_client',
        aadsts: 'AADSTS7000215',
      },
    ],
    [
      'a 400 whose error number is only in the description',
      new ServerError(
        'unauthorized_client',
        'c',
        'AADSTS700016: Application not found',
        '',
        undefined,
        400,
      ),
      {
        kind: 'credentials-refused',
        status: 400,
        error: 'unauthorized_client',
        aadsts: 'AADSTS700016',
      },
    ],
    [
      'an answer that needs interaction (never right for an app)',
      new InteractionRequiredAuthError(
        'interaction_required',
        'c',
        'AADSTS50079',
        '',
        '',
        '',
        '',
        '50079',
      ),
      { kind: 'credentials-refused', error: 'interaction_required', aadsts: 'AADSTS50079' },
    ],
    [
      'a 503',
      new ServerError('temporarily_unavailable', 'c', 'busy', '', '90033', 503),
      {
        kind: 'authority-unavailable',
        reason: 'status',
        status: 503,
        error: 'temporarily_unavailable',
      },
    ],
    [
      'a 429',
      new ServerError('temporarily_unavailable', 'c', 'slow down', '', undefined, 429),
      {
        kind: 'authority-unavailable',
        reason: 'status',
        status: 429,
        error: 'temporarily_unavailable',
      },
    ],
    [
      "msal's throttling cache (no status)",
      new ServerError('90033', 'c', 'busy'),
      { kind: 'authority-unavailable', reason: 'throttled', error: '90033' },
    ],
    [
      'a timeout of the network client',
      new AuthorityTransportError('timeout'),
      { kind: 'authority-unavailable', reason: 'timeout' },
    ],
    [
      'a refused connection',
      new AuthorityTransportError('network', undefined, 'ECONNREFUSED'),
      { kind: 'authority-unavailable', reason: 'network', networkCode: 'ECONNREFUSED' },
    ],
    [
      'an HTML answer',
      new AuthorityTransportError('bad-answer', 502),
      { kind: 'authority-unavailable', reason: 'bad-answer', status: 502 },
    ],
    [
      'another msal error',
      new ClientConfigurationError('untrusted_authority', 'c'),
      { kind: 'authority-unavailable', reason: 'unexpected', error: 'untrusted_authority' },
    ],
    [
      'an msal error with an odd code',
      new AuthError('code with spaces and <html>', 'c'),
      { kind: 'authority-unavailable', reason: 'unexpected' },
    ],
    [
      'anything else',
      new TypeError('boom'),
      { kind: 'authority-unavailable', reason: 'unexpected' },
    ],
  ])('classifies %s', (_case, error, failure) => {
    const converted = toAppTokenError(error);

    expect(converted).toBeInstanceOf(AppTokenError);
    expect(converted.failure).toEqual(failure);
    expect(converted.retryable).toBe(failure.kind === 'authority-unavailable');
    expect(converted.cause).toBe(error);
  });

  it("keeps the authority's free text out of the message", () => {
    const converted = toAppTokenError(
      new ServerError('invalid_client', 'c', DESCRIPTION, '', '7000215', 401),
    );

    expect(converted.message).toBe(
      'the token authority refused the app credentials (invalid_client, AADSTS7000215)',
    );
  });

  it('returns an AppTokenError unchanged', () => {
    const error = new AppTokenError({ kind: 'authority-unavailable', reason: 'no-token' });

    expect(toAppTokenError(error)).toBe(error);
  });
});
