import {
  showsChanges,
  toBillingProfile,
  toBillingProfileRequest,
  toFieldErrors,
  toRequestResource,
  toProfileChanges,
} from '../../../src/billing-profile/billing-profile.mapper';
import { Address, CustomerBillingProfile } from '../../../src/billing-profile/billing-profile.type';
import { FieldError } from '../../../src/billing-profile/billing-profile-result.type';
import type { ProfileChanges } from '../../../src/partner-center/billing-profile.rules';
import { toPropertyPath } from '../../../src/partner-center/billing-profile.client';
import {
  ContractViolation,
  parseBillingProfileDto,
  type BillingProfileDto,
  type JsonObject,
} from '../../../src/partner-center/partner-center.dto';
import { seedDocumentResponse } from '../../fixtures/seed-document';

const CUSTOMER_ID = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const ETAG = 'eyJpZCI6IjEifQ==';
const NEW_ETAG = 'eyJpZCI6IjIifQ==';

/** The seed document's response example, as plain JSON (what Partner Center sends). */
function seedBody(): JsonObject {
  return structuredClone(seedDocumentResponse(CUSTOMER_ID, ETAG));
}

/**
 * The seed document's request example (../shared/seeds/000_0cf2b1ef0b833d1e.txt), verbatim except
 * for its placeholders.
 */
function seedRequest(): JsonObject {
  return {
    Id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
    FirstName: 'FirstName',
    LastName: 'LastName',
    Email: 'email@sample.com',
    Culture: 'en-US',
    Language: 'en',
    CompanyName: 'CompanyName',
    DefaultAddress: {
      Country: 'US',
      Region: null,
      City: 'Redmond',
      State: 'WA',
      AddressLine1: 'One Microsoft Way',
      AddressLine2: null,
      PostalCode: '98052',
      FirstName: 'FirstName',
      LastName: 'LastName',
      PhoneNumber: '4255555555',
    },
    Links: {
      Self: {
        Uri: `/v1/customers/${CUSTOMER_ID}/profiles/billing`,
        Method: 'GET',
        Headers: [],
      },
    },
    Attributes: { Etag: ETAG, ObjectType: 'CustomerBillingProfile' },
  };
}

/**
 * A profile as Partner Center may hold it: properties the gateway does not model (top level and in
 * the address), nulls, nested objects and arrays, and the swagger's address id, district and email.
 */
function richBody(): JsonObject {
  return {
    id: 'b1e2c3d4-0006-4a5b-8c9d-0e1f2a3b4c5d',
    lastName: 'Okafor',
    email: 'billing@litware.com',
    culture: 'en-us',
    language: 'en',
    companyName: 'Litware, Inc.',
    nickname: null,
    purchaseOrderReference: 'PO-2026-0042',
    invoicePreferences: {
      delivery: 'email',
      copies: 2,
      paperless: true,
      languages: ['en', 'es'],
      contacts: [{ name: 'AP', email: 'ap@litware.com' }],
      fax: null,
    },
    defaultAddress: {
      id: 'c0ffee00-0006-4a5b-8c9d-0e1f2a3b4c5d',
      country: 'US',
      region: null,
      city: 'Seattle',
      state: 'WA',
      addressLine1: '500 Pine Street',
      postalCode: '98101',
      firstName: 'Ada',
      middleName: 'Quinn',
      lastName: 'Okafor',
      phoneNumber: '+1 425 555 0100 ext 12',
      district: 'King County',
      emailAddress: 'ap@litware.com',
      geo: { latitude: 47.61, longitude: -122.33 },
    },
    links: {
      self: {
        uri: `/v1/customers/${CUSTOMER_ID}/profiles/billing`,
        method: 'GET',
        headers: [{ key: 'X-Trace', value: 'abc' }],
      },
    },
    attributes: { etag: ETAG, objectType: 'CustomerBillingProfile', version: 3 },
  };
}

/** What the PUT body for richBody() is when nothing changes: the documented objects' names in PascalCase. */
function richRequest(): JsonObject {
  return {
    Id: 'b1e2c3d4-0006-4a5b-8c9d-0e1f2a3b4c5d',
    LastName: 'Okafor',
    Email: 'billing@litware.com',
    Culture: 'en-us',
    Language: 'en',
    CompanyName: 'Litware, Inc.',
    Nickname: null,
    PurchaseOrderReference: 'PO-2026-0042',
    // A property the contract does not describe goes back as read, inner names included.
    InvoicePreferences: {
      delivery: 'email',
      copies: 2,
      paperless: true,
      languages: ['en', 'es'],
      contacts: [{ name: 'AP', email: 'ap@litware.com' }],
      fax: null,
    },
    DefaultAddress: {
      Id: 'c0ffee00-0006-4a5b-8c9d-0e1f2a3b4c5d',
      Country: 'US',
      Region: null,
      City: 'Seattle',
      State: 'WA',
      AddressLine1: '500 Pine Street',
      PostalCode: '98101',
      FirstName: 'Ada',
      MiddleName: 'Quinn',
      LastName: 'Okafor',
      PhoneNumber: '+1 425 555 0100 ext 12',
      District: 'King County',
      EmailAddress: 'ap@litware.com',
      Geo: { latitude: 47.61, longitude: -122.33 },
    },
    Links: {
      Self: {
        Uri: `/v1/customers/${CUSTOMER_ID}/profiles/billing`,
        Method: 'GET',
        Headers: [{ Key: 'X-Trace', Value: 'abc' }],
      },
    },
    Attributes: { Etag: ETAG, ObjectType: 'CustomerBillingProfile', Version: 3 },
  };
}

/** Every property name in a JSON value, lower-cased, per object: to find names sent twice. */
function duplicateNames(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(duplicateNames);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (seen.has(name)) {
      duplicates.push(key);
    }
    seen.add(name);
    duplicates.push(...duplicateNames(item));
  }
  return duplicates;
}

/** How Partner Center reads a PascalCase body: property names case-insensitively (here: camelCase). */
function toCamelCaseJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(toCamelCaseJson);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.charAt(0).toLowerCase() + k.slice(1),
      toCamelCaseJson(v),
    ]),
  );
}

function dtoOf(body: JsonObject): BillingProfileDto {
  return parseBillingProfileDto(body);
}

describe('parseBillingProfileDto', () => {
  it('reads every modelled property of the seed document and keeps the body as received', () => {
    const body = seedBody();

    expect(parseBillingProfileDto(body)).toEqual({
      id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'email@sample.com',
      culture: 'en-US',
      language: 'en',
      companyName: 'companyName',
      defaultAddress: {
        country: 'US',
        city: 'Redmond',
        state: 'WA',
        addressLine1: 'One Microsoft Way',
        postalCode: '98052',
        firstName: 'FirstName',
        lastName: 'LastName',
        phoneNumber: '4255555555',
      },
      attributes: { etag: ETAG },
      resource: seedBody(),
    });
  });

  it('keeps unknown properties, nulls, nested objects and arrays in the resource, untouched', () => {
    const body = richBody();

    const dto = parseBillingProfileDto(body);

    expect(dto.resource).toEqual(richBody());
    expect(body).toEqual(richBody());
  });

  it('reads the address middleName, district and emailAddress', () => {
    expect(dtoOf(richBody()).defaultAddress).toEqual({
      country: 'US',
      city: 'Seattle',
      state: 'WA',
      addressLine1: '500 Pine Street',
      postalCode: '98101',
      firstName: 'Ada',
      middleName: 'Quinn',
      lastName: 'Okafor',
      phoneNumber: '+1 425 555 0100 ext 12',
      district: 'King County',
      emailAddress: 'ap@litware.com',
    });
  });

  it.each<[string, JsonObject, Partial<BillingProfileDto>, string[]]>([
    ['only an id and an etag', { id: 'p1', attributes: { etag: 'e1' } }, { id: 'p1' }, []],
    [
      'null profile properties (left out of the modelled fields)',
      { id: 'p1', email: null, firstName: null, attributes: { etag: 'e' } },
      {},
      ['email', 'firstName'],
    ],
    [
      'a null address (left out of the modelled fields)',
      { id: 'p1', defaultAddress: null, attributes: { etag: 'e' } },
      {},
      ['defaultAddress'],
    ],
    [
      'null address properties (left out of the modelled address)',
      { id: 'p1', defaultAddress: { country: 'US', region: null }, attributes: { etag: 'e' } },
      { defaultAddress: { country: 'US' } },
      [],
    ],
    [
      'unknown properties of any type (not modelled, only in the resource)',
      {
        id: 'p1',
        nickname: 7,
        tags: ['a'],
        defaultAddress: { planet: { name: 'Earth' } },
        attributes: { etag: 'e', objectType: 'CustomerBillingProfile' },
      },
      { defaultAddress: {} },
      ['nickname', 'tags'],
    ],
  ])('accepts %s', (_name, body, expected, absent) => {
    const dto = parseBillingProfileDto(body);

    expect(dto).toMatchObject(expected);
    expect(dto.attributes).toEqual({ etag: (body.attributes as { etag: string }).etag });
    expect(dto.resource).toEqual(body);
    for (const key of absent) {
      expect(dto).not.toHaveProperty(key);
    }
    expect(dto.defaultAddress ?? {}).not.toHaveProperty('region');
    expect(dto.defaultAddress ?? {}).not.toHaveProperty('planet');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', '{"id":"p1"}'],
    ['an array', [seedBody()]],
    ['a body without id', { ...seedBody(), id: undefined }],
    ['a numeric id', { ...seedBody(), id: 42 }],
    ['a body without attributes', { ...seedBody(), attributes: undefined }],
    ['an empty etag', { ...seedBody(), attributes: { etag: '' } }],
    ['a numeric etag', { ...seedBody(), attributes: { etag: 7 } }],
    ['a numeric first name', { ...seedBody(), firstName: 7 }],
    ['an address that is a string', { ...seedBody(), defaultAddress: 'One Microsoft Way' }],
    ['an address that is an array', { ...seedBody(), defaultAddress: [] }],
    ['a numeric postal code', { ...seedBody(), defaultAddress: { postalCode: 98052 } }],
    ['a numeric middle name', { ...seedBody(), defaultAddress: { middleName: 1 } }],
  ])('throws ContractViolation for %s', (_name, body) => {
    expect(() => parseBillingProfileDto(body)).toThrow(ContractViolation);
  });
});

describe('toBillingProfile', () => {
  it('maps every property of the seed document, with the etag from attributes', () => {
    const profile = toBillingProfile(dtoOf(seedBody()));

    expect(profile).toBeInstanceOf(CustomerBillingProfile);
    expect(profile.defaultAddress).toBeInstanceOf(Address);
    expect({ ...profile, defaultAddress: { ...profile.defaultAddress } }).toEqual({
      id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'email@sample.com',
      culture: 'en-US',
      language: 'en',
      companyName: 'companyName',
      defaultAddress: {
        country: 'US',
        region: null,
        city: 'Redmond',
        state: 'WA',
        addressLine1: 'One Microsoft Way',
        addressLine2: null,
        addressLine3: null,
        postalCode: '98052',
        firstName: 'FirstName',
        middleName: null,
        lastName: 'LastName',
        phoneNumber: '4255555555',
        district: null,
        emailAddress: null,
      },
      etag: ETAG,
    });
  });

  it('shows stored values as they are: a lower-case culture, no first name, a phone extension', () => {
    const profile = toBillingProfile(dtoOf(richBody()));

    expect(profile).toMatchObject({
      firstName: null,
      culture: 'en-us',
      defaultAddress: {
        middleName: 'Quinn',
        phoneNumber: '+1 425 555 0100 ext 12',
        district: 'King County',
        emailAddress: 'ap@litware.com',
      },
    });
    expect(profile).not.toHaveProperty('purchaseOrderReference');
    expect(profile.defaultAddress).not.toHaveProperty('id');
  });

  it.each<[string, JsonObject, Partial<CustomerBillingProfile>]>([
    [
      'absent profile properties',
      { id: 'p', attributes: { etag: 'e' } },
      {
        firstName: null,
        lastName: null,
        email: null,
        culture: null,
        language: null,
        companyName: null,
        defaultAddress: null,
      },
    ],
    [
      'an empty address',
      { id: 'p', defaultAddress: {}, attributes: { etag: 'e' } },
      {
        defaultAddress: Object.assign(new Address(), {
          country: null,
          region: null,
          city: null,
          state: null,
          addressLine1: null,
          addressLine2: null,
          addressLine3: null,
          postalCode: null,
          firstName: null,
          middleName: null,
          lastName: null,
          phoneNumber: null,
          district: null,
          emailAddress: null,
        }),
      },
    ],
  ])('answers null for %s', (_name, body, expected) => {
    expect(toBillingProfile(dtoOf(body))).toMatchObject(expected);
  });
});

describe('toProfileChanges', () => {
  it.each<[string, Parameters<typeof toProfileChanges>[0], ProfileChanges]>([
    ['an empty input', {}, {}],
    ['a value', { email: 'new@example.com' }, { email: 'new@example.com' }],
    ['null (it clears)', { companyName: null }, { companyName: null }],
    [
      'an empty string (it clears, like null)',
      { language: '', defaultAddress: { region: '' } },
      { language: null, defaultAddress: { region: null } },
    ],
    ['absent fields left out', { firstName: 'Ada', lastName: undefined }, { firstName: 'Ada' }],
    ['a null address', { defaultAddress: null }, { defaultAddress: null }],
    ['an empty address', { defaultAddress: {} }, { defaultAddress: {} }],
    [
      'address values and nulls, absent address fields left out',
      {
        defaultAddress: {
          city: 'Bellevue',
          region: null,
          middleName: 'Q',
          district: undefined,
          emailAddress: 'ap@example.com',
        },
      },
      {
        defaultAddress: {
          city: 'Bellevue',
          region: null,
          middleName: 'Q',
          emailAddress: 'ap@example.com',
        },
      },
    ],
  ])('keeps %s', (_name, input, expected) => {
    const changes = toProfileChanges(input);

    expect(changes).toEqual(expected);
    // Absent fields are left out, not carried as undefined.
    expect(Object.keys(changes).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(changes.defaultAddress ?? {}).sort()).toEqual(
      Object.keys(expected.defaultAddress ?? {}).sort(),
    );
  });

  it('does not carry properties the API does not model', () => {
    const input = {
      firstName: 'Ada',
      nickname: 'x',
      defaultAddress: { city: 'X', planet: 'Earth' },
    };

    expect(toProfileChanges(input)).toEqual({ firstName: 'Ada', defaultAddress: { city: 'X' } });
  });
});

describe('toRequestResource', () => {
  it.each<[string, JsonObject, JsonObject]>([
    ['profile names', { firstName: 'a', email: 'b' }, { FirstName: 'a', Email: 'b' }],
    ['names already in PascalCase', { FirstName: 'a' }, { FirstName: 'a' }],
    ['null properties (kept)', { region: null }, { Region: null }],
    [
      'the address, attributes and links, down to the link headers',
      {
        defaultAddress: { city: 'X', geo: { lat: 1 } },
        attributes: { etag: 'e' },
        links: { self: { uri: '/u', headers: [{ key: 'k', value: 'v' }] } },
      },
      {
        DefaultAddress: { City: 'X', Geo: { lat: 1 } },
        Attributes: { Etag: 'e' },
        Links: { Self: { Uri: '/u', Headers: [{ Key: 'k', Value: 'v' }] } },
      },
    ],
    [
      'the value of an unknown property, kept exactly (it may be a dictionary of data keys)',
      { labels: { 'en-us': 'Invoice', nested: [{ aB: null }] } },
      { Labels: { 'en-us': 'Invoice', nested: [{ aB: null }] } },
    ],
    [
      'names that do not start with a letter',
      { _x: 1, $type: 2, '1a': 3 },
      { _x: 1, $type: 2, '1a': 3 },
    ],
    ['an empty name', { '': 1 }, { '': 1 }],
    [
      'two names differing only in case (the first wins)',
      { email: 'first@example.com', Email: 'second@example.com' },
      { Email: 'first@example.com' },
    ],
  ])('converts %s', (_name, value, expected) => {
    expect(toRequestResource(value)).toEqual(expected);
  });

  it('keeps a property named __proto__ as a property, not as a prototype', () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}, "email": "a@b.c"}') as JsonObject;

    const request = toRequestResource(body);

    expect(Object.keys(request)).toEqual(['__proto__', 'Email']);
    expect(JSON.stringify(request)).toBe('{"__proto__":{"polluted":true},"Email":"a@b.c"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves its input untouched', () => {
    const body = richBody();

    toRequestResource(body);

    expect(body).toEqual(richBody());
  });
});

describe('toBillingProfileRequest', () => {
  it("sends the seed document's response back as the seed's request when nothing changes", () => {
    const dto = dtoOf(seedBody());

    const request = toBillingProfileRequest(dto.resource, {}, ETAG);

    // The seed's request differs from its own response in three places, and the body sends back
    // only what was read: Region and AddressLine2 (null there, absent from the response), and
    // CompanyName (the response answers "companyName").
    const expected = seedRequest();
    const address = expected.DefaultAddress as JsonObject;
    delete address.Region;
    delete address.AddressLine2;
    expected.CompanyName = 'companyName';
    expect(request).toEqual(expected);
    expect(Object.keys(request)).toEqual(Object.keys(expected));
  });

  it("names every property of the seed's request that its response carries, with equal values", () => {
    const request = toBillingProfileRequest(dtoOf(seedBody()).resource, {}, ETAG);
    const seed = seedRequest();
    const sent = request.DefaultAddress as JsonObject;

    for (const [name, value] of Object.entries(seed.DefaultAddress as JsonObject)) {
      if (value !== null) {
        expect(sent[name]).toEqual(value);
      }
    }
    expect(request.Links).toEqual(seed.Links);
    expect(request.Attributes).toEqual(seed.Attributes);
  });

  it('sends a resource with unknown properties, nulls, nested objects and arrays back untouched', () => {
    expect(toBillingProfileRequest(richBody(), {}, ETAG)).toEqual(richRequest());
  });

  it.each<[string, ProfileChanges, (expected: JsonObject) => void]>([
    ['an empty change set', {}, () => undefined],
    ['an empty address change set', { defaultAddress: {} }, () => undefined],
    [
      'a profile value',
      { email: 'new@example.com' },
      (e) => {
        e.Email = 'new@example.com';
      },
    ],
    [
      'a value for a property the resource did not have',
      { firstName: 'Ada' },
      (e) => {
        e.FirstName = 'Ada';
      },
    ],
    [
      'null on a profile property (sent as null)',
      { companyName: null },
      (e) => {
        e.CompanyName = null;
      },
    ],
    [
      'an address value, beside the properties the API does not model',
      { defaultAddress: { city: 'Bellevue', middleName: 'R' } },
      (e) => {
        Object.assign(e.DefaultAddress as JsonObject, { City: 'Bellevue', MiddleName: 'R' });
      },
    ],
    [
      'null on an address property (sent as null)',
      { defaultAddress: { state: null, district: null } },
      (e) => {
        Object.assign(e.DefaultAddress as JsonObject, { State: null, District: null });
      },
    ],
    [
      'an address property the resource did not have',
      { defaultAddress: { addressLine2: 'Suite 1' } },
      (e) => {
        (e.DefaultAddress as JsonObject).AddressLine2 = 'Suite 1';
      },
    ],
    [
      'a null address (sent as DefaultAddress: null)',
      { defaultAddress: null },
      (e) => {
        e.DefaultAddress = null;
      },
    ],
  ])('overlays only %s', (_name, changes, change) => {
    const expected = richRequest();
    change(expected);

    expect(toBillingProfileRequest(richBody(), changes, ETAG)).toEqual(expected);
  });

  it.each<[string, JsonObject]>([
    ['had none', { id: 'p', attributes: { etag: ETAG } }],
    ['had a null one', { id: 'p', defaultAddress: null, attributes: { etag: ETAG } }],
  ])('creates the address from the changes when the resource %s', (_name, resource) => {
    const request = toBillingProfileRequest(
      resource,
      { defaultAddress: { country: 'GB', city: 'London', region: null } },
      ETAG,
    );

    expect(request.DefaultAddress).toEqual({ Country: 'GB', City: 'London', Region: null });
  });

  it('sets Attributes.Etag to the etag the write is guarded by, keeping the other attributes', () => {
    const request = toBillingProfileRequest(richBody(), {}, NEW_ETAG);

    expect(request.Attributes).toEqual({
      Etag: NEW_ETAG,
      ObjectType: 'CustomerBillingProfile',
      Version: 3,
    });
  });

  it('adds Attributes with the etag when the resource had none', () => {
    expect(toBillingProfileRequest({ id: 'p' }, {}, ETAG)).toEqual({
      Id: 'p',
      Attributes: { Etag: ETAG },
    });
  });

  it.each<[string, JsonObject, ProfileChanges, JsonObject]>([
    [
      'a profile property, unchanged (the first is kept)',
      { id: 'p', email: 'a@example.com', Email: 'b@example.com' },
      {},
      { Email: 'a@example.com' },
    ],
    [
      'a profile property, changed',
      { id: 'p', Email: 'b@example.com', email: 'a@example.com' },
      { email: 'c@example.com' },
      { Email: 'c@example.com' },
    ],
    [
      'an address property, changed',
      { id: 'p', defaultAddress: { city: 'A', City: 'B' } },
      { defaultAddress: { city: 'C' } },
      { DefaultAddress: { City: 'C' } },
    ],
    [
      'the address itself',
      { id: 'p', defaultAddress: { city: 'A' }, DefaultAddress: { city: 'B', state: 'WA' } },
      { defaultAddress: { postalCode: '98052' } },
      { DefaultAddress: { City: 'A', PostalCode: '98052' } },
    ],
  ])(
    'names %s once when the resource had it in two casings',
    (_name, resource, changes, expected) => {
      const request = toBillingProfileRequest(resource, changes, ETAG);

      expect(request).toEqual({ Id: 'p', ...expected, Attributes: { Etag: ETAG } });
      expect(duplicateNames(request)).toEqual([]);
    },
  );

  it('never sends a property name twice, whatever the changes', () => {
    const request = toBillingProfileRequest(
      richBody(),
      {
        firstName: 'Ada',
        lastName: null,
        email: 'e@example.com',
        culture: 'en-US',
        language: 'en',
        companyName: 'X',
        defaultAddress: {
          country: 'US',
          region: 'West',
          city: 'Redmond',
          state: 'WA',
          addressLine1: '1',
          addressLine2: '2',
          addressLine3: '3',
          postalCode: '98052',
          firstName: 'A',
          middleName: null,
          lastName: 'B',
          phoneNumber: null,
          district: 'D',
          emailAddress: 'a@example.com',
        },
      },
      ETAG,
    );

    expect(duplicateNames(request)).toEqual([]);
  });

  it('leaves the resource it was given untouched', () => {
    const resource = richBody();

    toBillingProfileRequest(
      resource,
      { firstName: 'Changed', defaultAddress: { city: 'Changed', region: null } },
      NEW_ETAG,
    );
    toBillingProfileRequest(resource, { defaultAddress: null }, NEW_ETAG);

    expect(resource).toEqual(richBody());
  });
});

describe('showsChanges', () => {
  const read = (changes: JsonObject, etag = NEW_ETAG): BillingProfileDto =>
    dtoOf({ ...richBody(), ...changes, attributes: { etag } });
  const address = (changes: JsonObject): JsonObject => ({
    defaultAddress: { ...(richBody().defaultAddress as JsonObject), ...changes },
  });

  it.each<[string, BillingProfileDto, ProfileChanges]>([
    ['a new etag and no changes', read({}), {}],
    ['a new etag and the value sent', read({ email: 'n@example.com' }), { email: 'n@example.com' }],
    ['a cleared property left out', read({ companyName: undefined }), { companyName: null }],
    [
      'an empty string sent and the property left out',
      read({ language: undefined }),
      { language: '' },
    ],
    [
      'an address value sent and shown',
      read(address({ city: 'Bellevue' })),
      { defaultAddress: { city: 'Bellevue' } },
    ],
    [
      'a cleared address property left out',
      read(address({ district: undefined })),
      { defaultAddress: { district: null } },
    ],
    [
      'a cleared address and none shown',
      read({ defaultAddress: undefined }),
      { defaultAddress: null },
    ],
  ])('counts a read with %s as the write applied', (_name, profile, changes) => {
    expect(showsChanges(profile, changes, ETAG)).toBe(true);
  });

  it.each<[string, BillingProfileDto, ProfileChanges]>([
    [
      'the etag the write was guarded by, even with the values sent',
      read({ email: 'n@example.com' }, ETAG),
      { email: 'n@example.com' },
    ],
    ['a new etag and another value', read({}), { email: 'n@example.com' }],
    ['a cleared property still there', read({}), { companyName: null }],
    ['an address value sent and not shown', read({}), { defaultAddress: { city: 'Bellevue' } }],
    [
      'an address value sent and no address',
      read({ defaultAddress: undefined }),
      { defaultAddress: { city: 'Bellevue' } },
    ],
    ['a cleared address still shown', read({}), { defaultAddress: null }],
    [
      'a cleared address gone but another change not shown',
      read({ defaultAddress: undefined }),
      { defaultAddress: null, email: 'n@example.com' },
    ],
  ])('does not count a read with %s as the write applied', (_name, profile, changes) => {
    expect(showsChanges(profile, changes, ETAG)).toBe(false);
  });
});

describe('toFieldErrors', () => {
  it('keeps the path and names the field in the message', () => {
    const errors = toFieldErrors([
      { path: ['defaultAddress', 'postalCode'], message: 'is required in US' },
      { path: ['email'], message: 'must be an email address' },
      { path: [], message: 'is not valid' },
    ]);

    expect(errors.every((e) => e instanceof FieldError)).toBe(true);
    expect(errors.map((e) => ({ ...e }))).toEqual([
      { path: ['defaultAddress', 'postalCode'], message: 'postalCode is required in US' },
      { path: ['email'], message: 'email must be an email address' },
      { path: [], message: 'input is not valid' },
    ]);
  });

  it('answers no errors for no problems', () => {
    expect(toFieldErrors([])).toEqual([]);
  });
});

// toPropertyPath lives in src/partner-center/billing-profile.client.ts; it names refused properties in
// the caller's terms, which is this mapper's concern too.
describe('toPropertyPath', () => {
  it.each<[string, string[]]>([
    ['FirstName', ['firstName']],
    ['firstName', ['firstName']],
    ['DefaultAddress.PostalCode', ['defaultAddress', 'postalCode']],
    ['defaultAddress.postalCode', ['defaultAddress', 'postalCode']],
    ['DefaultAddress.MiddleName', ['defaultAddress', 'middleName']],
    ['DefaultAddress.EmailAddress', ['defaultAddress', 'emailAddress']],
    ['DefaultAddress..City', ['defaultAddress', 'city']],
    ['Id', ['id']],
    ['PurchaseOrderReference', ['purchaseOrderReference']],
    ['', []],
  ])('maps %p to %p', (field, path) => {
    expect(toPropertyPath(field)).toEqual(path);
  });

  // Partner Center reads names case-insensitively and the casing of its error `field` is not
  // documented; a FieldError path must name the GraphQL input field.
  it.each<[string, string[]]>([
    ['DEFAULTADDRESS.POSTALCODE', ['defaultAddress', 'postalCode']],
    ['defaultaddress.phonenumber', ['defaultAddress', 'phoneNumber']],
    ['EMAIL', ['email']],
    ['COMPANYNAME', ['companyName']],
  ])('maps the upstream casing %p to the input path %p', (field, path) => {
    expect(toPropertyPath(field)).toEqual(path);
  });
});

describe('round trip', () => {
  const bodies: [string, JsonObject][] = [
    ['the seed document', seedBody()],
    ['a profile with unknown properties and nulls', richBody()],
    [
      'a profile with non-ASCII text and few properties',
      {
        id: 'b1e2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d',
        firstName: '花子',
        companyName: 'テイルスピン・トイズ株式会社',
        defaultAddress: { country: 'JP', city: '港区' },
        attributes: { etag: ETAG, objectType: 'CustomerBillingProfile' },
      },
    ],
  ];

  it.each(bodies)('sends %s back as it was read, read case-insensitively', (_name, body) => {
    const request = toBillingProfileRequest(dtoOf(body).resource, {}, ETAG);

    expect(toCamelCaseJson(request)).toEqual(body);
  });

  it.each(bodies)('maps %s to GraphQL with the same values', (_name, body) => {
    const dto = dtoOf(body);

    const { etag, defaultAddress, ...fields } = toBillingProfile(dto);

    expect(etag).toBe(dto.attributes.etag);
    for (const [key, value] of Object.entries(fields)) {
      expect(value).toBe(body[key] ?? null);
    }
    const bodyAddress = (body.defaultAddress ?? {}) as JsonObject;
    for (const [key, value] of Object.entries(defaultAddress ?? {})) {
      expect(value).toBe(bodyAddress[key] ?? null);
    }
  });
});
