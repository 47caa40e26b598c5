import {
  expectErrorBody,
  fetchProfile,
  startTestEmulator,
  US_CUSTOMER,
  type RequestJson,
  type TestEmulator,
} from '../../helpers/emulator-http';

const ID = US_CUSTOMER.id;

/** The body without its Attributes, so only If-Match carries an etag. */
function withoutAttributes(request: RequestJson): Record<string, unknown> {
  const { Attributes: _attributes, ...rest } = request;
  return rest;
}

describe('emulator etag checks on PUT', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(async () => {
    await t.stop();
  });

  describe('a stale etag', () => {
    it('answers 400 code 2055 (not 412) and changes nothing', async () => {
      const { profile: original, request } = await fetchProfile(t.http, ID);
      const first = await t.http.putProfile(ID, request, { etag: original.attributes.etag });
      expect(first.status).toBe(200);
      request.FirstName = 'Overwrite';

      const answer = await t.http.putProfile(ID, request, { etag: original.attributes.etag });

      const body = expectErrorBody(answer, 400, '2055');
      expect(body.description).toMatch(/etag/i);
      expect((await t.http.getProfile(ID)).body).toEqual(first.body);
    });

    it('is refused before the body is judged: a stale etag with invalid values answers 2055', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);
      request.Email = 'not-an-email';

      const answer = await t.http.putProfile(ID, request, { etag: `${profile.attributes.etag}x` });

      expectErrorBody(answer, 400, '2055');
    });
  });

  describe('If-Match', () => {
    it.each<[string, (etag: string) => string]>([
      ['quoted, as documented', (etag) => `"${etag}"`],
      ['bare', (etag) => etag],
      ['quoted with surrounding spaces', (etag) => ` "${etag}" `],
    ])('accepts the current etag %s', async (_form, toHeader) => {
      const { profile, request } = await fetchProfile(t.http, ID);

      const answer = await t.http.putProfile(ID, withoutAttributes(request), {
        etag: toHeader(profile.attributes.etag),
      });

      expect(answer.status).toBe(200);
      expect(answer.body.attributes.etag).not.toBe(profile.attributes.etag);
    });

    it('never matches a weak etag (strong comparison) and changes nothing', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);

      const answer = await t.http.putProfile(ID, request, {
        etag: `W/"${profile.attributes.etag}"`,
      });

      expectErrorBody(answer, 400, '2055');
      expect((await t.http.getProfile(ID)).body).toEqual(profile);
    });
  });

  describe('Attributes.Etag in the body, as the .NET SDK sends it', () => {
    it.each<[string, string]>([
      ['Attributes', 'Etag'],
      ['attributes', 'etag'],
      ['Attributes', 'ETag'],
      ['ATTRIBUTES', 'ETAG'],
    ])('accepts a PUT without If-Match when %s.%s is current', async (outer, inner) => {
      const { profile, request } = await fetchProfile(t.http, ID);
      request.FirstName = 'SDK';
      const body = { ...withoutAttributes(request), [outer]: { [inner]: profile.attributes.etag } };

      const answer = await t.http.putProfile(ID, body);

      expect(answer.status).toBe(200);
      expect(answer.body.firstName).toBe('SDK');
      expect(answer.body.attributes).toEqual({
        etag: expect.any(String) as unknown,
        objectType: 'CustomerBillingProfile',
      });
    });

    it('answers a PUT without If-Match whose Attributes.Etag is stale with 400 code 2055', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);
      const first = await t.http.putProfile(ID, request);
      expect(first.status).toBe(200);

      const answer = await t.http.putProfile(ID, request);

      expectErrorBody(answer, 400, '2055');
      expect(request.Attributes.Etag).toBe(profile.attributes.etag);
      expect((await t.http.getProfile(ID)).body).toEqual(first.body);
    });
  });

  describe('both If-Match and Attributes.Etag', () => {
    it('accepts them when both are current', async () => {
      const { profile, request } = await fetchProfile(t.http, ID);

      const answer = await t.http.putProfile(ID, request, { etag: `"${profile.attributes.etag}"` });

      expect(answer.status).toBe(200);
    });

    it.each<[string, boolean, boolean]>([
      ['If-Match is current but Attributes.Etag stale', true, false],
      ['Attributes.Etag is current but If-Match stale', false, true],
    ])('answers 400 code 2055 when %s, and changes nothing', async (_case, header, body) => {
      const { profile, request } = await fetchProfile(t.http, ID);
      const stale = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA';
      request.FirstName = 'Half right';
      request.Attributes = { Etag: body ? profile.attributes.etag : stale };

      const answer = await t.http.putProfile(ID, request, {
        etag: `"${header ? profile.attributes.etag : stale}"`,
      });

      expectErrorBody(answer, 400, '2055');
      expect((await t.http.getProfile(ID)).body).toEqual(profile);
    });
  });

  describe('no etag at all', () => {
    it.each<[string, (request: RequestJson) => Record<string, unknown>]>([
      ['no Attributes', withoutAttributes],
      ['Attributes without Etag', (r) => ({ ...r, Attributes: { ObjectType: 'Other' } })],
      ['an Etag that is not a string', (r) => ({ ...r, Attributes: { Etag: 42 } })],
      ['a null Etag', (r) => ({ ...r, Attributes: { Etag: null } })],
    ])(
      'answers a PUT without If-Match and with %s with 400 code 800002, and changes nothing',
      async (_case, edit) => {
        const { profile, request } = await fetchProfile(t.http, ID);
        request.FirstName = 'Unguarded';

        const answer = await t.http.putProfile(ID, edit(request));

        expectErrorBody(answer, 400, '800002');
        expect((await t.http.getProfile(ID)).body).toEqual(profile);
      },
    );
  });
});
