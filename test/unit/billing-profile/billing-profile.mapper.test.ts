import {
  mergeBillingProfile,
  toBillingProfile,
  toBillingProfileRequest,
  toFieldErrors,
  toFieldPath,
} from '../../../src/billing-profile/billing-profile.mapper';
import { Address, CustomerBillingProfile } from '../../../src/billing-profile/billing-profile.type';
import { FieldError } from '../../../src/billing-profile/billing-profile-result.type';
import {
  ContractViolation,
  parseBillingProfileDto,
  type BillingProfileDto,
} from '../../../src/partner-center/partner-center.dto';
import { seedDocumentResponse } from '../../fixtures/seed-document';

const CUSTOMER_ID = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';

/** The seed document's response example, with a link header and an etag to echo back. */
function fullBody(): Record<string, unknown> {
  const body = seedDocumentResponse(CUSTOMER_ID, 'eyJpZCI6IjEifQ==');
  return {
    ...body,
    links: {
      self: {
        uri: `/customers/${CUSTOMER_ID}/profiles/billing`,
        method: 'GET',
        headers: [{ key: 'X-Trace', value: 'abc' }],
      },
    },
  };
}

function fullDto(): BillingProfileDto {
  return parseBillingProfileDto(fullBody());
}

const ADDRESS_NULLS = {
  country: null,
  region: null,
  city: null,
  state: null,
  addressLine1: null,
  addressLine2: null,
  addressLine3: null,
  postalCode: null,
  firstName: null,
  lastName: null,
  phoneNumber: null,
};

describe('parseBillingProfileDto', () => {
  it('keeps every contract property of a full body', () => {
    expect(parseBillingProfileDto(fullBody())).toEqual(fullBody());
  });

  it.each<[string, Record<string, unknown>, Partial<BillingProfileDto>]>([
    [
      'only id and etag',
      { id: 'p1', attributes: { etag: 'e1', objectType: 'CustomerBillingProfile' } },
      { id: 'p1', attributes: { etag: 'e1', objectType: 'CustomerBillingProfile' } },
    ],
    [
      'a missing objectType (defaults to CustomerBillingProfile)',
      { id: 'p1', attributes: { etag: 'e1' } },
      { attributes: { etag: 'e1', objectType: 'CustomerBillingProfile' } },
    ],
    [
      'null optional properties (dropped)',
      { id: 'p1', email: null, attributes: { etag: 'e' } },
      {},
    ],
    ['a null address (dropped)', { id: 'p1', defaultAddress: null, attributes: { etag: 'e' } }, {}],
    [
      'null address properties (dropped)',
      { id: 'p1', defaultAddress: { country: 'US', region: null }, attributes: { etag: 'e' } },
      { defaultAddress: { country: 'US' } },
    ],
    [
      'unknown properties (dropped)',
      { id: 'p1', nickname: 'x', defaultAddress: { planet: 'Earth' }, attributes: { etag: 'e' } },
      { defaultAddress: {} },
    ],
    [
      'links without headers',
      { id: 'p1', links: { self: { uri: '/x', method: 'GET' } }, attributes: { etag: 'e' } },
      { links: { self: { uri: '/x', method: 'GET', headers: [] } } },
    ],
    [
      'malformed link headers (dropped)',
      {
        id: 'p1',
        links: {
          self: { uri: '/x', method: 'GET', headers: [{ key: 1 }, { key: 'k', value: 'v' }] },
        },
        attributes: { etag: 'e' },
      },
      { links: { self: { uri: '/x', method: 'GET', headers: [{ key: 'k', value: 'v' }] } } },
    ],
  ])('accepts %s', (_name, body, expected) => {
    const dto = parseBillingProfileDto(body);

    expect(dto).toMatchObject(expected);
    expect(dto).not.toHaveProperty('nickname');
    expect(dto).not.toHaveProperty('email');
    expect(dto.defaultAddress ?? {}).not.toHaveProperty('region');
    expect(dto.defaultAddress ?? {}).not.toHaveProperty('planet');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', '{"id":"p1"}'],
    ['an array', [fullBody()]],
    ['a body without id', { ...fullBody(), id: undefined }],
    ['a numeric id', { ...fullBody(), id: 42 }],
    ['a body without attributes', { ...fullBody(), attributes: undefined }],
    ['an empty etag', { ...fullBody(), attributes: { etag: '' } }],
    ['a numeric etag', { ...fullBody(), attributes: { etag: 7 } }],
    ['a numeric first name', { ...fullBody(), firstName: 7 }],
    ['an address that is a string', { ...fullBody(), defaultAddress: 'One Microsoft Way' }],
    ['an address that is an array', { ...fullBody(), defaultAddress: [] }],
    ['a numeric postal code', { ...fullBody(), defaultAddress: { postalCode: 98052 } }],
  ])('throws ContractViolation for %s', (_name, body) => {
    expect(() => parseBillingProfileDto(body)).toThrow(ContractViolation);
  });
});

describe('toBillingProfile', () => {
  it('maps every property field by field, with the etag from attributes', () => {
    const profile = toBillingProfile(fullDto());

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
        lastName: 'LastName',
        phoneNumber: '4255555555',
      },
      etag: 'eyJpZCI6IjEifQ==',
    });
  });

  it.each<[string, BillingProfileDto, Partial<CustomerBillingProfile>]>([
    [
      'absent profile properties',
      { id: 'p', attributes: { etag: 'e', objectType: 'CustomerBillingProfile' } },
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
      { id: 'p', defaultAddress: {}, attributes: { etag: 'e', objectType: 'x' } },
      { defaultAddress: Object.assign(new Address(), ADDRESS_NULLS) },
    ],
  ])('answers null for %s', (_name, dto, expected) => {
    expect(toBillingProfile(dto)).toMatchObject(expected);
  });
});

describe('mergeBillingProfile', () => {
  const current = fullDto();
  const address = current.defaultAddress!;

  it.each<[string, Parameters<typeof mergeBillingProfile>[1], Record<string, unknown>]>([
    ['an empty patch keeps everything', {}, {}],
    ['an absent field keeps its value', { lastName: 'Other' }, { lastName: 'Other' }],
    ['a value replaces', { email: 'new@example.com' }, { email: 'new@example.com' }],
    ['null clears a profile field', { companyName: null }, { companyName: null }],
    [
      'a nested address patch merges field by field',
      { defaultAddress: { city: 'Seattle', addressLine2: 'Suite 1' } },
      { defaultAddress: { ...address, city: 'Seattle', addressLine2: 'Suite 1' } },
    ],
    [
      'null clears an address field',
      { defaultAddress: { state: null, phoneNumber: null } },
      {
        defaultAddress: (({ state: _s, phoneNumber: _p, ...rest }) => rest)(address),
      },
    ],
    ['an empty address patch keeps the address', { defaultAddress: {} }, {}],
    ['null clears the whole address', { defaultAddress: null }, { defaultAddress: null }],
  ])('%s', (_name, patch, changes) => {
    const expected = {
      firstName: current.firstName,
      lastName: current.lastName,
      email: current.email,
      culture: current.culture,
      language: current.language,
      companyName: current.companyName,
      defaultAddress: address,
      ...changes,
    };

    expect(mergeBillingProfile(current, patch)).toEqual(expected);
  });

  it('starts a new address from the patch when the profile has none', () => {
    const bare: BillingProfileDto = { id: 'p', attributes: { etag: 'e', objectType: 'x' } };

    expect(mergeBillingProfile(bare, { defaultAddress: { country: 'GB' } }).defaultAddress).toEqual(
      { country: 'GB' },
    );
  });

  it('leaves the current profile untouched', () => {
    const before = structuredClone(current);

    mergeBillingProfile(current, {
      firstName: 'Changed',
      defaultAddress: { city: 'Changed', region: null },
    });

    expect(current).toEqual(before);
  });
});

describe('toBillingProfileRequest', () => {
  const current = fullDto();

  it('sends every property in PascalCase with Id, Links and Attributes echoed', () => {
    const request = toBillingProfileRequest(
      CUSTOMER_ID,
      current,
      mergeBillingProfile(current, { firstName: 'Ada' }),
    );

    expect(request).toEqual({
      Id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
      FirstName: 'Ada',
      LastName: 'LastName',
      Email: 'email@sample.com',
      Culture: 'en-US',
      Language: 'en',
      CompanyName: 'companyName',
      DefaultAddress: {
        Country: 'US',
        Region: null,
        City: 'Redmond',
        State: 'WA',
        AddressLine1: 'One Microsoft Way',
        AddressLine2: null,
        AddressLine3: null,
        PostalCode: '98052',
        FirstName: 'FirstName',
        LastName: 'LastName',
        PhoneNumber: '4255555555',
      },
      Links: {
        Self: {
          Uri: `/customers/${CUSTOMER_ID}/profiles/billing`,
          Method: 'GET',
          Headers: [{ Key: 'X-Trace', Value: 'abc' }],
        },
      },
      Attributes: { Etag: 'eyJpZCI6IjEifQ==', ObjectType: 'CustomerBillingProfile' },
    });
  });

  it.each<
    [
      string,
      Parameters<typeof mergeBillingProfile>[1],
      (r: Record<string, unknown>) => unknown,
      unknown,
    ]
  >([
    ['a cleared profile field as null', { companyName: null }, (r) => r.CompanyName, null],
    ['an empty string as null', { companyName: '' }, (r) => r.CompanyName, null],
    [
      'a cleared address field as null',
      { defaultAddress: { state: null } },
      (r) => (r.DefaultAddress as Record<string, unknown>).State,
      null,
    ],
    ['a cleared address as null', { defaultAddress: null }, (r) => r.DefaultAddress, null],
  ])('sends %s', (_name, patch, pick, expected) => {
    const request = toBillingProfileRequest(
      CUSTOMER_ID,
      current,
      mergeBillingProfile(current, patch),
    ) as unknown as Record<string, unknown>;

    expect(pick(request)).toEqual(expected);
  });

  it('keeps every key present, even when the profile is nearly empty', () => {
    const bare: BillingProfileDto = {
      id: 'p',
      defaultAddress: {},
      attributes: { etag: 'e', objectType: 'CustomerBillingProfile' },
    };

    const request = toBillingProfileRequest(CUSTOMER_ID, bare, mergeBillingProfile(bare, {}));

    expect(Object.keys(request).sort()).toEqual(
      [
        'Attributes',
        'CompanyName',
        'Culture',
        'DefaultAddress',
        'Email',
        'FirstName',
        'Id',
        'Language',
        'LastName',
        'Links',
      ].sort(),
    );
    expect(Object.keys(request.DefaultAddress ?? {}).sort()).toEqual(
      [
        'AddressLine1',
        'AddressLine2',
        'AddressLine3',
        'City',
        'Country',
        'FirstName',
        'LastName',
        'PhoneNumber',
        'PostalCode',
        'Region',
        'State',
      ].sort(),
    );
  });

  it('builds Links.Self from the billing-profile path when the answer had no links', () => {
    const noLinks: BillingProfileDto = { id: 'p', attributes: { etag: 'e', objectType: 'x' } };

    const request = toBillingProfileRequest(
      CUSTOMER_ID.toUpperCase(),
      noLinks,
      mergeBillingProfile(noLinks, {}),
    );

    expect(request.Links).toEqual({
      Self: { Uri: `/v1/customers/${CUSTOMER_ID}/profiles/billing`, Method: 'GET', Headers: [] },
    });
    expect(request.Attributes).toEqual({ Etag: 'e', ObjectType: 'x' });
  });
});

describe('toFieldPath', () => {
  it.each<[string, string[]]>([
    ['FirstName', ['firstName']],
    ['firstName', ['firstName']],
    ['DefaultAddress.PostalCode', ['defaultAddress', 'postalCode']],
    ['defaultAddress.postalCode', ['defaultAddress', 'postalCode']],
    ['DefaultAddress..City', ['defaultAddress', 'city']],
    ['Id', ['id']],
    ['', []],
  ])('maps %p to %p', (field, path) => {
    expect(toFieldPath(field)).toEqual(path);
  });

  // The function documents "any casing": Partner Center reads names case-insensitively and its
  // error `field` casing is undocumented; a FieldError path must name the GraphQL input field.
  it.each<[string, string[]]>([
    ['DEFAULTADDRESS.POSTALCODE', ['defaultAddress', 'postalCode']],
    ['defaultaddress.postalcode', ['defaultAddress', 'postalCode']],
    ['EMAIL', ['email']],
  ])('maps the upstream casing %p to the input path %p', (field, path) => {
    expect(toFieldPath(field)).toEqual(path);
  });
});

describe('toFieldErrors', () => {
  it('keeps the path and names the field in the message', () => {
    const errors = toFieldErrors([
      { path: ['defaultAddress', 'postalCode'], message: 'is required in US' },
      { path: ['email'], message: 'must be an email address' },
    ]);

    expect(errors.every((e) => e instanceof FieldError)).toBe(true);
    expect(errors.map((e) => ({ ...e }))).toEqual([
      { path: ['defaultAddress', 'postalCode'], message: 'postalCode is required in US' },
      { path: ['email'], message: 'email must be an email address' },
    ]);
  });
});

describe('round trip', () => {
  /** What Partner Center stores from a PascalCase PUT, answered in camelCase (nulls omitted). */
  function asPartnerCenterAnswer(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map(asPartnerCenterAnswer);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), asPartnerCenterAnswer(v)]),
      );
    }
    return value;
  }

  const bodies: [string, Record<string, unknown>][] = [
    ['the full sample profile', fullBody()],
    [
      'a profile with every optional address field',
      {
        ...fullBody(),
        defaultAddress: {
          country: 'IN',
          region: 'Karnataka',
          city: 'Bengaluru',
          state: 'KA',
          addressLine1: 'Embassy Golf Links Business Park',
          addressLine2: 'Block C',
          addressLine3: 'Challaghatta',
          postalCode: '560071',
          firstName: 'Priya',
          lastName: 'Sharma',
          phoneNumber: '+91 80 4010 3000',
        },
      },
    ],
    [
      'a profile with non-ASCII text and few fields',
      {
        id: 'b1e2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d',
        firstName: '花子',
        companyName: 'テイルスピン・トイズ株式会社',
        defaultAddress: { country: 'JP', city: '港区' },
        links: { self: { uri: '/x', method: 'GET', headers: [] } },
        attributes: { etag: 'v2', objectType: 'CustomerBillingProfile' },
      },
    ],
  ];

  it.each(bodies)('sends %s back unchanged when the patch is empty', (_name, body) => {
    const dto = parseBillingProfileDto(body);

    const request = toBillingProfileRequest(CUSTOMER_ID, dto, mergeBillingProfile(dto, {}));

    expect(parseBillingProfileDto(asPartnerCenterAnswer(request))).toEqual(dto);
  });

  it.each(bodies)('maps %s to GraphQL with the same values', (_name, body) => {
    const dto = parseBillingProfileDto(body);

    const profile = toBillingProfile(dto);

    const { etag, defaultAddress, ...fields } = profile;
    expect(etag).toBe(dto.attributes.etag);
    for (const [key, value] of Object.entries(fields)) {
      expect(value).toBe((dto as unknown as Record<string, unknown>)[key] ?? null);
    }
    for (const [key, value] of Object.entries(defaultAddress ?? {})) {
      expect(value).toBe((dto.defaultAddress as Record<string, unknown>)[key] ?? null);
    }
  });
});
