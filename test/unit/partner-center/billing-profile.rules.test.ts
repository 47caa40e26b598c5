import {
  validateBillingProfile,
  validateBillingProfilePatch,
  type FieldProblem,
  type ProfileFieldsCandidate,
} from '../../../src/partner-center/billing-profile.rules';
import { seedDocumentResponse } from '../../fixtures/seed-document';

interface Address {
  [field: string]: unknown;
}

function valid(address: Address = {}): ProfileFieldsCandidate & { defaultAddress: Address } {
  // The seed document's sample profile: valid by construction.
  const {
    id: _id,
    links: _links,
    attributes: _attributes,
    defaultAddress,
    ...fields
  } = seedDocumentResponse('0c39d6d5-c70d-4c55-bc02-f620844f3fd1');
  return { ...fields, defaultAddress: { ...defaultAddress, ...address } };
}

function withProfile(fields: Record<string, unknown>): ProfileFieldsCandidate {
  return { ...valid(), ...fields };
}

function withAddress(fields: Address): ProfileFieldsCandidate {
  return valid(fields);
}

const problem = (path: string, message: string): FieldProblem => ({
  path: path.split('.'),
  message,
});

// The countries the contract names for a mandatory phone number, copied from the contract document
// rather than imported, so a drift in country.rules.ts fails here.
const CONTRACT_PHONE_COUNTRIES = [
  'AM',
  'AZ',
  'BY',
  'HU',
  'KZ',
  'KG',
  'MD',
  'RU',
  'TJ',
  'UZ',
  'UA',
  'IN',
  'BR',
  'ZA',
  'PL',
  'AE',
  'SA',
  'TR',
  'TH',
  'VN',
  'MM',
  'IQ',
  'SS',
  'VE',
];

describe('validateBillingProfile', () => {
  it('accepts the seed document sample profile', () => {
    expect(validateBillingProfile(valid())).toEqual([]);
  });

  describe('profile fields', () => {
    it.each<[string, Record<string, unknown>, FieldProblem[]]>([
      ['a missing firstName', { firstName: undefined }, [problem('firstName', 'is required')]],
      ['a null lastName', { lastName: null }, [problem('lastName', 'is required')]],
      ['an empty email', { email: '' }, [problem('email', 'is required')]],
      ['a numeric firstName', { firstName: 42 }, [problem('firstName', 'must be a string')]],
      ['a white-space firstName', { firstName: ' \u00a0 ' }, [problem('firstName', 'is required')]],
      [
        'a firstName of 26 astral characters (52 UTF-16 units)',
        { firstName: '😀'.repeat(26) },
        [problem('firstName', 'must be between 1 and 50 characters')],
      ],
      ...['A\u0000B', 'Line\nbreak', 'Tab\tbed', 'Del\u007f', 'C1\u0085'].map(
        (value): [string, Record<string, unknown>, FieldProblem[]] => [
          `a firstName with a control character ${JSON.stringify(value)}`,
          { firstName: value },
          [problem('firstName', 'must not contain control characters or broken Unicode')],
        ],
      ),
      ...['a\uD800b', 'a\uDC00b'].map(
        (value): [string, Record<string, unknown>, FieldProblem[]] => [
          `a companyName with a lone surrogate ${JSON.stringify(value)}`,
          { companyName: value },
          [problem('companyName', 'must not contain control characters or broken Unicode')],
        ],
      ),
      [
        'a firstName of 51 characters',
        { firstName: 'x'.repeat(51) },
        [problem('firstName', 'must be between 1 and 50 characters')],
      ],
      [
        'a lastName of 51 characters',
        { lastName: 'x'.repeat(51) },
        [problem('lastName', 'must be between 1 and 50 characters')],
      ],
      [
        'a companyName of 201 characters',
        { companyName: 'c'.repeat(201) },
        [problem('companyName', 'must be between 1 and 200 characters')],
      ],
      [
        'an email without @',
        { email: 'email.sample.com' },
        [problem('email', 'must be an email address')],
      ],
      [
        'an email without a dot in the domain',
        { email: 'a@sample' },
        [problem('email', 'must be an email address')],
      ],
      [
        'an email with a space',
        { email: 'a b@sample.com' },
        [problem('email', 'must be an email address')],
      ],
      [
        'an email with two @',
        { email: 'a@@sample.com' },
        [problem('email', 'must be an email address')],
      ],
      [
        'the culture "english"',
        { culture: 'english' },
        [problem('culture', 'must be a culture name such as en-US')],
      ],
      [
        'the culture "en_US"',
        { culture: 'en_US' },
        [problem('culture', 'must be a culture name such as en-US')],
      ],
      [
        'the culture "EN-us"',
        { culture: 'EN-us' },
        [problem('culture', 'must be a culture name such as en-US')],
      ],
      [
        'the culture "en"',
        { culture: 'en' },
        [problem('culture', 'must be a culture name such as en-US')],
      ],
      [
        'the language "eng"',
        { language: 'eng' },
        [problem('language', 'must be exactly 2 characters')],
      ],
      [
        'the language "EN"',
        { language: 'EN' },
        [problem('language', 'must be a two-letter language code such as en')],
      ],
      [
        'no defaultAddress',
        { defaultAddress: undefined },
        [problem('defaultAddress', 'is required')],
      ],
      [
        'a string defaultAddress',
        { defaultAddress: 'Redmond' },
        [problem('defaultAddress', 'must be an object')],
      ],
      [
        'an array defaultAddress',
        { defaultAddress: [] },
        [problem('defaultAddress', 'must be an object')],
      ],
    ])('reports %s', (_case, fields, expected) => {
      expect(validateBillingProfile(withProfile(fields))).toEqual(expected);
    });

    it.each<[string, Record<string, unknown>]>([
      ['a firstName of 50 characters', { firstName: 'x'.repeat(50) }],
      [
        'a firstName of 25 astral characters (50 UTF-16 units, as .NET counts)',
        { firstName: '😀'.repeat(25) },
      ],
      ['a companyName of 200 characters', { companyName: 'c'.repeat(200) }],
      ['a firstName of one character', { firstName: 'A' }],
      ['non-Latin names', { firstName: '花子', lastName: '山田', companyName: 'テイルスピン' }],
      ['a sub-domain email', { email: 'first.last+tag@mail.example.co.uk' }],
      ['a culture with a script subtag', { culture: 'zh-Hans-CN' }],
      ['a three-letter language culture', { culture: 'fil-PH' }],
    ])('accepts %s', (_case, fields) => {
      expect(validateBillingProfile(withProfile(fields))).toEqual([]);
    });

    it('reports every missing required field at once', () => {
      expect(validateBillingProfile({})).toEqual([
        problem('firstName', 'is required'),
        problem('lastName', 'is required'),
        problem('email', 'is required'),
        problem('culture', 'is required'),
        problem('language', 'is required'),
        problem('companyName', 'is required'),
        problem('defaultAddress', 'is required'),
      ]);
    });
  });

  describe('address fields', () => {
    it.each<[string, Address, FieldProblem[]]>([
      [
        'a missing country',
        { country: undefined },
        [problem('defaultAddress.country', 'is required')],
      ],
      [
        'the country "USA"',
        { country: 'USA' },
        [problem('defaultAddress.country', 'must be exactly 2 characters')],
      ],
      [
        'the unassigned country "XX"',
        { country: 'XX' },
        [
          problem(
            'defaultAddress.country',
            'must be an ISO 3166-1 alpha-2 country code such as US',
          ),
        ],
      ],
      [
        'a lower-case country',
        { country: 'us' },
        [
          problem(
            'defaultAddress.country',
            'must be an ISO 3166-1 alpha-2 country code such as US',
          ),
        ],
      ],
      ['a missing city', { city: null }, [problem('defaultAddress.city', 'is required')]],
      ['an empty city', { city: '' }, [problem('defaultAddress.city', 'is required')]],
      [
        'a state of 3 characters',
        { state: 'WAS' },
        [problem('defaultAddress.state', 'must be between 0 and 2 characters')],
      ],
      [
        'a missing addressLine1',
        { addressLine1: undefined },
        [problem('defaultAddress.addressLine1', 'is required')],
      ],
      [
        'an addressLine1 of 201 characters',
        { addressLine1: 'a'.repeat(201) },
        [problem('defaultAddress.addressLine1', 'must be between 1 and 200 characters')],
      ],
      [
        'an addressLine2 of 201 characters',
        { addressLine2: 'a'.repeat(201) },
        [problem('defaultAddress.addressLine2', 'must be between 0 and 200 characters')],
      ],
      [
        'an addressLine3 of 201 characters',
        { addressLine3: 'a'.repeat(201) },
        [problem('defaultAddress.addressLine3', 'must be between 0 and 200 characters')],
      ],
      [
        'a postalCode of 21 characters',
        { postalCode: '1'.repeat(21) },
        [problem('defaultAddress.postalCode', 'must be between 1 and 20 characters')],
      ],
      [
        'a missing postalCode in the US',
        { postalCode: null },
        [problem('defaultAddress.postalCode', 'is required in US')],
      ],
      [
        'an address firstName of 51 characters',
        { firstName: 'f'.repeat(51) },
        [problem('defaultAddress.firstName', 'must be between 1 and 50 characters')],
      ],
      [
        'a phone number with letters',
        { phoneNumber: 'call me' },
        [problem('defaultAddress.phoneNumber', 'must contain digits and only + ( ) - . or spaces')],
      ],
      [
        'a numeric postalCode',
        { postalCode: 98052 },
        [problem('defaultAddress.postalCode', 'must be a string')],
      ],
    ])('reports %s', (_case, address, expected) => {
      expect(validateBillingProfile(withAddress(address))).toEqual(expected);
    });

    it.each<[string, Address]>([
      ['no region', { region: undefined }],
      ['a null region', { region: null }],
      ['a null addressLine2', { addressLine2: null }],
      ['an empty addressLine3', { addressLine3: '' }],
      ['no state', { state: undefined }],
      ['an empty state', { state: '' }],
      ['no address names', { firstName: undefined, lastName: undefined }],
      ['no phone number in the US', { phoneNumber: undefined }],
      ['an addressLine1 of 200 characters', { addressLine1: 'a'.repeat(200) }],
      ['a postalCode of 20 characters', { postalCode: '1'.repeat(20) }],
      ['a formatted phone number', { phoneNumber: '+1 (425) 555-0100' }],
      ['a dotted phone number', { phoneNumber: '425.555.0100' }],
    ])('accepts %s', (_case, address) => {
      expect(validateBillingProfile(withAddress(address))).toEqual([]);
    });

    it('reports every missing required address field at once', () => {
      expect(validateBillingProfile({ ...valid(), defaultAddress: {} })).toEqual([
        problem('defaultAddress.country', 'is required'),
        problem('defaultAddress.city', 'is required'),
        problem('defaultAddress.addressLine1', 'is required'),
      ]);
    });

    it.each(['US', 'GB', 'DE', 'JP', 'BR', 'IN', 'FR'])(
      'requires a postal code in %s',
      (country) => {
        const problems = validateBillingProfile(withAddress({ country, postalCode: undefined }));

        expect(problems).toEqual([
          problem('defaultAddress.postalCode', `is required in ${country}`),
        ]);
      },
    );

    it.each(['HK', 'AE', 'QA', 'AO'])('does not require a postal code in %s', (country) => {
      const problems = validateBillingProfile(withAddress({ country, postalCode: undefined }));

      expect(problems).toEqual([]);
    });

    it.each(CONTRACT_PHONE_COUNTRIES)('requires a phone number in %s', (country) => {
      const problems = validateBillingProfile(withAddress({ country, phoneNumber: undefined }));

      expect(problems).toContainEqual(
        problem('defaultAddress.phoneNumber', `is required in ${country}`),
      );
      expect(
        problems.filter((p) => p.path.join('.') === 'defaultAddress.phoneNumber'),
      ).toHaveLength(1);
    });

    it.each(['US', 'GB', 'DE', 'JP', 'FR', 'CA'])(
      'does not require a phone number in %s',
      (country) => {
        expect(validateBillingProfile(withAddress({ country, phoneNumber: null }))).toEqual([]);
      },
    );

    it('does not add the country rules to an invalid country', () => {
      const problems = validateBillingProfile(
        withAddress({ country: 'XX', postalCode: undefined, phoneNumber: undefined }),
      );

      expect(problems).toEqual([
        problem('defaultAddress.country', 'must be an ISO 3166-1 alpha-2 country code such as US'),
      ]);
    });
  });

  it('lists problems of the profile and the address together', () => {
    const problems = validateBillingProfile({
      ...valid({ city: undefined, state: 'Washington' }),
      firstName: 'x'.repeat(51),
      email: 'nope',
    });

    expect(problems).toEqual([
      problem('firstName', 'must be between 1 and 50 characters'),
      problem('email', 'must be an email address'),
      problem('defaultAddress.city', 'is required'),
      problem('defaultAddress.state', 'must be between 0 and 2 characters'),
    ]);
  });
});

describe('validateBillingProfilePatch', () => {
  it.each<[string, ProfileFieldsCandidate, FieldProblem[]]>([
    ['an empty patch', {}, []],
    ['a valid firstName alone', { firstName: 'Ada' }, []],
    [
      'a null firstName (clearing a required field)',
      { firstName: null },
      [problem('firstName', 'is required')],
    ],
    ['a bad email alone', { email: 'nope' }, [problem('email', 'must be an email address')]],
    ['a null defaultAddress', { defaultAddress: null }, [problem('defaultAddress', 'is required')]],
    ['a partial address with a valid city', { defaultAddress: { city: 'Bellevue' } }, []],
    [
      'a partial address with a long state',
      { defaultAddress: { state: 'WAS' } },
      [problem('defaultAddress.state', 'must be between 0 and 2 characters')],
    ],
    [
      'a null city (clearing a required address field)',
      { defaultAddress: { city: null } },
      [problem('defaultAddress.city', 'is required')],
    ],
    [
      'a null region (clearing an optional address field)',
      { defaultAddress: { region: null } },
      [],
    ],
    [
      'a country that needs a postal code, without one (a rule of the merged profile)',
      { defaultAddress: { country: 'BR' } },
      [],
    ],
  ])('checks %s', (_case, patch, expected) => {
    expect(validateBillingProfilePatch(patch)).toEqual(expected);
  });
});

describe('blank optional fields', () => {
  it('asks for null instead of white space to clear an optional field', () => {
    expect(validateBillingProfilePatch({ defaultAddress: { region: '   ' } })).toEqual([
      problem('defaultAddress.region', 'must not be blank (send null to clear it)'),
    ]);
  });
});
