/**
 * `GET /v1/countryvalidationrules/{iso2}`: Partner Center's own statement of a country's address rules
 * (get-market-specific-validation-data, country-information-resources). Parsed leniently: a property
 * of an unexpected type is left out rather than failing the whole answer, and the older documented
 * shape (`states: { value: [...] }`) is read as well as the current one (`supportedStatesList: [...]`).
 */
import type { CallContext, PartnerCenterClient } from './partner-center.client';
import { isJsonObject, type JsonObject } from './partner-center.dto';
import { PartnerCenterError } from './partner-center-error';
import { countryValidationRulesPath } from './partner-center.paths';

export interface CountryValidationRulesDto {
  iso2Code: string;
  defaultCulture?: string;
  isStateRequired?: boolean;
  supportedStatesList?: string[];
  supportedLanguagesList?: string[];
  supportedCulturesList?: string[];
  isPostalCodeRequired?: boolean;
  postalCodeRegex?: string;
  isCityRequired?: boolean;
  isVatIdSupported?: boolean;
  taxIdFormat?: string;
  taxIdSample?: string;
  vatIdRegex?: string;
  phoneNumberRegex?: string;
  isRegistrationNumberSupported?: boolean;
  isTaxIdSupported?: boolean;
  isTaxIdOptional?: boolean;
  countryCallingCodesList?: string[];
}

const STRINGS = [
  'defaultCulture',
  'postalCodeRegex',
  'taxIdFormat',
  'taxIdSample',
  'vatIdRegex',
  'phoneNumberRegex',
] as const;
const BOOLEANS = [
  'isStateRequired',
  'isPostalCodeRequired',
  'isCityRequired',
  'isVatIdSupported',
  'isRegistrationNumberSupported',
  'isTaxIdSupported',
  'isTaxIdOptional',
] as const;
/** Current list property, and the older `{ value: [...] }` one the 2017 page shows. */
const LISTS = [
  ['supportedStatesList', 'states'],
  ['supportedLanguagesList', 'supportedLanguages'],
  ['supportedCulturesList', 'supportedCultures'],
  ['countryCallingCodesList', 'countryCallingCodes'],
] as const;

function stringList(value: unknown): string[] | undefined {
  const list = isJsonObject(value) ? value.value : value;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The rules for `countryCode` from an answer body; undefined when it is not an object at all. */
export function parseCountryValidationRules(
  body: unknown,
  countryCode: string,
): CountryValidationRulesDto | undefined {
  if (!isJsonObject(body)) {
    return undefined;
  }
  const source: JsonObject = body;
  const rules: CountryValidationRulesDto = {
    iso2Code: typeof source.iso2Code === 'string' ? source.iso2Code : countryCode.toUpperCase(),
  };
  for (const key of STRINGS) {
    const value = source[key];
    if (typeof value === 'string') {
      rules[key] = value;
    }
  }
  for (const key of BOOLEANS) {
    const value = source[key];
    if (typeof value === 'boolean') {
      rules[key] = value;
    }
  }
  for (const [key, older] of LISTS) {
    const list = stringList(source[key] ?? source[older]);
    if (list) {
      rules[key] = list;
    }
  }
  return rules;
}

/** The country's rules, or null when Partner Center has none for that code (404). */
export async function getCountryValidationRules(
  client: PartnerCenterClient,
  countryCode: string,
  call: CallContext,
): Promise<CountryValidationRulesDto | null> {
  const answer = await client.find(countryValidationRulesPath(countryCode), call);
  if (answer === null) {
    return null;
  }
  const rules = parseCountryValidationRules(answer.body, countryCode);
  if (!rules) {
    throw new PartnerCenterError(
      { kind: 'contract', reason: 'the country validation rules are not an object' },
      call.correlationId,
      answer.requestId,
    );
  }
  return rules;
}
