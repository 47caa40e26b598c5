import { randomUUID } from 'node:crypto';

import type { PartnerCenterErrorBody } from '../../../src/partner-center/partner-center.contract';
import type {
  BillingProfileDto,
  BillingProfileRequestDto,
} from '../../../src/partner-center/partner-center.dto';
import {
  expectErrorBody,
  fetchProfile,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

type Edit = (body: BillingProfileRequestDto) => void;

function address(
  body: BillingProfileRequestDto,
): NonNullable<BillingProfileRequestDto['DefaultAddress']> {
  if (!body.DefaultAddress) {
    throw new Error('the seed profile has an address');
  }
  return body.DefaultAddress;
}

describe('emulator PUT /v1/customers/{id}/profiles/billing', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator({ maxBodyBytes: 4096 });
  });

  afterEach(async () => {
    await t.stop();
  });

  it('accepts the full resource in PascalCase and answers it in camelCase with a new etag', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    request.FirstName = 'Ada';
    address(request).City = 'Bellevue';

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
    expect(Object.keys(answer.body)).not.toContain('FirstName');
  });

  it('shows the change and the new etag on the next GET', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    request.Email = 'ada@contoso.com';

    const put = await t.http.putProfile(US_CUSTOMER.id, request, { etag: profile.attributes.etag });
    const get = await t.http.getProfile(US_CUSTOMER.id);

    expect(put.status).toBe(200);
    expect(get.body).toEqual(put.body);
    expect(get.body.email).toBe('ada@contoso.com');
  });

  it('reads property names case-insensitively', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    const { FirstName: _first, DefaultAddress, ...rest } = request;
    const { City: _city, PostalCode, ...addressRest } = DefaultAddress!;
    const body = {
      ...rest,
      firstname: 'Grace',
      DEFAULTADDRESS: { ...addressRest, cItY: 'Seattle', postalcode: PostalCode },
    };

    const answer = await t.http.putProfile(US_CUSTOMER.id, body, {
      etag: profile.attributes.etag,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.firstName).toBe('Grace');
    expect(answer.body.defaultAddress).toEqual({ ...profile.defaultAddress, city: 'Seattle' });
    expect(Object.keys(answer.body)).not.toContain('firstname');
  });

  it('accepts the etag quoted in If-Match', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);

    const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
      etag: `"${profile.attributes.etag}"`,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.attributes.etag).not.toBe(profile.attributes.etag);
  });

  it('answers a PUT without If-Match with 412 code 2055 and changes nothing', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    request.FirstName = 'Changed';

    const answer = await t.http.putProfile(US_CUSTOMER.id, request);

    expectErrorBody(answer, 412, '2055');
    expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
  });

  it('answers a stale etag with 412 code 2055 and changes nothing', async () => {
    const { profile: original, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    const first = await t.http.putProfile(US_CUSTOMER.id, request, {
      etag: original.attributes.etag,
    });
    expect(first.status).toBe(200);
    request.FirstName = 'Overwrite';

    const answer = await t.http.putProfile(US_CUSTOMER.id, request, {
      etag: original.attributes.etag,
    });

    expectErrorBody(answer, 412, '2055');
    expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(first.body);
  });

  it.each<[string, string, Edit, string]>([
    ['a FirstName over 50 characters', 'US', (b) => (b.FirstName = 'x'.repeat(51)), 'FirstName'],
    ['an empty LastName', 'US', (b) => (b.LastName = ''), 'LastName'],
    ['a malformed Email', 'US', (b) => (b.Email = 'not-an-email'), 'Email'],
    ['a three-letter Country', 'US', (b) => (address(b).Country = 'USA'), 'DefaultAddress.Country'],
    ['an unassigned Country', 'US', (b) => (address(b).Country = 'XX'), 'DefaultAddress.Country'],
    ['a missing City', 'US', (b) => (address(b).City = null), 'DefaultAddress.City'],
    [
      'an AddressLine1 over 200 characters',
      'US',
      (b) => (address(b).AddressLine1 = 'a'.repeat(201)),
      'DefaultAddress.AddressLine1',
    ],
    ['a State over 2 characters', 'US', (b) => (address(b).State = 'WAS'), 'DefaultAddress.State'],
    [
      'a missing PostalCode in the US',
      'US',
      (b) => (address(b).PostalCode = null),
      'DefaultAddress.PostalCode',
    ],
    [
      'a missing PhoneNumber in BR',
      'BR',
      (b) => (address(b).PhoneNumber = null),
      'DefaultAddress.PhoneNumber',
    ],
    [
      'a missing PhoneNumber in IN',
      'IN',
      (b) => (address(b).PhoneNumber = null),
      'DefaultAddress.PhoneNumber',
    ],
    ['a malformed Culture', 'US', (b) => (b.Culture = 'english'), 'Culture'],
    ['a three-letter Language', 'US', (b) => (b.Language = 'eng'), 'Language'],
    ['a different Id', 'US', (b) => (b.Id = randomUUID()), 'Id'],
    ['no DefaultAddress', 'US', (b) => (b.DefaultAddress = null), 'DefaultAddress'],
  ])(
    'answers %s (%s) with 400 code 3000 naming %s, and stores nothing',
    async (_problem, country, edit, field) => {
      const id = seedCustomer(country).id;
      const { profile, request } = await fetchProfile(t.http, id);
      edit(request);

      const answer = await t.http.putProfile(id, request, { etag: profile.attributes.etag });

      const body = expectErrorBody(answer, 400, '3000');
      expect(body.data).toEqual([{ field, message: expect.stringContaining(field) as unknown }]);
      expect((await t.http.getProfile(id)).body).toEqual(profile);
    },
  );

  it('lists every problem of one body, each once', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    request.FirstName = 'x'.repeat(51);
    request.Email = 'nope';
    address(request).PostalCode = null;
    address(request).State = 'Washington';

    const answer = await t.http.putProfile<PartnerCenterErrorBody>(US_CUSTOMER.id, request, {
      etag: profile.attributes.etag,
    });

    const body = expectErrorBody(answer, 400, '3000');
    expect(body.data?.map((p) => p.field).sort()).toEqual([
      'DefaultAddress.PostalCode',
      'DefaultAddress.State',
      'Email',
      'FirstName',
    ]);
    expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
  });

  it('reports a problem in PascalCase whatever casing the request used', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    const { FirstName: _first, ...rest } = request;

    const answer = await t.http.putProfile(
      US_CUSTOMER.id,
      { ...rest, firstname: 'y'.repeat(51) },
      { etag: profile.attributes.etag },
    );

    expect(expectErrorBody(answer, 400, '3000').data).toEqual([
      { field: 'FirstName', message: expect.any(String) as unknown },
    ]);
  });

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

  it('answers a body over maxBodyBytes with 400 and stores nothing', async () => {
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

  it.each<[string, Edit, string]>([
    ['Region', (b) => (address(b).Region = null), 'region'],
    ['AddressLine2', (b) => (address(b).AddressLine2 = null), 'addressLine2'],
    ['PhoneNumber', (b) => (address(b).PhoneNumber = null), 'phoneNumber'],
  ])('clears the optional %s when the PUT sends null', async (_name, edit, property) => {
    const id = seedCustomer('GB').id;
    const { profile, request } = await fetchProfile(t.http, id);
    expect(profile.defaultAddress).toHaveProperty(property);
    edit(request);

    const answer = await t.http.putProfile(id, request, { etag: profile.attributes.etag });

    expect(answer.status).toBe(200);
    expect(answer.body.defaultAddress).not.toHaveProperty(property);
    expect(answer.text).not.toMatch(/null/);
    expect((await t.http.getProfile(id)).body.defaultAddress).not.toHaveProperty(property);
  });

  it('treats an optional property left out of the full resource as absent', async () => {
    const id = seedCustomer('GB').id;
    const { profile, request } = await fetchProfile(t.http, id);
    const { Region: _region, ...withoutRegion } = address(request);

    const answer = await t.http.putProfile(
      id,
      { ...request, DefaultAddress: withoutRegion },
      { etag: profile.attributes.etag },
    );

    expect(answer.status).toBe(200);
    expect(answer.body.defaultAddress).not.toHaveProperty('region');
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

  it('ignores unknown properties and the Attributes of the body', async () => {
    const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
    const body = {
      ...request,
      Unknown: 'dropped',
      Attributes: { Etag: 'whatever', ObjectType: 'Other' },
    };

    const answer = await t.http.putProfile<BillingProfileDto>(US_CUSTOMER.id, body, {
      etag: profile.attributes.etag,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('unknown');
    expect(answer.body).not.toHaveProperty('Unknown');
    expect(answer.body.attributes.objectType).toBe('CustomerBillingProfile');
    expect(answer.body.attributes.etag).not.toBe('whatever');
  });
});
