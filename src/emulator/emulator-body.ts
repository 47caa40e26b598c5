/**
 * Reading a PUT body as Partner Center does: property names in any casing (it is a .NET service; the
 * Java SDK sends camelCase, the .NET SDK PascalCase), every property kept, and a missing property
 * read as null (the Java SDK leaves nulls out). Then the checks of the contract, on what the PUT
 * changes only: a value already stored was accepted once and is never judged again.
 */
import {
  validateAgainstCountryRules,
  validateBillingProfileChanges,
  type AddressChanges,
  type FieldProblem,
  type ProfileChanges,
} from '../partner-center/billing-profile.rules';
import {
  ADDRESS_FIELDS,
  PROFILE_FIELDS,
  isJsonObject,
  type JsonObject,
} from '../partner-center/partner-center.dto';
import { COUNTRY_RULES, PHONE_REQUIRED_COUNTRIES } from './country-rules-data';

// Every property name the contract documents, by its lower-case spelling: any casing of one of them
// is that property. Other names keep their spelling with the first letter lower-cased.
const KNOWN_NAMES = new Map(
  [
    ...PROFILE_FIELDS,
    ...ADDRESS_FIELDS,
    'id',
    'defaultAddress',
    'links',
    'self',
    'uri',
    'method',
    'headers',
    'key',
    'value',
    'attributes',
    'etag',
    'objectType',
  ].map((name) => [name.toLowerCase(), name]),
);

function camelName(key: string): string {
  return KNOWN_NAMES.get(key.toLowerCase()) ?? key.charAt(0).toLowerCase() + key.slice(1);
}

/** An object with camelCase names, each value mapped by `value`; of two names equal but for case, the first stays. */
function camelObject(
  source: JsonObject,
  value: (name: string, item: unknown) => unknown = (_name, item) => item,
): JsonObject {
  const out = new Map<string, unknown>();
  for (const [key, item] of Object.entries(source)) {
    const name = camelName(key);
    if (!out.has(name)) {
      out.set(name, value(name, item));
    }
  }
  return Object.fromEntries(out);
}

const camelIfObject = (item: unknown): unknown => (isJsonObject(item) ? camelObject(item) : item);

/**
 * A PUT body as the stored resource: the names of the documented objects (profile, address,
 * attributes, links) in camelCase whatever their casing; the value of any other property is kept
 * exactly as sent, inner names included.
 */
export function toStoredResource(body: JsonObject): JsonObject {
  return camelObject(body, (name, item) => {
    switch (name) {
      case 'defaultAddress':
      case 'attributes':
        return camelIfObject(item);
      case 'links':
        return isJsonObject(item)
          ? camelObject(item, (_n, link) =>
              isJsonObject(link)
                ? camelObject(link, (n, v) =>
                    n === 'headers' && Array.isArray(v) ? v.map(camelIfObject) : v,
                  )
                : link,
            )
          : item;
      default:
        return item;
    }
  });
}

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

function changed(stored: unknown, sent: unknown): boolean {
  return !(isEmpty(stored) && isEmpty(sent)) && stored !== sent;
}

export interface PutReview {
  problems: FieldProblem[];
  /** Set when the change leaves a country that needs a phone number without one (code 600051). */
  phoneMissingIn?: string;
}

/** The contract's checks of a camelCase PUT body against the stored profile. */
export function reviewPut(stored: JsonObject, candidate: JsonObject): PutReview {
  const problems: FieldProblem[] = [];
  const changes: ProfileChanges = {};
  const take = (value: unknown, path: string[]): string | null | undefined => {
    if (isEmpty(value) || typeof value === 'string') {
      return (value ?? null) as string | null;
    }
    problems.push({ path, message: 'must be a string' });
    return undefined;
  };
  for (const field of PROFILE_FIELDS) {
    if (changed(stored[field], candidate[field])) {
      const value = take(candidate[field], [field]);
      if (value !== undefined) {
        changes[field] = value;
      }
    }
  }
  const before = isJsonObject(stored.defaultAddress) ? stored.defaultAddress : {};
  const after = isJsonObject(candidate.defaultAddress) ? candidate.defaultAddress : undefined;
  if (candidate.defaultAddress !== undefined && candidate.defaultAddress !== null && !after) {
    problems.push({ path: ['defaultAddress'], message: 'must be an object' });
  }
  const address: AddressChanges = {};
  for (const field of ADDRESS_FIELDS) {
    if (after && changed(before[field], after[field])) {
      const value = take(after[field], ['defaultAddress', field]);
      if (value !== undefined) {
        address[field] = value;
      }
    }
  }
  // No address where there was one clears it, and with it the lines the contract requires.
  changes.defaultAddress = !after && isJsonObject(stored.defaultAddress) ? null : address;
  problems.push(...validateBillingProfileChanges(changes));

  const country = typeof after?.country === 'string' ? after.country.toUpperCase() : undefined;
  const rules = country === undefined ? undefined : COUNTRY_RULES.get(country);
  if (rules && after) {
    problems.push(...validateAgainstCountryRules(address, rules));
  }
  const review: PutReview = { problems };
  if (
    country !== undefined &&
    PHONE_REQUIRED_COUNTRIES.has(country) &&
    (address.phoneNumber !== undefined || address.country !== undefined) &&
    isEmpty(after?.phoneNumber)
  ) {
    review.phoneMissingIn = country;
  }
  return review;
}

/** `DefaultAddress.PostalCode` for ['defaultAddress', 'postalCode']: the request's own casing. */
export function toPascalPath(path: string[]): string {
  return path.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('.');
}
