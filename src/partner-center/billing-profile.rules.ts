/**
 * The documented rules of a billing profile, applied only to the values a caller sends. Every rule
 * names its source in docs/partner-center-contract.md; where the sources are silent there is no rule,
 * and Partner Center decides. Values already stored are never checked: Partner Center accepted them.
 * Pure functions over camelCase shapes, shared by the gateway (before any upstream call) and by the
 * emulator (which applies them to the properties a PUT changes).
 */
import { createContext, Script } from 'node:vm';

import type { CountryValidationRulesDto } from './country-validation-rules.client';
import { COUNTRY_CODE_PATTERN } from './partner-center.contract';
import type { AddressField, ProfileField } from './partner-center.dto';

export interface FieldProblem {
  /** camelCase path, e.g. ['defaultAddress', 'postalCode']. */
  path: string[];
  message: string;
}

/** What a caller changes: a string sets a property, null clears it, absent keeps it. */
export type AddressChanges = Partial<Record<AddressField, string | null>>;
export type ProfileChanges = Partial<Record<ProfileField, string | null>> & {
  defaultAddress?: AddressChanges | null;
};

interface Limit {
  /** Fewest UTF-16 units; 1 or more means the property cannot be cleared. */
  min: number;
  /** Most UTF-16 units; undefined: no documented maximum. */
  max?: number;
}

/**
 * Documented limits. Profile: email, culture and companyName are required (create-a-customer); no
 * length is documented for any profile property. Address (utility-resources): addressLine1 1-200,
 * addressLine2 0-200, first and last name 1-50, middle name 0-50, state 0-2, country 2.
 */
export const PROFILE_LIMITS: Partial<Record<ProfileField, Limit>> = {
  email: { min: 1 },
  culture: { min: 1 },
  companyName: { min: 1 },
};

export const ADDRESS_LIMITS: Partial<Record<AddressField, Limit>> = {
  country: { min: 2, max: 2 },
  state: { min: 0, max: 2 },
  addressLine1: { min: 1, max: 200 },
  addressLine2: { min: 0, max: 200 },
  firstName: { min: 1, max: 50 },
  middleName: { min: 0, max: 50 },
  lastName: { min: 1, max: 50 },
};

// No format is documented beyond "an email address": one @, something on both sides, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
// A culture name (language, optional script and region), in any case: customer-resources writes
// its example as en-us, so Partner Center's own data is not in canonical case.
const CULTURE_PATTERN = /^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?$/i;
const LANGUAGE_PATTERN = /^[a-z]{2}$/i;
// Caller hygiene, not a Partner Center rule: no control characters (C0, DEL, C1) and no lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Values longer than this are not run through a published pattern (no postal code or phone is). */
export const MAX_PATTERN_INPUT = 100;
/**
 * The longest a published pattern may take on one value, in milliseconds. Partner Center writes its
 * patterns, not us: one that backtracks catastrophically must not hold the event loop, so a test that
 * runs out of time counts as no rule (Partner Center still judges the PUT).
 */
export const PATTERN_TIME_BUDGET_MS = 50;

function checkValue(
  value: string | null,
  limit: Limit | undefined,
  path: string[],
  problems: FieldProblem[],
): value is string {
  if (value === null || value === '') {
    if (limit && limit.min > 0) {
      problems.push({ path, message: 'cannot be cleared' });
    }
    return false;
  }
  if (CONTROL_CHARACTERS.test(value) || LONE_SURROGATE.test(value)) {
    problems.push({ path, message: 'must not contain control characters or broken Unicode' });
    return false;
  }
  // Lengths count UTF-16 code units, as the .NET service does: an emoji counts 2.
  if (
    limit &&
    (value.length < limit.min || (limit.max !== undefined && value.length > limit.max))
  ) {
    problems.push({
      path,
      message:
        limit.min === limit.max
          ? `must be exactly ${limit.min} characters`
          : `must be between ${limit.min} and ${limit.max ?? 'any number of'} characters`,
    });
    return false;
  }
  return true;
}

function checkProfileField(field: ProfileField, value: string | null, problems: FieldProblem[]) {
  if (!checkValue(value, PROFILE_LIMITS[field], [field], problems)) {
    return;
  }
  if (field === 'email' && !EMAIL_PATTERN.test(value)) {
    problems.push({ path: ['email'], message: 'must be an email address' });
  }
  if (field === 'culture' && !isCulture(value)) {
    problems.push({ path: ['culture'], message: 'must be a culture name such as en-US' });
  }
  if (field === 'language' && !LANGUAGE_PATTERN.test(value)) {
    problems.push({ path: ['language'], message: 'must be a two-letter language code such as en' });
  }
}

function isCulture(value: string): boolean {
  if (!CULTURE_PATTERN.test(value)) {
    return false;
  }
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function checkAddressField(field: AddressField, value: string | null, problems: FieldProblem[]) {
  const path = ['defaultAddress', field];
  if (!checkValue(value, ADDRESS_LIMITS[field], path, problems)) {
    return;
  }
  // Only the shape: Partner Center serves markets (such as XK) that the ISO list does not assign.
  if (field === 'country' && !COUNTRY_CODE_PATTERN.test(value)) {
    problems.push({ path, message: 'must be a two-letter country code such as US' });
  }
}

/** Problems with the values a caller sets, by the documented rules that need no country. */
export function validateBillingProfileChanges(changes: ProfileChanges): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (field === 'defaultAddress' || value === undefined) {
      continue;
    }
    checkProfileField(field as ProfileField, value as string | null, problems);
  }
  if (changes.defaultAddress === null) {
    // Clearing the address clears its country and first line, which the contract requires.
    problems.push({ path: ['defaultAddress'], message: 'cannot be cleared' });
  }
  for (const [field, value] of Object.entries(changes.defaultAddress ?? {})) {
    if (value !== undefined) {
      checkAddressField(field as AddressField, value, problems);
    }
  }
  return problems;
}

/** The address fields whose rules depend on the country (country-information-resources). */
export const COUNTRY_RULED_FIELDS = ['postalCode', 'state', 'city', 'phoneNumber'] as const;

/**
 * Problems with the address values a caller sets, by the country's published rules: postal code,
 * state and city required where the country says so, the postal code and phone patterns, the state
 * list. A pattern that is not valid here (they are written for .NET) is not applied.
 */
export function validateAgainstCountryRules(
  changes: AddressChanges,
  rules: CountryValidationRulesDto,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const country = rules.iso2Code.toUpperCase();
  const required = (field: AddressField, isRequired: boolean | undefined): boolean => {
    const value = changes[field];
    if (value === undefined || (value !== null && value !== '')) {
      return false;
    }
    if (isRequired) {
      problems.push({ path: ['defaultAddress', field], message: `is required in ${country}` });
    }
    return true;
  };
  const pattern = (field: AddressField, source: string | undefined, what: string): void => {
    const value = changes[field];
    if (typeof value !== 'string' || value === '' || value.length > MAX_PATTERN_INPUT) {
      return;
    }
    const regex = compile(source);
    if (regex && testWithinBudget(regex, value) === false) {
      problems.push({ path: ['defaultAddress', field], message: `is not ${what} of ${country}` });
    }
  };

  if (!required('postalCode', rules.isPostalCodeRequired)) {
    pattern('postalCode', rules.postalCodeRegex, 'a postal code');
  }
  // A city has no published rule beyond being present.
  required('city', rules.isCityRequired);
  if (!required('state', rules.isStateRequired)) {
    const state = changes.state;
    const states = rules.supportedStatesList ?? [];
    if (
      typeof state === 'string' &&
      rules.isStateRequired &&
      states.length > 0 &&
      !states.some((s) => s.toUpperCase() === state.toUpperCase())
    ) {
      problems.push({ path: ['defaultAddress', 'state'], message: `is not a state of ${country}` });
    }
  }
  pattern('phoneNumber', rules.phoneNumberRegex, 'a phone number');
  return problems;
}

// A separate context whose script can be interrupted: V8 stops even a backtracking RegExp at the timeout.
const sandbox = createContext({ regex: /$^/, value: '' }) as { regex: RegExp; value: string };
const runTest = new Script('regex.test(value)');

/** The pattern's verdict, or undefined when it took longer than PATTERN_TIME_BUDGET_MS. */
function testWithinBudget(regex: RegExp, value: string): boolean | undefined {
  sandbox.regex = regex;
  sandbox.value = value;
  try {
    return runTest.runInContext(sandbox, { timeout: PATTERN_TIME_BUDGET_MS }) as boolean;
  } catch {
    return undefined;
  } finally {
    regex.lastIndex = 0;
  }
}

const compiled = new Map<string, RegExp | null>();

/**
 * A published pattern as a JavaScript RegExp, or null when it cannot be read the way .NET reads it.
 * Unicode mode refuses what plain mode would silently misread (.NET's `\A` and `\z` anchors, character
 * class subtraction such as `[A-Z-[DFIOQU]]`), so such a pattern is not applied rather than applied
 * wrongly. Case-insensitive, to be lenient.
 */
function compile(source: string | undefined): RegExp | null {
  if (!source) {
    return null;
  }
  let regex = compiled.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(source, 'iu');
    } catch {
      regex = null;
    }
    // Patterns come from a few hundred countries at most; the memo stays small.
    if (compiled.size < 2_000) {
      compiled.set(source, regex);
    }
  }
  return regex;
}
