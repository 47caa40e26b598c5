/**
 * Partner Center's validation of a billing profile, as a pure function over the camelCase shape.
 * The emulator answers 400 (code 3000) with these problems; the gateway checks the merged profile with
 * the same rules before any PUT, so a caller learns every problem in one round trip.
 * Lengths and "Choice" rules come from ../shared/docs/partner-center-contract.md.
 */
import {
  ISO_3166_ALPHA2,
  COUNTRIES_WITHOUT_POSTAL_CODES,
  PHONE_REQUIRED_COUNTRIES,
} from './country.rules';

export interface FieldProblem {
  /** camelCase path, e.g. ['defaultAddress', 'postalCode']. */
  path: string[];
  message: string;
}

interface Rule {
  required: boolean;
  min: number;
  max: number;
}

export const PROFILE_RULES = {
  firstName: { required: true, min: 1, max: 50 },
  lastName: { required: true, min: 1, max: 50 },
  email: { required: true, min: 3, max: 254 },
  culture: { required: true, min: 2, max: 20 },
  language: { required: true, min: 2, max: 2 },
  companyName: { required: true, min: 1, max: 200 },
} as const satisfies Record<string, Rule>;

export const ADDRESS_RULES = {
  country: { required: true, min: 2, max: 2 },
  region: { required: false, min: 0, max: 100 },
  city: { required: true, min: 1, max: 100 },
  state: { required: false, min: 0, max: 2 },
  addressLine1: { required: true, min: 1, max: 200 },
  addressLine2: { required: false, min: 0, max: 200 },
  addressLine3: { required: false, min: 0, max: 200 },
  postalCode: { required: false, min: 1, max: 20 },
  firstName: { required: false, min: 1, max: 50 },
  lastName: { required: false, min: 1, max: 50 },
  phoneNumber: { required: false, min: 1, max: 40 },
} as const satisfies Record<string, Rule>;

export type ProfileField = keyof typeof PROFILE_RULES;
export type AddressField = keyof typeof ADDRESS_RULES;
export const PROFILE_FIELDS = Object.keys(PROFILE_RULES) as ProfileField[];
export const ADDRESS_FIELDS = Object.keys(ADDRESS_RULES) as AddressField[];

/** The camelCase fields that validation reads; values may be anything a JSON body can hold. */
export type ProfileFieldsCandidate = Partial<Record<ProfileField, unknown>> & {
  defaultAddress?: unknown;
};

// Deliberately simple: one @, no spaces, a dot in the domain. Partner Center's own check is not
// documented; this rejects what no mail server would accept without rejecting unusual but valid locals.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// language-REGION, optionally with a script subtag (zh-Hans-CN).
const CULTURE_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$/;
const LANGUAGE_PATTERN = /^[a-z]{2}$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 ()\-.]*$/;

function checkString(
  value: unknown,
  rule: Rule,
  path: string[],
  problems: FieldProblem[],
): value is string {
  if (value === undefined || value === null || value === '') {
    if (rule.required) {
      problems.push({ path, message: 'is required' });
    }
    return false;
  }
  if (typeof value !== 'string') {
    problems.push({ path, message: 'must be a string' });
    return false;
  }
  const length = [...value].length;
  if (length < rule.min || length > rule.max) {
    problems.push({
      path,
      message:
        rule.min === rule.max
          ? `must be exactly ${rule.max} characters`
          : `must be between ${rule.min} and ${rule.max} characters`,
    });
    return false;
  }
  return true;
}

function isValidCulture(value: string): boolean {
  if (!CULTURE_PATTERN.test(value)) {
    return false;
  }
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function validateAddress(address: unknown, problems: FieldProblem[]): void {
  const base = ['defaultAddress'];
  if (address === undefined || address === null) {
    problems.push({ path: base, message: 'is required' });
    return;
  }
  if (typeof address !== 'object' || Array.isArray(address)) {
    problems.push({ path: base, message: 'must be an object' });
    return;
  }
  const fields = address as Partial<Record<AddressField, unknown>>;
  const valid: Partial<Record<AddressField, string>> = {};
  for (const field of ADDRESS_FIELDS) {
    const value = fields[field];
    if (checkString(value, ADDRESS_RULES[field], [...base, field], problems)) {
      valid[field] = value;
    }
  }
  const country = valid.country;
  if (country !== undefined && !ISO_3166_ALPHA2.has(country)) {
    problems.push({
      path: [...base, 'country'],
      message: 'must be an ISO 3166-1 alpha-2 country code such as US',
    });
  }
  const knownCountry = country !== undefined && ISO_3166_ALPHA2.has(country);
  if (knownCountry && !COUNTRIES_WITHOUT_POSTAL_CODES.has(country) && isAbsent(fields.postalCode)) {
    problems.push({ path: [...base, 'postalCode'], message: `is required in ${country}` });
  }
  if (knownCountry && PHONE_REQUIRED_COUNTRIES.has(country) && isAbsent(fields.phoneNumber)) {
    problems.push({ path: [...base, 'phoneNumber'], message: `is required in ${country}` });
  }
  if (valid.phoneNumber !== undefined && !PHONE_PATTERN.test(valid.phoneNumber)) {
    problems.push({
      path: [...base, 'phoneNumber'],
      message: 'must contain digits and only + ( ) - . or spaces',
    });
  }
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Every problem with a candidate billing profile; an empty list means Partner Center accepts it. */
export function validateBillingProfile(profile: ProfileFieldsCandidate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const valid: Partial<Record<ProfileField, string>> = {};
  for (const field of PROFILE_FIELDS) {
    const value = profile[field];
    if (checkString(value, PROFILE_RULES[field], [field], problems)) {
      valid[field] = value;
    }
  }
  if (valid.email !== undefined && !EMAIL_PATTERN.test(valid.email)) {
    problems.push({ path: ['email'], message: 'must be an email address' });
  }
  if (valid.culture !== undefined && !isValidCulture(valid.culture)) {
    problems.push({ path: ['culture'], message: 'must be a culture name such as en-US' });
  }
  if (valid.language !== undefined && !LANGUAGE_PATTERN.test(valid.language)) {
    problems.push({ path: ['language'], message: 'must be a two-letter language code such as en' });
  }
  validateAddress(profile.defaultAddress, problems);
  return problems;
}
