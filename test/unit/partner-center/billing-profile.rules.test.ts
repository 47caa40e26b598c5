import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as rulesModule from '../../../src/partner-center/billing-profile.rules';
import {
  ADDRESS_LIMITS,
  COUNTRY_RULED_FIELDS,
  MAX_PATTERN_INPUT,
  PATTERN_TIME_BUDGET_MS,
  PROFILE_LIMITS,
  validateAgainstCountryRules,
  validateBillingProfileChanges,
  type AddressChanges,
  type FieldProblem,
  type ProfileChanges,
} from '../../../src/partner-center/billing-profile.rules';
import type { CountryValidationRulesDto } from '../../../src/partner-center/country-validation-rules.client';

const problem = (path: string, message: string): FieldProblem => ({
  path: path.split('.'),
  message,
});

const BROKEN = 'must not contain control characters or broken Unicode';
const CANNOT_BE_CLEARED = 'cannot be cleared';

describe('validateBillingProfileChanges', () => {
  it('accepts no changes at all', () => {
    expect(validateBillingProfileChanges({})).toEqual([]);
    expect(validateBillingProfileChanges({ defaultAddress: {} })).toEqual([]);
  });

  // Only what the caller sets is judged: properties left out are whatever Partner Center stores.
  it('checks only the values the caller sets', () => {
    expect(
      validateBillingProfileChanges({
        firstName: 'Ada',
        defaultAddress: { city: 'Bellevue' },
      }),
    ).toEqual([]);
    expect(
      validateBillingProfileChanges({
        email: undefined,
        culture: undefined,
        defaultAddress: { country: undefined, addressLine1: undefined },
      }),
    ).toEqual([]);
  });

  describe('profile properties', () => {
    it.each<[string, ProfileChanges, FieldProblem[]]>([
      ['a null email', { email: null }, [problem('email', CANNOT_BE_CLEARED)]],
      ['an empty email', { email: '' }, [problem('email', CANNOT_BE_CLEARED)]],
      ['a null culture', { culture: null }, [problem('culture', CANNOT_BE_CLEARED)]],
      ['a null companyName', { companyName: null }, [problem('companyName', CANNOT_BE_CLEARED)]],
      ['an empty companyName', { companyName: '' }, [problem('companyName', CANNOT_BE_CLEARED)]],
      [
        'an email without @',
        { email: 'email.sample.com' },
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
        'an email with nothing before @',
        { email: '@sample.com' },
        [problem('email', 'must be an email address')],
      ],
      [
        'an email with nothing after @',
        { email: 'a@' },
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
        'the culture "e" (one letter)',
        { culture: 'e' },
        [problem('culture', 'must be a culture name such as en-US')],
      ],
      [
        'the language "eng"',
        { language: 'eng' },
        [problem('language', 'must be a two-letter language code such as en')],
      ],
      [
        'the language "e1"',
        { language: 'e1' },
        [problem('language', 'must be a two-letter language code such as en')],
      ],
    ])('reports %s', (_case, changes, expected) => {
      expect(validateBillingProfileChanges(changes)).toEqual(expected);
    });

    it.each<[string, ProfileChanges]>([
      // The 1-50 rule belongs to the address (utility-resources); the profile's names have none.
      ['a null firstName', { firstName: null }],
      ['a null lastName', { lastName: null }],
      ['an empty firstName', { firstName: '' }],
      ['a firstName of 51 characters', { firstName: 'x'.repeat(51) }],
      ['a lastName of 500 characters', { lastName: 'x'.repeat(500) }],
      ['a null language', { language: null }],
      // No length is documented for email or companyName.
      ['an email of 300 characters', { email: `${'a'.repeat(280)}@example.com` }],
      ['a companyName of 1000 characters', { companyName: 'c'.repeat(1000) }],
      ['an email without a dot in the domain', { email: 'a@sample' }],
      ['a sub-domain email with a tag', { email: 'first.last+tag@mail.example.co.uk' }],
      ['a lower-case culture, as customer-resources writes it', { culture: 'en-us' }],
      ['an upper-case culture', { culture: 'EN-US' }],
      ['a culture in mixed case', { culture: 'EN-us' }],
      ['a culture with a script subtag', { culture: 'zh-Hans-CN' }],
      ['a three-letter language culture', { culture: 'fil-PH' }],
      ['a culture with a numeric region', { culture: 'es-419' }],
      ['an upper-case language', { language: 'EN' }],
      ['a lower-case language', { language: 'ja' }],
      ['non-Latin names', { firstName: '花子', lastName: '山田', companyName: 'テイルスピン' }],
    ])('accepts %s', (_case, changes) => {
      expect(validateBillingProfileChanges(changes)).toEqual([]);
    });
  });

  describe('address properties', () => {
    it.each<[string, AddressChanges, FieldProblem[]]>([
      ['a null country', { country: null }, [problem('defaultAddress.country', CANNOT_BE_CLEARED)]],
      ['an empty country', { country: '' }, [problem('defaultAddress.country', CANNOT_BE_CLEARED)]],
      [
        'a null addressLine1',
        { addressLine1: null },
        [problem('defaultAddress.addressLine1', CANNOT_BE_CLEARED)],
      ],
      [
        'a null address firstName',
        { firstName: null },
        [problem('defaultAddress.firstName', CANNOT_BE_CLEARED)],
      ],
      [
        'a null address lastName',
        { lastName: null },
        [problem('defaultAddress.lastName', CANNOT_BE_CLEARED)],
      ],
      [
        'the country "USA"',
        { country: 'USA' },
        [problem('defaultAddress.country', 'must be exactly 2 characters')],
      ],
      [
        'the country "U"',
        { country: 'U' },
        [problem('defaultAddress.country', 'must be exactly 2 characters')],
      ],
      [
        'the country "1A"',
        { country: '1A' },
        [problem('defaultAddress.country', 'must be a two-letter country code such as US')],
      ],
      [
        'a state of 3 characters',
        { state: 'WAS' },
        [problem('defaultAddress.state', 'must be between 0 and 2 characters')],
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
        'an address firstName of 51 characters',
        { firstName: 'f'.repeat(51) },
        [problem('defaultAddress.firstName', 'must be between 1 and 50 characters')],
      ],
      [
        'an address middleName of 51 characters',
        { middleName: 'm'.repeat(51) },
        [problem('defaultAddress.middleName', 'must be between 0 and 50 characters')],
      ],
      [
        'an address lastName of 51 characters',
        { lastName: 'l'.repeat(51) },
        [problem('defaultAddress.lastName', 'must be between 1 and 50 characters')],
      ],
      [
        'an address firstName of 26 astral characters (52 UTF-16 units)',
        { firstName: '😀'.repeat(26) },
        [problem('defaultAddress.firstName', 'must be between 1 and 50 characters')],
      ],
    ])('reports %s', (_case, address, expected) => {
      expect(validateBillingProfileChanges({ defaultAddress: address })).toEqual(expected);
    });

    it.each<[string, AddressChanges]>([
      // Only the shape is documented: Partner Center serves markets the ISO list does not assign.
      ['the country "XK" (not assigned by ISO 3166-1)', { country: 'XK' }],
      ['a lower-case country', { country: 'us' }],
      ['the unassigned country "XX"', { country: 'XX' }],
      ['a null region', { region: null }],
      ['a null city (required only where the country says so)', { city: null }],
      ['a null state', { state: null }],
      ['an empty state', { state: '' }],
      ['a null addressLine2', { addressLine2: null }],
      ['a null addressLine3', { addressLine3: null }],
      ['a null middleName', { middleName: null }],
      ['a null postalCode (required only where the country says so)', { postalCode: null }],
      ['a null phoneNumber (Partner Center judges where one is required)', { phoneNumber: null }],
      ['a null district and emailAddress', { district: null, emailAddress: null }],
      ['a state of 2 characters', { state: 'WA' }],
      ['an addressLine1 of 200 characters', { addressLine1: 'a'.repeat(200) }],
      ['an addressLine2 of 200 characters', { addressLine2: 'a'.repeat(200) }],
      ['an address firstName of one character', { firstName: 'A' }],
      ['an address firstName of 50 characters', { firstName: 'f'.repeat(50) }],
      [
        'an address firstName of 25 astral characters (50 UTF-16 units, as .NET counts)',
        { firstName: '😀'.repeat(25) },
      ],
      ['a middleName of 50 characters', { middleName: 'm'.repeat(50) }],
      // No length is documented for these.
      ['a city of 500 characters', { city: 'c'.repeat(500) }],
      ['a region of 500 characters', { region: 'r'.repeat(500) }],
      ['a postalCode of 100 characters', { postalCode: '1'.repeat(100) }],
      ['a phoneNumber of 100 characters', { phoneNumber: '1'.repeat(100) }],
      ['an addressLine3 of 500 characters', { addressLine3: 'a'.repeat(500) }],
      // Without the country's rules no phone format is known.
      ['a phone number with an extension', { phoneNumber: '+1 425 555 0100 ext 12' }],
      ['a phone number with letters', { phoneNumber: '1-800-FLOWERS' }],
      ['a formatted phone number', { phoneNumber: '+1 (425) 555-0100' }],
      ['any postal code', { postalCode: 'not a postal code' }],
      ['any state of 2 characters', { state: 'ZZ' }],
    ])('accepts %s', (_case, address) => {
      expect(validateBillingProfileChanges({ defaultAddress: address })).toEqual([]);
    });
  });

  describe('text hygiene', () => {
    const controls = ['A\u0000B', 'Line\nbreak', 'Tab\tbed', 'Del\u007f', 'C1\u0085', 'Esc\u001b'];
    const surrogates = ['a\uD800b', 'a\uDC00b', 'end\uD83D', '\uDE00start'];

    it.each([...controls, ...surrogates])('refuses %j in a profile property', (value) => {
      expect(validateBillingProfileChanges({ firstName: value })).toEqual([
        problem('firstName', BROKEN),
      ]);
    });

    it.each([...controls, ...surrogates])(
      'refuses %j in an address property with no other rule',
      (value) => {
        expect(validateBillingProfileChanges({ defaultAddress: { region: value } })).toEqual([
          problem('defaultAddress.region', BROKEN),
        ]);
      },
    );

    it('refuses a control character once, before any length or format rule', () => {
      expect(
        validateBillingProfileChanges({
          email: 'a\u0000b',
          defaultAddress: { firstName: `${'x'.repeat(60)}\n` },
        }),
      ).toEqual([problem('email', BROKEN), problem('defaultAddress.firstName', BROKEN)]);
    });

    it.each([
      ['a surrogate pair', '😀 Emoji Ltd'],
      ['combining marks', 'Zoë Ångström'],
      ['a no-break space', 'A\u00a0B'],
      ['right-to-left text', 'شركة'],
    ])('accepts %s', (_name, value) => {
      expect(validateBillingProfileChanges({ companyName: value })).toEqual([]);
    });
  });

  it('reports every problem of the profile and the address at once', () => {
    expect(
      validateBillingProfileChanges({
        email: 'nope',
        culture: null,
        defaultAddress: { country: 'USA', state: 'Washington', addressLine1: null },
      }),
    ).toEqual([
      problem('email', 'must be an email address'),
      problem('culture', CANNOT_BE_CLEARED),
      problem('defaultAddress.country', 'must be exactly 2 characters'),
      problem('defaultAddress.state', 'must be between 0 and 2 characters'),
      problem('defaultAddress.addressLine1', CANNOT_BE_CLEARED),
    ]);
  });
});

// Rules without a source must stay gone: each of these refused data Partner Center accepts.
describe('rules without a source', () => {
  it('has documented limits only: none on profile names, email, companyName, city, region, postal code or phone', () => {
    expect(Object.keys(PROFILE_LIMITS).sort()).toEqual(['companyName', 'culture', 'email']);
    for (const limit of Object.values(PROFILE_LIMITS)) {
      expect(limit?.max).toBeUndefined();
    }
    expect(ADDRESS_LIMITS).toEqual({
      country: { min: 2, max: 2 },
      state: { min: 0, max: 2 },
      addressLine1: { min: 1, max: 200 },
      addressLine2: { min: 0, max: 200 },
      firstName: { min: 1, max: 50 },
      middleName: { min: 0, max: 50 },
      lastName: { min: 1, max: 50 },
    });
  });

  it('exports no country tables: no postal-code exemptions, no phone-required countries', () => {
    const names = Object.keys(rulesModule);

    expect(names.filter((n) => /postal|phone|countr(y|ies)|exempt|iso/i.test(n)).sort()).toEqual([
      'COUNTRY_RULED_FIELDS',
      'validateAgainstCountryRules',
    ]);
    expect([...COUNTRY_RULED_FIELDS]).toEqual(['postalCode', 'state', 'city', 'phoneNumber']);
  });

  it.each(['HK', 'AE', 'QA', 'AO', 'US', 'GB', 'IN', 'BR', 'RU', 'ZA'])(
    'requires neither a postal code nor a phone number in %s without its published rules',
    (country) => {
      expect(
        validateBillingProfileChanges({
          defaultAddress: { country, postalCode: null, phoneNumber: null, city: null },
        }),
      ).toEqual([]);
    },
  );

  it('accepts long values where no maximum is documented', () => {
    const long = 'x'.repeat(300);
    const email = `${'a'.repeat(288)}@example.com`;

    expect(
      validateBillingProfileChanges({
        firstName: long,
        lastName: long,
        email,
        companyName: long,
        defaultAddress: {
          city: long,
          region: long,
          postalCode: long,
          phoneNumber: long,
          addressLine3: long,
          district: long,
          emailAddress: email,
        },
      }),
    ).toEqual([]);
  });

  it('no longer has the hand-written country tables module', () => {
    expect(existsSync(join(__dirname, '../../../src/partner-center/country.rules.ts'))).toBe(false);
  });
});

/** Rules in the shape of the documentation page's US example (get-market-specific-validation-data). */
function usRules(overrides: Partial<CountryValidationRulesDto> = {}): CountryValidationRulesDto {
  return {
    iso2Code: 'US',
    defaultCulture: 'en-US',
    isStateRequired: true,
    supportedStatesList: ['CA', 'NY', 'WA'],
    isPostalCodeRequired: true,
    postalCodeRegex: '^\\d{5}(-\\d{4})?$',
    isCityRequired: true,
    phoneNumberRegex:
      '^(1[\\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[\\-\\/\\.]?(\\d{3})[\\-\\/\\.]?(\\d{4})$',
    ...overrides,
  };
}

describe('validateAgainstCountryRules', () => {
  it('accepts no changes at all', () => {
    expect(validateAgainstCountryRules({}, usRules())).toEqual([]);
  });

  it.each<[string, AddressChanges, Partial<CountryValidationRulesDto>, FieldProblem[]]>([
    [
      'a cleared postal code where one is required',
      { postalCode: null },
      {},
      [problem('defaultAddress.postalCode', 'is required in US')],
    ],
    [
      'an empty postal code where one is required',
      { postalCode: '' },
      {},
      [problem('defaultAddress.postalCode', 'is required in US')],
    ],
    [
      'a postal code that does not match',
      { postalCode: '9805' },
      {},
      [problem('defaultAddress.postalCode', 'is not a postal code of US')],
    ],
    [
      'a cleared state where one is required',
      { state: null },
      {},
      [problem('defaultAddress.state', 'is required in US')],
    ],
    [
      'a state not on the list',
      { state: 'ZZ' },
      {},
      [problem('defaultAddress.state', 'is not a state of US')],
    ],
    [
      'a cleared city where one is required',
      { city: null },
      {},
      [problem('defaultAddress.city', 'is required in US')],
    ],
    [
      'an empty city where one is required',
      { city: '' },
      {},
      [problem('defaultAddress.city', 'is required in US')],
    ],
    [
      'a phone number that does not match',
      { phoneNumber: '+1 425 555 0100 ext 12' },
      {},
      [problem('defaultAddress.phoneNumber', 'is not a phone number of US')],
    ],
    [
      'every problem at once, in a lower-case country code',
      { postalCode: null, state: 'ZZ', city: null, phoneNumber: 'call me' },
      { iso2Code: 'us' },
      [
        problem('defaultAddress.postalCode', 'is required in US'),
        problem('defaultAddress.city', 'is required in US'),
        problem('defaultAddress.state', 'is not a state of US'),
        problem('defaultAddress.phoneNumber', 'is not a phone number of US'),
      ],
    ],
  ])('reports %s', (_case, changes, overrides, expected) => {
    expect(validateAgainstCountryRules(changes, usRules(overrides))).toEqual(expected);
  });

  it.each<[string, AddressChanges, Partial<CountryValidationRulesDto>]>([
    ['a matching postal code', { postalCode: '98052' }, {}],
    ['a matching ZIP+4', { postalCode: '98052-6399' }, {}],
    ['a state on the list', { state: 'WA' }, {}],
    ['a state on the list in another case', { state: 'wa' }, {}],
    ['a state on a lower-case list', { state: 'WA' }, { supportedStatesList: ['wa'] }],
    ['a matching phone number', { phoneNumber: '425-555-0100' }, {}],
    ['a matching phone number in parentheses', { phoneNumber: '(425)555-0100' }, {}],
    [
      'a cleared phone number (Partner Center judges where one is required)',
      { phoneNumber: null },
      {},
    ],
    [
      'a cleared postal code where none is required',
      { postalCode: null },
      { isPostalCodeRequired: false },
    ],
    [
      'a cleared postal code where the rule is not published',
      { postalCode: null },
      { isPostalCodeRequired: undefined },
    ],
    ['a cleared state where none is required', { state: null }, { isStateRequired: false }],
    ['a cleared city where none is required', { city: null }, { isCityRequired: false }],
    [
      'a cleared city where the rule is not published',
      { city: null },
      { isCityRequired: undefined },
    ],
    [
      'any state where none is required, even with a list',
      { state: 'ZZ' },
      { isStateRequired: false },
    ],
    ['any state where the list is empty', { state: 'ZZ' }, { supportedStatesList: [] }],
    ['any state where no list is published', { state: 'ZZ' }, { supportedStatesList: undefined }],
    [
      'any postal code where no pattern is published',
      { postalCode: 'x' },
      { postalCodeRegex: undefined },
    ],
    ['any postal code where the pattern is empty', { postalCode: 'x' }, { postalCodeRegex: '' }],
    [
      'any phone number where no pattern is published',
      { phoneNumber: 'x' },
      { phoneNumberRegex: undefined },
    ],
    // The contract leaves values the caller did not send to Partner Center.
    [
      'address fields the rules do not govern',
      { addressLine1: 'x', region: 'y', country: 'US' },
      {},
    ],
  ])('accepts %s', (_case, changes, overrides) => {
    expect(validateAgainstCountryRules(changes, usRules(overrides))).toEqual([]);
  });

  it('does not check the pattern of a required postal code that is cleared, only its presence', () => {
    expect(
      validateAgainstCountryRules({ postalCode: '' }, usRules({ postalCodeRegex: '^x$' })),
    ).toEqual([problem('defaultAddress.postalCode', 'is required in US')]);
  });

  it.each([
    [
      'a lower-case postal code against an upper-case pattern',
      'CA',
      'k1a 0b1',
      '^[A-Z]\\d[A-Z] ?\\d[A-Z]\\d$',
    ],
    [
      'a lower-case postcode in Great Britain',
      'GB',
      'ec2a 1af',
      '^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$',
    ],
  ])(
    'applies patterns case-insensitively: accepts %s',
    (_name, iso2Code, postalCode, postalCodeRegex) => {
      expect(
        validateAgainstCountryRules(
          { postalCode },
          { iso2Code, isPostalCodeRequired: true, postalCodeRegex },
        ),
      ).toEqual([]);
    },
  );

  // Partner Center's patterns are written for .NET; one JavaScript cannot compile is not applied.
  it.each([
    ['an unbalanced group', '^(\\d{5}$'],
    ['an unterminated class', '^[0-9$'],
    ['a .NET inline option', '(?i)^\\d{5}$'],
    ['a quantifier with nothing to repeat', '*\\d'],
  ])('ignores a pattern that does not compile in JavaScript: %s', (_name, source) => {
    expect(() => new RegExp(source, 'i')).toThrow(SyntaxError);
    expect(
      validateAgainstCountryRules(
        { postalCode: 'anything', phoneNumber: 'anything' },
        usRules({ postalCodeRegex: source, phoneNumberRegex: source }),
      ),
    ).toEqual([]);
  });

  // These compile in JavaScript's plain mode but mean something else there: applied, they would
  // refuse valid values ('98052', 'K1A 0B1'). Read in Unicode mode they fail, so they are not applied.
  it.each([
    ['.NET anchors \\A and \\z', '\\A\\d{5}\\z', '98052'],
    [
      '.NET character class subtraction',
      '^[A-Z-[DFIOQUWZ]]\\d[A-Z-[DFIOQU]] ?\\d[A-Z-[DFIOQU]]\\d$',
      'K1A 0B1',
    ],
  ])('does not apply a pattern JavaScript would misread: %s', (_name, source, valid) => {
    expect(new RegExp(source, 'i').test(valid)).toBe(false);
    expect(
      validateAgainstCountryRules({ postalCode: valid }, usRules({ postalCodeRegex: source })),
    ).toEqual([]);
  });

  it('still applies the other pattern when one does not compile', () => {
    expect(
      validateAgainstCountryRules(
        { postalCode: 'anything', phoneNumber: 'nope' },
        usRules({ postalCodeRegex: '^(' }),
      ),
    ).toEqual([problem('defaultAddress.phoneNumber', 'is not a phone number of US')]);
  });

  it.each([
    ['postalCode', 'postalCodeRegex'],
    ['phoneNumber', 'phoneNumberRegex'],
  ] as const)(
    'runs %s through its pattern up to MAX_PATTERN_INPUT units, and not beyond',
    (field, rule) => {
      // A pattern no value matches: any value it runs on is reported.
      const rules = usRules({ [rule]: '^$' });
      const at = validateAgainstCountryRules({ [field]: '1'.repeat(MAX_PATTERN_INPUT) }, rules);
      const over = validateAgainstCountryRules(
        { [field]: '1'.repeat(MAX_PATTERN_INPUT + 1) },
        rules,
      );

      expect(at).toHaveLength(1);
      expect(at[0]?.path).toEqual(['defaultAddress', field]);
      expect(over).toEqual([]);
    },
  );

  it('does not run a long value through a catastrophic pattern', () => {
    // Run, this one value would take longer than the universe: the test's own timeout would end it.
    const problems = validateAgainstCountryRules(
      { postalCode: `${'a'.repeat(MAX_PATTERN_INPUT * 10)}!` },
      usRules({ postalCodeRegex: '^(a+)+$' }),
    );

    expect(problems).toEqual([]);
  });

  it('checks only the values the caller sets, never what is stored', () => {
    // A change of only the address line: the rules have nothing to say, even though a stored postal
    // code or state could be anything.
    expect(
      validateAgainstCountryRules(
        { addressLine1: '1 Main St' },
        usRules({ postalCodeRegex: '^$' }),
      ),
    ).toEqual([]);
  });
});

describe('a published pattern that backtracks catastrophically', () => {
  it(`is given at most ${PATTERN_TIME_BUDGET_MS} ms per value and then counts as no rule`, () => {
    // Unbounded, this one value would take about a day: the test's own timeout would end it.
    const problems = validateAgainstCountryRules(
      { postalCode: `${'1'.repeat(40)}a` },
      { iso2Code: 'US', postalCodeRegex: '^(\\d+)+$' },
    );

    expect(problems).toEqual([]);
  });

  it('still refuses a value a well-behaved pattern does not match, within the budget', () => {
    expect(
      validateAgainstCountryRules(
        { postalCode: `${'1'.repeat(40)}a` },
        { iso2Code: 'US', postalCodeRegex: '^\\d+$' },
      ),
    ).toEqual([{ path: ['defaultAddress', 'postalCode'], message: 'is not a postal code of US' }]);
  });
});
