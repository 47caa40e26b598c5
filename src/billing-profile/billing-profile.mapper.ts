/**
 * Pure mapping between Partner Center's REST shapes and the GraphQL shapes. No I/O, no GraphQL
 * runtime: unit-tested with tables in test/unit/billing-profile/.
 */
import type {
  AddressChanges,
  FieldProblem,
  ProfileChanges,
} from '../partner-center/billing-profile.rules';
import {
  ADDRESS_FIELDS,
  PROFILE_FIELDS,
  isJsonObject,
  type AddressDto,
  type BillingProfileDto,
  type JsonObject,
} from '../partner-center/partner-center.dto';
import type { UpdateBillingProfileInput } from './billing-profile.input';
import { FieldError } from './billing-profile-result.type';
import { Address, CustomerBillingProfile } from './billing-profile.type';

/** camelCase REST body -> GraphQL CustomerBillingProfile (absent fields become null). */
export function toBillingProfile(dto: BillingProfileDto): CustomerBillingProfile {
  const profile = new CustomerBillingProfile();
  profile.id = dto.id;
  for (const field of PROFILE_FIELDS) {
    profile[field] = dto[field] ?? null;
  }
  profile.defaultAddress = dto.defaultAddress ? toAddress(dto.defaultAddress) : null;
  profile.etag = dto.attributes.etag;
  return profile;
}

function toAddress(dto: AddressDto): Address {
  const address = new Address();
  for (const field of ADDRESS_FIELDS) {
    address[field] = dto[field] ?? null;
  }
  return address;
}

// An empty string from a form means "no value": it clears like null, so Partner Center never gets "".
const orNull = (value: string | null): string | null => (value === '' ? null : value);

/** The fields a caller set in the GraphQL input (absent ones left out; null and "" clear). */
export function toProfileChanges(
  input: Omit<UpdateBillingProfileInput, 'customerId'>,
): ProfileChanges {
  const changes: ProfileChanges = {};
  for (const field of PROFILE_FIELDS) {
    const value = input[field];
    if (value !== undefined) {
      changes[field] = orNull(value);
    }
  }
  if (input.defaultAddress === null) {
    changes.defaultAddress = null;
  } else if (input.defaultAddress !== undefined) {
    const address: AddressChanges = {};
    for (const field of ADDRESS_FIELDS) {
      const value = input.defaultAddress[field];
      if (value !== undefined) {
        address[field] = orNull(value);
      }
    }
    changes.defaultAddress = address;
  }
  return changes;
}

function upperFirst(name: string): string {
  const first = name.charAt(0).toUpperCase();
  // Only a one-letter change: "ß" upper-cases to "SS", which would be another name.
  return first.length === 1 ? first + name.slice(1) : name;
}

// The documented names in their one PascalCase spelling, whatever case they were read in.
const DOCUMENTED_NAMES = new Map(
  [
    ...PROFILE_FIELDS,
    ...ADDRESS_FIELDS,
    ...['id', 'defaultAddress', 'links', 'self', 'uri', 'method', 'headers', 'key', 'value'],
    ...['attributes', 'etag', 'objectType'],
  ].map((name) => [name.toLowerCase(), upperFirst(name)]),
);

function toPascalCase(name: string): string {
  return DOCUMENTED_NAMES.get(name.toLowerCase()) ?? upperFirst(name);
}

/**
 * An object with its property names in PascalCase, each value mapped by `value`. Partner Center reads
 * names case-insensitively, so names equal but for case are one property: the first is kept, and no
 * name is ever sent twice. (A Map, so that no name, `__proto__` included, is special.)
 */
function pascalObject(
  source: JsonObject,
  value: (name: string, item: unknown) => unknown = (_name, item) => item,
): JsonObject {
  const out = new Map<string, [string, unknown]>();
  for (const [key, item] of Object.entries(source)) {
    const name = toPascalCase(key);
    if (!out.has(name.toLowerCase())) {
      out.set(name.toLowerCase(), [name, value(name, item)]);
    }
  }
  return Object.fromEntries(out.values());
}

/** Sets a property, replacing any spelling of the same name (Partner Center reads names case-insensitively). */
function setProperty(target: JsonObject, name: string, value: unknown): void {
  for (const key of Object.keys(target)) {
    if (key.toLowerCase() === name.toLowerCase() && key !== name) {
      delete target[key];
    }
  }
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const pascalIfObject = (item: unknown): unknown => (isJsonObject(item) ? pascalObject(item) : item);

function pascalLink(link: unknown): unknown {
  return isJsonObject(link)
    ? pascalObject(link, (name, item) =>
        name === 'Headers' && Array.isArray(item) ? item.map(pascalIfObject) : item,
      )
    : link;
}

/**
 * The resource with every property name of its documented objects (the profile, its address, links
 * and attributes) in PascalCase, as the seed's request writes them. The value of a property the
 * contract does not describe goes back exactly as received, inner names included: it may be a
 * dictionary whose keys are data.
 */
export function toRequestResource(resource: JsonObject): JsonObject {
  return pascalObject(resource, (name, item) => {
    switch (name) {
      case 'DefaultAddress':
      case 'Attributes':
        return pascalIfObject(item);
      case 'Links':
        return isJsonObject(item) ? pascalObject(item, (_name, link) => pascalLink(link)) : item;
      default:
        return item;
    }
  });
}

/**
 * The PUT body: the resource exactly as Partner Center sent it (unknown properties, nulls and nested
 * objects included), in PascalCase, with only the changed properties overlaid, and `Attributes.Etag`
 * set to the etag the write is guarded by (the SDK sends it so; If-Match carries it too).
 */
export function toBillingProfileRequest(
  resource: JsonObject,
  changes: ProfileChanges,
  etag: string,
): JsonObject {
  const body = toRequestResource(resource);
  for (const field of PROFILE_FIELDS) {
    const value = changes[field];
    if (value !== undefined) {
      setProperty(body, toPascalCase(field), value);
    }
  }
  if (changes.defaultAddress === null) {
    setProperty(body, 'DefaultAddress', null);
  } else if (changes.defaultAddress !== undefined) {
    const address: JsonObject = isJsonObject(body.DefaultAddress) ? body.DefaultAddress : {};
    for (const field of ADDRESS_FIELDS) {
      const value = changes.defaultAddress[field];
      if (value !== undefined) {
        setProperty(address, toPascalCase(field), value);
      }
    }
    setProperty(body, 'DefaultAddress', address);
  }
  const attributes = isJsonObject(body.Attributes) ? { ...body.Attributes } : {};
  setProperty(attributes, 'Etag', etag);
  setProperty(body, 'Attributes', attributes);
  return body;
}

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

// Partner Center may normalise what it stores (case, surrounding spaces): compare as it would.
function same(stored: string | undefined, sent: string | null): boolean {
  if (isEmpty(stored) || isEmpty(sent)) {
    return isEmpty(stored) && isEmpty(sent);
  }
  return stored!.trim().toLowerCase() === sent!.trim().toLowerCase();
}

/**
 * Whether a profile read after an unconfirmed PUT carries that write: a new etag, and every changed
 * property as sent (Partner Center leaves empty properties out of its answers, so empty equals absent).
 */
export function showsChanges(
  profile: BillingProfileDto,
  changes: ProfileChanges,
  etagBefore: string,
): boolean {
  if (profile.attributes.etag === etagBefore) {
    return false;
  }
  for (const field of PROFILE_FIELDS) {
    const sent = changes[field];
    if (sent !== undefined && !same(profile[field], sent)) {
      return false;
    }
  }
  if (changes.defaultAddress === null) {
    return profile.defaultAddress === undefined;
  }
  for (const field of ADDRESS_FIELDS) {
    const sent = changes.defaultAddress?.[field];
    if (sent !== undefined && !same(profile.defaultAddress?.[field], sent)) {
      return false;
    }
  }
  return true;
}

export function toFieldErrors(problems: FieldProblem[]): FieldError[] {
  return problems.map((problem) =>
    Object.assign(new FieldError(), {
      path: problem.path,
      message: `${problem.path.at(-1) ?? 'input'} ${problem.message}`,
    }),
  );
}
