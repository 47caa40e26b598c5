import { randomUUID } from 'node:crypto';

import {
  expectErrorBody,
  fetchProfile,
  requestAddress,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type ProfileJson,
  type TestEmulator,
} from '../../helpers/emulator-http';

const CAMEL_CASE_KEY = /^[a-z][A-Za-z0-9]*$/;

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(keysDeep);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)]);
  }
  return [];
}

describe('emulator PUT /v1/customers/{id}/profiles/billing', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator({ maxBodyBytes: 4096 });
  });

  afterEach(async () => {
    await t.stop();
  });

  describe('the full resource', () => {
    it('accepts the full resource in PascalCase and answers it in camelCase with a new etag', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      request.FirstName = 'Ada';
      requestAddress(request).City = 'Bellevue';

      const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.body).toEqual({
        ...profile,
        firstName: 'Ada',
        defaultAddress: { ...profile.defaultAddress, city: 'Bellevue' },
        attributes: { etag: expect.any(String) as unknown, objectType: 'CustomerBillingProfile' },
      });
      expect(answer.body.attributes.etag).not.toBe(profile.attributes.etag);
      for (const key of keysDeep(answer.body)) {
        expect(key).toMatch(CAMEL_CASE_KEY);
      }
    });

    it('shows the change and the new etag on the next GET', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      request.Email = 'ada@contoso.com';

      const put = await t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });
      const get = await t.http.getProfile(US_CUSTOMER.id);

      expect(put.status).toBe(200);
      expect(get.body).toEqual(put.body);
      expect(get.body.email).toBe('ada@contoso.com');
    });

    it('answers a new etag on every write, even one that changes nothing', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);

      const first = await t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });
      const second = await t.http.putProfile(
        US_CUSTOMER.id,
        { ...request, Attributes: { Etag: first.body.attributes.etag } },
        { etag: first.body.attributes.etag },
      );

      expect([first.status, second.status]).toEqual([200, 200]);
      const etags = [profile, first.body, second.body].map((p) => p.attributes.etag);
      expect(new Set(etags).size).toBe(3);
      const { attributes: _a, ...unchanged } = profile;
      expect(second.body).toEqual(expect.objectContaining(unchanged));
    });

    it('accepts the body camelCase, as the Java SDK sends it', async () => {
      const { profile } = await fetchProfile(t.http, US_CUSTOMER.id);

      const answer = await t.http.putProfile(
        US_CUSTOMER.id,
        { ...profile, lastName: 'Lovelace' },
        { etag: profile.attributes.etag },
      );

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        ...profile,
        lastName: 'Lovelace',
        attributes: expect.objectContaining({ objectType: 'CustomerBillingProfile' }) as unknown,
      });
    });

    it('reads property names in any casing and answers them camelCase', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const { FirstName: _first, DefaultAddress: _address, ...rest } = request;
      const { City: _city, PostalCode, ...address } = requestAddress(request);
      const body = {
        ...rest,
        firstname: 'Grace',
        DEFAULTADDRESS: { ...address, cItY: 'Seattle', postalcode: PostalCode },
      };

      const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
      expect(answer.body.firstName).toBe('Grace');
      expect(answer.body.defaultAddress).toEqual({ ...profile.defaultAddress, city: 'Seattle' });
      for (const key of keysDeep(answer.body)) {
        expect(key).toMatch(CAMEL_CASE_KEY);
      }
    });
  });

  describe('properties it does not model', () => {
    it('stores unknown top-level properties under camelCase names, and their values exactly as sent', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const body = {
        ...request,
        CostCentre: 'CC-7',
        // An unknown value may be a dictionary whose keys are data: its inner names are not touched.
        Approvals: { Required: true, Limit: 2500, Approvers: [{ Name: 'Ada', Level: 1 }] },
        Labels: { 'en-us': 'Invoice', 'DE-de': null },
        Tags: ['a', 'b'],
      };

      const put = await t.http.putProfile(US_CUSTOMER.id, body, {
        etag: profile.attributes.etag,
      });
      const get = await t.http.getProfile(US_CUSTOMER.id);

      expect(put.status).toBe(200);
      const added = {
        costCentre: 'CC-7',
        approvals: { Required: true, Limit: 2500, Approvers: [{ Name: 'Ada', Level: 1 }] },
        labels: { 'en-us': 'Invoice', 'DE-de': null },
        tags: ['a', 'b'],
      };
      expect(put.body).toEqual(expect.objectContaining(added));
      expect(get.body).toEqual(put.body);
    });

    it('stores unknown address properties (id, district, emailAddress, middleName and new ones)', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      Object.assign(requestAddress(request), {
        Id: 'c0ffee00-0000-4a5b-8c9d-0e1f2a3b4c5d',
        District: 'King County',
        EmailAddress: 'ap@contoso.com',
        MiddleName: 'Q',
        Floor: 7,
      });

      const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).toEqual({
        ...profile.defaultAddress,
        id: 'c0ffee00-0000-4a5b-8c9d-0e1f2a3b4c5d',
        district: 'King County',
        emailAddress: 'ap@contoso.com',
        middleName: 'Q',
        floor: 7,
      });
    });

    it('sends back the unknown properties of a seed customer untouched when they are read and returned', async () => {
      const id = '6eb05fa8-d351-4f91-af53-5c8f9a0b1c23';
      const { profile, request } = await fetchProfile(t.http, id);
      expect(profile).toHaveProperty('invoicePreferences');

      const answer = await t.http.putProfile(id, request, { etag: profile.attributes.etag });

      expect(answer.status).toBe(200);
      const { attributes: _before, ...expected } = profile;
      const { attributes: _after, ...actual } = answer.body;
      expect(actual).toEqual(expected);
    });
  });

  describe('empty properties', () => {
    it.each<[string, string]>([
      ['Region', 'region'],
      ['AddressLine2', 'addressLine2'],
      ['PhoneNumber', 'phoneNumber'],
    ])('clears the optional %s when the PUT sends null', async (name, property) => {
      const id = seedCustomer('GB').id;
      const { profile, request } = await fetchProfile(t.http, id);
      expect(profile.defaultAddress).toHaveProperty(property);
      requestAddress(request)[name] = null;

      const answer = await t.http.putProfile(id, request, { etag: profile.attributes.etag });

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).not.toHaveProperty(property);
      expect(answer.text).not.toMatch(/null/);
      expect((await t.http.getProfile(id)).body.defaultAddress).not.toHaveProperty(property);
    });

    it('treats an optional property left out of the body as null', async () => {
      const id = seedCustomer('GB').id;
      const { profile, request } = await fetchProfile(t.http, id);
      const { Region: _region, ...withoutRegion } = requestAddress(request);

      const answer = await t.http.putProfile(
        id,
        { ...request, DefaultAddress: withoutRegion },
        { etag: profile.attributes.etag },
      );

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).not.toHaveProperty('region');
    });

    it('leaves null and empty-string properties of the profile and its address out of its answers', async () => {
      const id = seedCustomer('GB').id;
      const { profile, request } = await fetchProfile(t.http, id);
      requestAddress(request).Region = '';
      const body = { ...request, Note: null, Blank: '', Prefs: { Kept: 'x', Inner: null } };

      const answer = await t.http.putProfile(id, body, { etag: profile.attributes.etag });

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).not.toHaveProperty('region');
      expect(answer.body).not.toHaveProperty('note');
      expect(answer.body).not.toHaveProperty('blank');
      // The value of a property the contract does not describe is answered as it was given.
      expect(answer.body).toEqual(expect.objectContaining({ prefs: { Kept: 'x', Inner: null } }));
    });
  });

  describe('links, attributes and id', () => {
    it('answers its own links and attributes whatever the body carries', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const body = {
        ...request,
        Links: { Self: { Uri: '/elsewhere', Method: 'DELETE', Headers: [] }, Next: { Uri: '/x' } },
        Attributes: { Etag: profile.attributes.etag, ObjectType: 'Other', Extra: 'x' },
      };

      const answer = await t.http.putProfile<ProfileJson>(US_CUSTOMER.id, body, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
      expect(answer.body.links).toEqual(profile.links);
      expect(answer.body.attributes).toEqual({
        etag: expect.any(String) as unknown,
        objectType: 'CustomerBillingProfile',
      });
      expect(answer.body.attributes.etag).not.toBe(profile.attributes.etag);
    });

    it('accepts the profile id in another casing and keeps the stored one', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);

      const answer = await t.http.putProfile(
        US_CUSTOMER.id,
        { ...request, Id: profile.id.toUpperCase() },
        { etag: profile.attributes.etag },
      );

      expect(answer.status).toBe(200);
      expect(answer.body.id).toBe(profile.id);
    });

    it.each<[string, unknown]>([
      ['another id', randomUUID()],
      ['no id', undefined],
      ['an id that is not a string', 42],
    ])(
      'answers a body with %s with 400 code 3000 naming Id, and stores nothing',
      async (_c, id) => {
        const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);

        const answer = await t.http.putProfile(
          US_CUSTOMER.id,
          { ...request, Id: id },
          { etag: profile.attributes.etag },
        );

        const body = expectErrorBody(answer, 400, '3000');
        expect(body.data).toEqual([
          { field: 'Id', message: expect.stringContaining('Id') as unknown },
        ]);
        expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
      },
    );
  });

  describe('bodies it cannot read', () => {
    it.each(['{"Id":', 'not json', ''])(
      'answers the unparsable body %j with 400 code 800002 and stores nothing',
      async (body) => {
        const { profile } = await fetchProfile(t.http, US_CUSTOMER.id);

        const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
          etag: profile.attributes.etag,
        });

        expectErrorBody(answer, 400, '800002');
        expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
      },
    );

    it.each(['[]', '"text"', 'null', '42'])(
      'answers the non-object JSON body %s with 400 code 800002',
      async (body) => {
        const { profile } = await fetchProfile(t.http, US_CUSTOMER.id);

        const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
          etag: profile.attributes.etag,
        });

        expectErrorBody(answer, 400, '800002');
      },
    );

    it('answers a body over maxBodyBytes with 400 code 800002 and stores nothing', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const body = JSON.stringify({ ...request, Padding: 'p'.repeat(4096) });

      const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
        etag: profile.attributes.etag,
      });

      expectErrorBody(answer, 400, '800002');
      expect(t.emulator.store.getProfile(US_CUSTOMER.id)).toEqual(profile);
    });

    it('accepts a body of exactly maxBodyBytes', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const unpadded = JSON.stringify({ ...request, Padding: '' });
      const body = JSON.stringify({ ...request, Padding: 'p'.repeat(4096 - unpadded.length) });
      expect(Buffer.byteLength(body)).toBe(4096);

      const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
    });
  });

  it('echoes MS-CorrelationId and MS-RequestId on the answer', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    const correlationId = randomUUID();
    const requestId = randomUUID();

    const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
      etag: profile.attributes.etag,
      requestId,
      headers: { 'ms-correlationid': correlationId },
    });

    expect(answer.status).toBe(200);
    expect(answer.headers['ms-correlationid']).toBe(correlationId);
    expect(answer.headers['ms-requestid']).toBe(requestId);
  });
});
