import type { CountryValidationRulesDto } from '../partner-center/country-validation-rules.client';

/**
 * The country rules the emulator publishes at GET /v1/countryvalidationrules/{iso2} and enforces on the
 * address properties a PUT changes. The US entry follows the example of the documentation page
 * (get-market-specific-validation-data); the others are written in the same shape for every country
 * the seed customers live in and a few more. Ireland does not require a postal code. No entry requires a
 * state longer than the documented two characters.
 */

// prettier-ignore
const US_STATES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS',
  'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV',
  'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
];
// prettier-ignore
const BR_STATES = [
  'AC', 'AL', 'AM', 'AP', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MG', 'MS', 'MT', 'PA', 'PB', 'PE', 'PI',
  'PR', 'RJ', 'RN', 'RO', 'RR', 'RS', 'SC', 'SE', 'SP', 'TO',
];
// prettier-ignore
const IN_STATES = [
  'AN', 'AP', 'AR', 'AS', 'BR', 'CH', 'CT', 'DD', 'DL', 'DN', 'GA', 'GJ', 'HP', 'HR', 'JH', 'JK', 'KA',
  'KL', 'LA', 'LD', 'MH', 'ML', 'MN', 'MP', 'MZ', 'NL', 'OR', 'PB', 'PY', 'RJ', 'SK', 'TG', 'TN', 'TR',
  'UP', 'UT', 'WB',
];
// prettier-ignore
const CA_STATES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];
// prettier-ignore

function rules(
  iso2Code: string,
  values: Omit<CountryValidationRulesDto, 'iso2Code'>,
): CountryValidationRulesDto {
  return {
    iso2Code,
    isStateRequired: false,
    isCityRequired: true,
    isVatIdSupported: false,
    isRegistrationNumberSupported: false,
    isTaxIdSupported: false,
    ...values,
  };
}

export const COUNTRY_RULES: ReadonlyMap<string, CountryValidationRulesDto> = new Map(
  [
    rules('US', {
      defaultCulture: 'en-US',
      isStateRequired: true,
      supportedStatesList: US_STATES,
      supportedLanguagesList: ['en', 'es'],
      supportedCulturesList: ['en-US', 'es-US'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}(-\\d{4})?$',
      taxIdFormat: 'US######',
      taxIdSample: 'US999965',
      phoneNumberRegex:
        '^(1[\\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[\\-\\/\\.]?(\\d{3})[\\-\\/\\.]?(\\d{4})$',
      isTaxIdSupported: true,
      countryCallingCodesList: ['1'],
    }),
    rules('GB', {
      defaultCulture: 'en-GB',
      supportedLanguagesList: ['en'],
      supportedCulturesList: ['en-GB'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$',
      isVatIdSupported: true,
      vatIdRegex: '^(GB)?([0-9]{9}|[0-9]{12})$',
      countryCallingCodesList: ['44'],
    }),
    rules('DE', {
      defaultCulture: 'de-DE',
      supportedLanguagesList: ['de', 'en'],
      supportedCulturesList: ['de-DE', 'en-US'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}$',
      isVatIdSupported: true,
      vatIdRegex: '^(DE)?[0-9]{9}$',
      countryCallingCodesList: ['49'],
    }),
    rules('JP', {
      defaultCulture: 'ja-JP',
      supportedLanguagesList: ['ja', 'en'],
      supportedCulturesList: ['ja-JP', 'en-US'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{3}-?\\d{4}$',
      countryCallingCodesList: ['81'],
    }),
    rules('BR', {
      defaultCulture: 'pt-BR',
      isStateRequired: true,
      supportedStatesList: BR_STATES,
      supportedLanguagesList: ['pt', 'en'],
      supportedCulturesList: ['pt-BR', 'en-US'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}-?\\d{3}$',
      isTaxIdSupported: true,
      countryCallingCodesList: ['55'],
    }),
    rules('IN', {
      defaultCulture: 'en-IN',
      isStateRequired: true,
      supportedStatesList: IN_STATES,
      supportedLanguagesList: ['en', 'hi'],
      supportedCulturesList: ['en-IN', 'hi-IN'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{6}$',
      isTaxIdSupported: true,
      countryCallingCodesList: ['91'],
    }),
    rules('IE', {
      defaultCulture: 'en-IE',
      supportedLanguagesList: ['en', 'ga'],
      supportedCulturesList: ['en-IE', 'ga-IE'],
      isPostalCodeRequired: false,
      postalCodeRegex: '^([AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$',
      isVatIdSupported: true,
      countryCallingCodesList: ['353'],
    }),
    rules('FR', {
      defaultCulture: 'fr-FR',
      supportedLanguagesList: ['fr', 'en'],
      supportedCulturesList: ['fr-FR', 'en-US'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}$',
      isVatIdSupported: true,
      countryCallingCodesList: ['33'],
    }),
    rules('CA', {
      defaultCulture: 'en-CA',
      isStateRequired: true,
      supportedStatesList: CA_STATES,
      supportedLanguagesList: ['en', 'fr'],
      supportedCulturesList: ['en-CA', 'fr-CA'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^[A-Z]\\d[A-Z] ?\\d[A-Z]\\d$',
      countryCallingCodesList: ['1'],
    }),
    rules('AU', {
      defaultCulture: 'en-AU',
      supportedLanguagesList: ['en'],
      supportedCulturesList: ['en-AU'],
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{4}$',
      countryCallingCodesList: ['61'],
    }),
  ].map((r) => [r.iso2Code, r]),
);

/**
 * Countries where utility-resources says the customer profile needs a phone number. The emulator
 * answers 400 with code 600051 when a PUT leaves one of these without a phone by a change it makes.
 */
// prettier-ignore
export const PHONE_REQUIRED_COUNTRIES: ReadonlySet<string> = new Set([
  'AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA', 'IN', 'BR', 'ZA', 'PL', 'AE', 'SA',
  'TR', 'TH', 'VN', 'MM', 'IQ', 'SS', 'VE',
]);
