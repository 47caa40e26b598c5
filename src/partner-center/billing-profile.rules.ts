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
// C0 controls (tab and newline included: no billing field is multi-line), DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
  if (value.trim() === '') {
    // .NET's [Required] treats white space as missing; an optional field is cleared with null.
    problems.push({
      path,
      message: rule.required ? 'is required' : 'must not be blank (send null to clear it)',
    });
    return false;
  }
  if (CONTROL_CHARACTERS.test(value) || LONE_SURROGATE.test(value)) {
    problems.push({ path, message: 'must not contain control characters or broken Unicode' });
    return false;
  }
  // Lengths count UTF-16 code units, as the .NET service does: an emoji counts 2.
  const length = value.length;
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

function checkProfileField(field: ProfileField, value: unknown, problems: FieldProblem[]): void {
  if (!checkString(value, PROFILE_RULES[field], [field], problems)) {
    return;
  }
  if (field === 'email' && !EMAIL_PATTERN.test(value)) {
    problems.push({ path: ['email'], message: 'must be an email address' });
  }
  if (field === 'culture' && !isValidCulture(value)) {
    problems.push({ path: ['culture'], message: 'must be a culture name such as en-US' });
  }
  if (field === 'language' && !LANGUAGE_PATTERN.test(value)) {
    problems.push({ path: ['language'], message: 'must be a two-letter language code such as en' });
  }
}

function checkAddressField(field: AddressField, value: unknown, problems: FieldProblem[]): void {
  const path = ['defaultAddress', field];
  if (!checkString(value, ADDRESS_RULES[field], path, problems)) {
    return;
  }
  if (field === 'country' && !ISO_3166_ALPHA2.has(value)) {
    problems.push({ path, message: 'must be an ISO 3166-1 alpha-2 country code such as US' });
  }
  if (field === 'phoneNumber' && !PHONE_PATTERN.test(value)) {
    problems.push({ path, message: 'must contain digits and only + ( ) - . or spaces' });
  }
}

/**
 * Field-level problems of a patch: only the fields present are checked (null clears, so null on a
 * required field is a problem). Rules that depend on other fields (postal code and phone by country)
 * need the merged profile: validateBillingProfile.
 */
export function validateBillingProfilePatch(patch: ProfileFieldsCandidate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of PROFILE_FIELDS) {
    if (patch[field] !== undefined) {
      checkProfileField(field, patch[field], problems);
    }
  }
  const address = patch.defaultAddress;
  if (address === null) {
    problems.push({ path: ['defaultAddress'], message: 'is required' });
  } else if (typeof address === 'object' && address !== undefined && !Array.isArray(address)) {
    const fields = address as Partial<Record<AddressField, unknown>>;
    for (const field of ADDRESS_FIELDS) {
      if (fields[field] !== undefined) {
        checkAddressField(field, fields[field], problems);
      }
    }
  }
  return problems;
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
  for (const field of ADDRESS_FIELDS) {
    checkAddressField(field, fields[field], problems);
  }
  const country = fields.country;
  if (typeof country !== 'string' || !ISO_3166_ALPHA2.has(country)) {
    return;
  }
  if (!COUNTRIES_WITHOUT_POSTAL_CODES.has(country) && isAbsent(fields.postalCode)) {
    problems.push({ path: [...base, 'postalCode'], message: `is required in ${country}` });
  }
  if (PHONE_REQUIRED_COUNTRIES.has(country) && isAbsent(fields.phoneNumber)) {
    problems.push({ path: [...base, 'phoneNumber'], message: `is required in ${country}` });
  }
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Every problem with a candidate billing profile; an empty list means Partner Center accepts it. */
export function validateBillingProfile(profile: ProfileFieldsCandidate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of PROFILE_FIELDS) {
    checkProfileField(field, profile[field], problems);
  }
  validateAddress(profile.defaultAddress, problems);
  return problems;
}
