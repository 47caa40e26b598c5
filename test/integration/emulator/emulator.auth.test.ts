import {
  expectErrorBody,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

const PATH = `/v1/customers/${US_CUSTOMER.id}/profiles/billing`;

describe('emulator authentication', () => {
  describe('without a token list', () => {
    let t: TestEmulator;

    beforeAll(async () => {
      t = await startTestEmulator();
    });

    afterAll(async () => {
      await t.stop();
    });

    it.each<[string, Record<string, string>]>([
      ['no Authorization header', {}],
      ['a Basic credential', { authorization: 'Basic x' }],
      ['an empty bearer token', { authorization: 'Bearer ' }],
      ['a bearer token with spaces', { authorization: 'Bearer bad token with spaces' }],
      ['a lower-case scheme without a token', { authorization: 'bearer' }],
    ])('answers %s with 401 code 400 and WWW-Authenticate', async (_situation, headers) => {
      const answer = await t.http.send('GET', PATH, { token: null, headers });

      expectErrorBody(answer, 401, '400');
      expect(answer.headers['www-authenticate']).toBe('Bearer');
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toBeDefined();
    });

    it('rejects a PUT without a token before looking at the body', async () => {
      const before = t.emulator.store.getProfile(US_CUSTOMER.id)!;

      const answer = await t.http.send('PUT', PATH, {
        token: null,
        headers: { 'if-match': before.attributes.etag },
        body: '{}',
      });

      expectErrorBody(answer, 401, '400');
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toEqual(before);
    });

    it.each(['any-token', 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl', 'abc+/~_.-=='])(
      'accepts any well-formed bearer token (%s)',
      async (token) => {
        const answer = await t.http.send('GET', PATH, { token });

        expect(answer.status).toBe(200);
      },
    );
  });

  describe('with the tokens option', () => {
    let t: TestEmulator;

    beforeAll(async () => {
      t = await startTestEmulator({ tokens: ['partner-a', 'partner-b'] });
    });

    afterAll(async () => {
      await t.stop();
    });

    it.each(['partner-a', 'partner-b'])('accepts the listed token %s', async (token) => {
      const answer = await t.http.send('GET', PATH, { token });

      expect(answer.status).toBe(200);
    });

    it.each(['partner-c', 'partner-a2', 'PARTNER-A'])(
      'answers the well-formed but unlisted token %s with 401',
      async (token) => {
        const answer = await t.http.send('GET', PATH, { token });

        expectErrorBody(answer, 401, '400');
        expect(answer.headers['www-authenticate']).toBe('Bearer');
      },
    );
  });
});
