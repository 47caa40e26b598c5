/**
 * Properties of the patch and its round trip: for any stored resource (unknown properties included)
 * and any valid patch, the PUT body is the stored resource with the patch applied and nothing else
 * changed; any invalid patch is refused with field errors; nothing throws. The expected bodies are
 * computed here, independently of the mapper.
 */
import { createContext, runInContext } from 'node:vm';

import fc from 'fast-check';

import type { UpdateBillingProfileInput } from '../../../src/billing-profile/billing-profile.input';
import {
  showsChanges,
  toBillingProfile,
  toBillingProfileRequest,
  toFieldErrors,
  toProfileChanges,
} from '../../../src/billing-profile/billing-profile.mapper';
import {
  COUNTRY_RULED_FIELDS,
  MAX_PATTERN_INPUT,
  validateAgainstCountryRules,
  validateBillingProfileChanges,
  type AddressChanges,
  type FieldProblem,
} from '../../../src/partner-center/billing-profile.rules';
import type { CountryValidationRulesDto } from '../../../src/partner-center/country-validation-rules.client';
import {
  ADDRESS_FIELDS,
  PROFILE_FIELDS,
  parseBillingProfileDto,
  type AddressField,
  type JsonObject,
  type ProfileField,
} from '../../../src/partner-center/partner-center.dto';

type Patch = Omit<UpdateBillingProfileInput, 'customerId'>;
type AddressPatch = Partial<Record<AddressField, string | null>>;
type Entry = [string, unknown];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Object.fromEntries defines every name as an own property, `__proto__` included.
const objectFrom = (entries: Entry[]): JsonObject => Object.fromEntries(entries);

function deepClone(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(deepClone);
  }
  if (isObject(value)) {
    return objectFrom(Object.entries(value).map(([key, item]) => [key, deepClone(item)]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Strings

// eslint-disable-next-line no-control-regex -- the rules refuse exactly these
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const AWKWARD = [
  ' ',
  '\u00A0',
  '\u200B',
  '\u202E',
  '\uFEFF',
  '\u0301',
  'é',
  'ß',
  'İ',
  'ﬀ',
  '"',
  "'",
  '\\',
  '<',
  '&',
  '%',
  '😀',
  '👩‍💻',
  '🇺🇸',
  '𝔘',
];

/** One whole character a caller may send: any code point but control characters, or a cluster. */
const callerChar = fc
  .oneof(
    fc.constantFrom(...AWKWARD),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  )
  .filter((char) => !CONTROL.test(char));
/** One UTF-16 unit a caller may send (no surrogate half), to fill a length exactly. */
const callerUnit = callerChar.filter((char) => char.length === 1);
const controlOrHalf = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
);
/** Anything at all, as stored data or as a careless caller: control characters and lone halves too. */
const anyText = fc.string({
  unit: fc.oneof(
    callerChar,
    controlOrHalf.map((code) => String.fromCharCode(code)),
  ),
  maxLength: 30,
});

/** Whole code points of `text` while they fit in `max` UTF-16 units, padded to `min` with x. */
function fit(text: string, min: number, max: number): string {
  let out = '';
  for (const point of text) {
    if (out.length + point.length > max) {
      break;
    }
    out += point;
  }
  return out.padEnd(min, 'x');
}

/** Caller text of min..max UTF-16 units, often at either bound. */
function callerText(min: number, max?: number): fc.Arbitrary<string> {
  if (max === undefined) {
    return fc.string({ unit: callerChar, minLength: min, maxLength: 40 });
  }
  return fc.oneof(
    fc.string({ unit: callerChar, maxLength: max }).map((text) => fit(text, min, max)),
    fc.string({ unit: callerUnit, minLength: max, maxLength: max }),
    fc.string({ unit: callerUnit, minLength: min, maxLength: min }),
  );
}

const letters = (length: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[a-zA-Z]{${length}}$`));

// ---------------------------------------------------------------------------------------------------
// Stored resources, camelCase as Partner Center sends them

const REALISTIC_NAMES = [
  'objectType',
  'vatId',
  'taxId',
  'purchaseOrderNumber',
  'isDefault',
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
];

/** A property name as a service would choose one: letters first (and a few awkward ones). */
const propertyName = fc.oneof(
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,12}$/),
  fc.constantFrom(...REALISTIC_NAMES),
);

/** Properties no documentation names, their names distinct even ignoring case from `taken`. */
function unknownEntries(taken: readonly string[], maxLength = 4): fc.Arbitrary<Entry[]> {
  const reserved = new Set(taken.map((name) => name.toLowerCase()));
  return fc.uniqueArray(
    fc.tuple(
      propertyName.filter((name) => !reserved.has(name.toLowerCase())),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    { maxLength, selector: ([name]) => name.toLowerCase() },
  );
}

/** Some of `fields`, each a stored string of any content or null. */
function storedFields(fields: readonly string[]): fc.Arbitrary<Entry[]> {
  return fc
    .subarray([...fields])
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((field) => fc.option(anyText, { nil: null }).map((v): Entry => [field, v])),
      ),
    );
}

/** `name` with the case of some of its letters changed (never all the same). */
function recase(name: string, mask: number): string {
  let out = '';
  for (const [index, char] of [...name].entries()) {
    const flip = ((mask >>> index % 31) & 1) === 1;
    out += flip ? (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()) : char;
  }
  if (out === name) {
    const first = name.charAt(0);
    out =
      (first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase()) + name.slice(1);
  }
  return out;
}

/**
 * An object from its entries; with `variants`, followed by properties whose names differ only in case
 * from earlier ones (Partner Center reads names case-insensitively: such a property is the same one).
 */
function objectOf(entries: fc.Arbitrary<Entry[]>, variants: boolean): fc.Arbitrary<JsonObject> {
  if (!variants) {
    return entries.map(objectFrom);
  }
  return entries.chain((list) => {
    const names = list.map(([name]) => name).filter((name) => /[a-z]/i.test(name));
    if (names.length === 0) {
      return fc.constant(objectFrom(list));
    }
    const variant = fc.tuple(
      fc.constantFrom(...names),
      fc.integer({ min: 1, max: 0x7fffffff }),
      fc.oneof(anyText, fc.jsonValue({ maxDepth: 1 })),
    );
    return fc
      .array(variant, { minLength: 1, maxLength: 3 })
      .map((extra) =>
        objectFrom([
          ...list,
          ...extra.map(([name, mask, value]): Entry => [recase(name, mask), value]),
        ]),
      );
  });
}

const concat = (...parts: fc.Arbitrary<Entry[]>[]): fc.Arbitrary<Entry[]> =>
  fc.tuple(...parts).map((lists) => lists.flat());

function storedAddress(variants: boolean): fc.Arbitrary<JsonObject> {
  return objectOf(
    concat(storedFields(ADDRESS_FIELDS), unknownEntries(['id', ...ADDRESS_FIELDS])),
    variants,
  );
}

function storedAttributes(variants: boolean): fc.Arbitrary<JsonObject> {
  return objectOf(
    concat(
      anyText.filter((etag) => etag !== '').map((etag): Entry[] => [['etag', etag]]),
      fc
        .option(fc.constantFrom('CustomerBillingProfile', 'BillingProfile'), { nil: undefined })
        .map((type): Entry[] => (type === undefined ? [] : [['objectType', type]])),
      unknownEntries(['etag', 'objectType'], 2),
    ),
    variants,
  );
}

const header = fc.oneof(fc.record({ key: anyText, value: anyText }), fc.jsonValue({ maxDepth: 1 }));

function storedLink(variants: boolean): fc.Arbitrary<JsonObject> {
  return objectOf(
    concat(
      fc
        .tuple(anyText, fc.constantFrom('GET', 'PUT'), fc.array(header, { maxLength: 3 }))
        .map(([uri, method, headers]): Entry[] => [
          ['uri', uri],
          ['method', method],
          ['headers', headers],
        ]),
      unknownEntries(['uri', 'method', 'headers'], 2),
    ),
    variants,
  );
}

function storedLinks(variants: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: objectOf(
        storedLink(variants).map((self): Entry[] => [['self', self]]),
        variants,
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const TOP_LEVEL = ['id', 'attributes', 'links', 'defaultAddress', ...PROFILE_FIELDS];

/**
 * A billing profile as Partner Center may send it: id, attributes.etag, any of the modelled fields
 * (string or null), maybe an address, links, and properties no documentation names. With `variants`,
 * some objects also carry properties whose names differ only in case from earlier ones.
 */
function storedResource(variants = false): fc.Arbitrary<JsonObject> {
  const optional = (name: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Entry[]> =>
    fc.option(value, { nil: undefined }).map((v): Entry[] => (v === undefined ? [] : [[name, v]]));
  return objectOf(
    concat(
      anyText.map((id): Entry[] => [['id', id]]),
      storedFields(PROFILE_FIELDS),
      optional(
        'defaultAddress',
        fc.oneof(
          { weight: 4, arbitrary: storedAddress(variants) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      ),
      optional('links', storedLinks(variants)),
      storedAttributes(variants).map((attributes): Entry[] => [['attributes', attributes]]),
      unknownEntries(TOP_LEVEL, 5),
    ),
    variants,
  );
}

const storedEtag = (resource: JsonObject): string =>
  (resource.attributes as JsonObject).etag as string;

// ---------------------------------------------------------------------------------------------------
// Patches

const clearable = (text: fc.Arbitrary<string>): fc.Arbitrary<string | null> =>
  fc.oneof(text, fc.constant(null), fc.constant(''));

// Documented shape of an email address: one @, something on both sides, no spaces.
const emailChar = callerChar.filter((char) => !/[\s@]/u.test(char));
const email = fc
  .tuple(
    fc.string({ unit: emailChar, minLength: 1, maxLength: 12 }),
    fc.string({ unit: emailChar, minLength: 1, maxLength: 12 }),
  )
  .map(([local, domain]) => `${local}@${domain}`);

// A culture name (language, optional script, region) in any case, as customer-resources shows.
const culture = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z]{2,3}$/),
    fc.option(letters(4), { nil: undefined }),
    fc.oneof(letters(2), fc.stringMatching(/^[0-9]{3}$/)),
  )
  .map(([language, script, region]) => [language, script, region].filter(Boolean).join('-'));

/** Every address field with values its documented rules accept; clearing only where allowed. */
const VALID_ADDRESS: { [F in AddressField]: fc.Arbitrary<string | null> } = {
  country: letters(2),
  region: clearable(callerText(1)),
  city: clearable(callerText(1)),
  state: fc.oneof(callerText(0, 2), fc.constant(null)),
  addressLine1: callerText(1, 200),
  addressLine2: fc.oneof(callerText(0, 200), fc.constant(null)),
  addressLine3: clearable(callerText(1)),
  postalCode: clearable(callerText(1)),
  firstName: callerText(1, 50),
  middleName: fc.oneof(callerText(0, 50), fc.constant(null)),
  lastName: callerText(1, 50),
  phoneNumber: clearable(callerText(1)),
  district: clearable(callerText(1)),
  emailAddress: clearable(callerText(1)),
};

const VALID_PROFILE: { [F in ProfileField]: fc.Arbitrary<string | null> } = {
  firstName: clearable(callerText(1)),
  lastName: clearable(callerText(1)),
  email,
  culture,
  language: clearable(letters(2)),
  companyName: callerText(1),
};

const validAddressPatch: fc.Arbitrary<AddressPatch> = fc.record(VALID_ADDRESS, {
  requiredKeys: [],
});

/** A patch every documented rule accepts (the address is merged, never cleared). */
const validPatch: fc.Arbitrary<Patch> = fc.record(
  { ...VALID_PROFILE, defaultAddress: validAddressPatch },
  { requiredKeys: [] },
);

const withHygieneBroken = fc
  .tuple(callerText(0, 10), controlOrHalf, callerText(0, 10))
  .map(([before, code, after]) => before + String.fromCharCode(code) + after);
const notMatching = (pattern: RegExp) =>
  anyText.filter((text) => text !== '' && !pattern.test(text));
const cleared = fc.constantFrom(null, '');

/** Values each documented rule refuses, by field: clearing what cannot be cleared, shapes, lengths. */
const BROKEN_PROFILE: { [F in ProfileField]: fc.Arbitrary<string | null> } = {
  firstName: withHygieneBroken,
  lastName: withHygieneBroken,
  email: fc.oneof(
    cleared,
    withHygieneBroken,
    fc.constantFrom('ada', 'ada@', '@example.com', 'ada@@example.com', 'a@b@c', 'ada @example.com'),
    notMatching(/^[^\s@]+@[^\s@]+$/),
  ),
  culture: fc.oneof(
    cleared,
    withHygieneBroken,
    fc.constantFrom('english', 'e', 'en_US', 'en-', 'e-US', 'en-USA', 'enUS', 'en-US-'),
    notMatching(/^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?$/i),
  ),
  language: fc.oneof(
    withHygieneBroken,
    fc.constantFrom('eng', 'e', 'e1', 'éa', '12', ' en'),
    notMatching(/^[a-z]{2}$/i),
  ),
  companyName: fc.oneof(cleared, withHygieneBroken),
};

const tooLong = (max: number) => callerText(max + 1, max + 20);
const BROKEN_ADDRESS: { [F in AddressField]: fc.Arbitrary<string | null> } = {
  country: fc.oneof(
    cleared,
    withHygieneBroken,
    fc.constantFrom('USA', 'U', '1A', 'ÜS', 'U S'),
    notMatching(/^[a-z]{2}$/i),
  ),
  region: withHygieneBroken,
  city: withHygieneBroken,
  state: fc.oneof(withHygieneBroken, tooLong(2)),
  addressLine1: fc.oneof(cleared, withHygieneBroken, tooLong(200)),
  addressLine2: fc.oneof(withHygieneBroken, tooLong(200)),
  addressLine3: withHygieneBroken,
  postalCode: withHygieneBroken,
  firstName: fc.oneof(cleared, withHygieneBroken, tooLong(50)),
  middleName: fc.oneof(withHygieneBroken, tooLong(50)),
  lastName: fc.oneof(cleared, withHygieneBroken, tooLong(50)),
  phoneNumber: withHygieneBroken,
  district: withHygieneBroken,
  emailAddress: withHygieneBroken,
};

interface Breach {
  /** The camelCase path the refusal must name. */
  path: string[];
  value: string | null;
}

const breach: fc.Arbitrary<Breach> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...PROFILE_FIELDS)
      .chain((field) => BROKEN_PROFILE[field].map((value): Breach => ({ path: [field], value }))),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...ADDRESS_FIELDS)
      .chain((field) =>
        BROKEN_ADDRESS[field].map((value): Breach => ({ path: ['defaultAddress', field], value })),
      ),
  },
  { weight: 1, arbitrary: fc.constant<Breach>({ path: ['defaultAddress'], value: null }) },
);

/** A valid patch with one to three fields broken, and the paths of the broken fields. */
const invalidPatch: fc.Arbitrary<{ patch: Patch; breaches: Breach[] }> = fc
  .tuple(
    validPatch,
    fc.uniqueArray(breach, { minLength: 1, maxLength: 3, selector: (b) => b.path.join('.') }),
  )
  .map(([valid, all]) => {
    // Clearing the whole address leaves no address field to break.
    const clearsAddress = all.some((b) => b.path.length === 1 && b.path[0] === 'defaultAddress');
    const breaches = clearsAddress ? all.filter((b) => b.path.length === 1) : all;
    const patch: Patch = { ...valid };
    const address: AddressPatch = { ...(valid.defaultAddress ?? {}) };
    for (const { path, value } of breaches) {
      const [first, second] = path as [string, AddressField | undefined];
      if (second !== undefined) {
        address[second] = value;
        patch.defaultAddress = address;
      } else if (first === 'defaultAddress') {
        patch.defaultAddress = null;
      } else {
        patch[first as ProfileField] = value;
      }
    }
    return { patch, breaches };
  });

/** Whatever a GraphQL client can send: every field absent, null or any string at all. */
const anyPatch: fc.Arbitrary<Patch> = fc.record(
  {
    ...Object.fromEntries(
      PROFILE_FIELDS.map((field) => [field, fc.option(anyText, { nil: null })]),
    ),
    defaultAddress: fc.option(
      fc.record(
        Object.fromEntries(
          ADDRESS_FIELDS.map((field) => [field, fc.option(anyText, { nil: null })]),
        ),
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  },
  { requiredKeys: [] },
);

const etagArb = anyText.filter((etag) => etag !== '');

// ---------------------------------------------------------------------------------------------------
// The oracle: the expected PUT body, and a reader of it

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const folded = (name: string): string => name.toLowerCase();

/**
 * `source` with its names in PascalCase; of names equal ignoring case only the first is kept, as
 * Partner Center reads them as one property. `value` maps each kept value by its folded name.
 */
function renamed(
  source: JsonObject,
  value: (name: string, item: unknown) => unknown = (_n, i) => i,
): JsonObject {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const [name, item] of Object.entries(source)) {
    if (!seen.has(folded(name))) {
      seen.add(folded(name));
      entries.push([pascal(name), value(folded(name), item)]);
    }
  }
  return objectFrom(entries);
}

/** Sets `name` (in PascalCase) on `target`, replacing any property of the same name in another case. */
function overlay(target: JsonObject, name: string, value: unknown): void {
  for (const key of Object.keys(target)) {
    if (folded(key) === folded(name)) {
      delete target[key];
    }
  }
  target[pascal(name)] = value;
}

const asSent = (value: string | null): string | null => (value === '' ? null : value);

/** The documented objects renamed; values of anything else verbatim; then the patch overlaid. */
function expectedBody(resource: JsonObject, patch: Patch, etag: string): JsonObject {
  const headers = (name: string, item: unknown): unknown =>
    name === 'headers' && Array.isArray(item)
      ? item.map((h: unknown) => (isObject(h) ? renamed(h) : h))
      : item;
  const link = (_name: string, item: unknown): unknown =>
    isObject(item) ? renamed(item, headers) : item;
  const body = renamed(resource, (name, item) => {
    if (!isObject(item)) {
      return item;
    }
    switch (name) {
      case 'defaultaddress':
      case 'attributes':
        return renamed(item);
      case 'links':
        return renamed(item, link);
      default:
        return item;
    }
  });
  for (const field of PROFILE_FIELDS) {
    const value = patch[field];
    if (value !== undefined) {
      overlay(body, field, asSent(value));
    }
  }
  const addressPatch = patch.defaultAddress;
  if (addressPatch === null) {
    overlay(body, 'defaultAddress', null);
  } else if (addressPatch !== undefined) {
    const stored = Object.entries(body).find(([key]) => folded(key) === 'defaultaddress')?.[1];
    // Fields merge into the stored address, or into a new one (as JSON merge patch does).
    const address = isObject(stored) ? { ...stored } : {};
    for (const field of ADDRESS_FIELDS) {
      const value = addressPatch[field];
      if (value !== undefined) {
        overlay(address, field, asSent(value));
      }
    }
    overlay(body, 'defaultAddress', address);
  }
  const attributes = Object.entries(body).find(([key]) => folded(key) === 'attributes')?.[1];
  const newAttributes = isObject(attributes) ? { ...attributes } : {};
  overlay(newAttributes, 'etag', etag);
  overlay(body, 'attributes', newAttributes);
  return body;
}

/** The names of one object that differ only in case from another of its names. */
function caseTwins(object: JsonObject): string[] {
  const names = Object.keys(object);
  return names.filter((name) =>
    names.some((other) => other !== name && folded(other) === folded(name)),
  );
}

/** Every documented object of a PUT body (profile, address, attributes, links, each link, headers). */
function documentedObjects(body: JsonObject): JsonObject[] {
  const objects = [body];
  for (const [name, item] of Object.entries(body)) {
    if (!isObject(item)) {
      continue;
    }
    if (folded(name) === 'defaultaddress' || folded(name) === 'attributes') {
      objects.push(item);
    }
    if (folded(name) === 'links') {
      objects.push(item);
      for (const linkValue of Object.values(item).filter(isObject)) {
        objects.push(linkValue);
        const headers = Object.entries(linkValue).find(([key]) => folded(key) === 'headers')?.[1];
        if (Array.isArray(headers)) {
          objects.push(...headers.filter(isObject));
        }
      }
    }
  }
  return objects;
}

/**
 * A body read the way Partner Center reads it (names case-insensitively) and answered camelCase: the
 * documented names of the documented objects spelled as documented, the others with a small first
 * letter. Two names that read as one are an error.
 */
function readBack(body: JsonObject): JsonObject {
  const camel = (
    source: JsonObject,
    known: readonly string[],
    value: (name: string, item: unknown) => unknown = (_n, i) => i,
  ) => {
    const out = new Map<string, unknown>();
    for (const [name, item] of Object.entries(source)) {
      const documented = known.find((k) => folded(k) === folded(name));
      const read = documented ?? name.charAt(0).toLowerCase() + name.slice(1);
      if (out.has(read)) {
        throw new Error(`the body names ${read} twice`);
      }
      out.set(read, value(read, item));
    }
    return Object.fromEntries(out);
  };
  const link = (_name: string, item: unknown) =>
    isObject(item)
      ? camel(item, ['uri', 'method', 'headers'], (name, headers) =>
          name === 'headers' && Array.isArray(headers)
            ? headers.map((h: unknown) => (isObject(h) ? camel(h, ['key', 'value']) : h))
            : headers,
        )
      : item;
  return camel(body, TOP_LEVEL, (name, item) => {
    if (!isObject(item)) {
      return item;
    }
    switch (name) {
      case 'defaultAddress':
        return camel(item, ADDRESS_FIELDS);
      case 'attributes':
        return camel(item, ['etag', 'objectType']);
      case 'links':
        return camel(item, ['self'], link);
      default:
        return item;
    }
  });
}

/** Over the wire and back, as the client sends it and Partner Center answers it. */
const overTheWire = (body: JsonObject): JsonObject =>
  JSON.parse(JSON.stringify(body)) as JsonObject;

// ---------------------------------------------------------------------------------------------------

describe('toBillingProfileRequest (property)', () => {
  it('sends the stored resource with exactly the valid patch overlaid, and nothing else changed', () => {
    fc.assert(
      fc.property(
        storedResource(),
        validPatch,
        fc.boolean(),
        etagArb,
        (resource, patch, sameEtag, other) => {
          const etag = sameEtag ? storedEtag(resource) : other;
          const before = deepClone(resource);
          const changes = toProfileChanges(patch);

          expect(validateBillingProfileChanges(changes)).toEqual([]);
          const body = toBillingProfileRequest(resource, changes, etag);

          expect(body).toEqual(expectedBody(resource, patch, etag));
          for (const object of documentedObjects(body)) {
            expect(caseTwins(object)).toEqual([]);
          }
          // Every property the patch leaves alone is the stored one, under its PascalCase name.
          for (const [name, item] of Object.entries(resource)) {
            const patched =
              (PROFILE_FIELDS as readonly string[]).includes(name) &&
              patch[name as ProfileField] !== undefined;
            if (!patched && !['defaultAddress', 'attributes', 'links'].includes(name)) {
              expect(body[pascal(name)]).toEqual(item);
            }
          }
          expect(resource).toEqual(before);
        },
      ),
    );
  });

  // Partner Center reads property names case-insensitively: `iD` after `id` is the same property, and
  // a body naming it twice leaves Partner Center to choose which value it stores.
  // BUG (fast-check, shrunk): the stored resource { id: '', attributes: { etag: ' ', Etag: '' },
  // iD: '' } with the empty patch {} gives a body with both `Id` and `ID`. Likewise a stored
  // attributes { etag: 'new', eTag: 'old' } gives both `Etag` and `ETag`, and a stored `EMAIL` next
  // to a patched email both `EMAIL` and `Email`. pascalObject only merges names that are equal once
  // their first letter is capitalised, and the overlay sets the PascalCase name without removing
  // another spelling of it.
  it('names no property twice when stored names differ only in case, keeping the first', () => {
    fc.assert(
      fc.property(storedResource(true), validPatch, (resource, patch) => {
        const etag = storedEtag(resource);
        const body = toBillingProfileRequest(resource, toProfileChanges(patch), etag);

        for (const object of documentedObjects(body)) {
          expect(caseTwins(object)).toEqual([]);
        }
        expect(body).toEqual(expectedBody(resource, patch, etag));
      }),
    );
  });

  it('reads back as the patch for the changed fields and as the stored resource for the rest', () => {
    fc.assert(
      fc.property(storedResource(), validPatch, (resource, patch) => {
        const etag = storedEtag(resource);
        const body = toBillingProfileRequest(resource, toProfileChanges(patch), etag);

        const stored = toBillingProfile(parseBillingProfileDto(resource));
        const read = toBillingProfile(parseBillingProfileDto(readBack(overTheWire(body))));

        expect(read.id).toBe(stored.id);
        expect(read.etag).toBe(etag);
        for (const field of PROFILE_FIELDS) {
          const sent = patch[field];
          expect(read[field]).toBe(sent === undefined ? stored[field] : asSent(sent));
        }
        const addressPatch = patch.defaultAddress;
        if (addressPatch === undefined || addressPatch === null) {
          expect(read.defaultAddress).toEqual(stored.defaultAddress);
        } else {
          for (const field of ADDRESS_FIELDS) {
            const sent = addressPatch[field];
            expect(read.defaultAddress?.[field]).toBe(
              sent === undefined ? (stored.defaultAddress?.[field] ?? null) : asSent(sent),
            );
          }
        }
      }),
    );
  });
});

describe('showsChanges (property)', () => {
  it('sees a written patch under a new etag, and never under the old one', () => {
    fc.assert(
      fc.property(storedResource(), validPatch, etagArb, (resource, patch, newEtag) => {
        const etag = storedEtag(resource);
        fc.pre(newEtag !== etag);
        const changes = toProfileChanges(patch);
        const body = toBillingProfileRequest(resource, changes, etag);
        const answer = (answered: string): JsonObject => {
          const read = readBack(overTheWire(body));
          return { ...read, attributes: { ...(read.attributes as JsonObject), etag: answered } };
        };

        expect(showsChanges(parseBillingProfileDto(answer(newEtag)), changes, etag)).toBe(true);
        expect(showsChanges(parseBillingProfileDto(answer(etag)), changes, etag)).toBe(false);
      }),
    );
  });
});

describe('validateBillingProfileChanges (property)', () => {
  it('refuses any invalid patch with a field error at each broken field, and only there', () => {
    fc.assert(
      fc.property(invalidPatch, ({ patch, breaches }) => {
        const problems = validateBillingProfileChanges(toProfileChanges(patch));
        const broken = breaches.map((b) => b.path.join('.'));

        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(broken).toContain(problem.path.join('.'));
          expect(problem.message).toMatch(/\S/);
        }
        for (const path of broken) {
          expect(problems.map((p) => p.path.join('.'))).toContain(path);
        }
        for (const error of toFieldErrors(problems)) {
          expect(error.message).toMatch(/\S/);
        }
      }),
    );
  });

  it('never throws for anything a client can send, whatever is stored', () => {
    const wellFormed = (problem: FieldProblem): boolean =>
      problem.path.length > 0 &&
      problem.path.every((part) => typeof part === 'string' && part !== '') &&
      typeof problem.message === 'string' &&
      problem.message !== '';
    fc.assert(
      fc.property(storedResource(), anyPatch, etagArb, (resource, patch, etag) => {
        const changes = toProfileChanges(patch);
        const problems = validateBillingProfileChanges(changes);

        expect(problems.every(wellFormed)).toBe(true);
        toFieldErrors(problems);
        const body = toBillingProfileRequest(resource, changes, etag);
        expect(typeof JSON.stringify(body)).toBe('string');
        showsChanges(parseBillingProfileDto(resource), changes, etag);
      }),
    );
  });
});

// A regular expression cannot be interrupted from JavaScript, but a vm timeout can end it: a run that
// never returns then fails instead of hanging the suite. The limit only separates "returns" from
// "does not": a validation takes microseconds.
const watchdog = createContext({ run: (): unknown => undefined });
function withinWatchdog<T>(work: () => T): T {
  watchdog.run = work;
  return runInContext('run()', watchdog, { timeout: 1000 }) as T;
}

const changesArb = (values: fc.Arbitrary<string>): fc.Arbitrary<AddressChanges> =>
  fc.record(
    Object.fromEntries(
      ADDRESS_FIELDS.map((field) => [field, fc.oneof(values, fc.constant(null), fc.constant(''))]),
    ) as { [F in AddressField]: fc.Arbitrary<string | null> },
    { requiredKeys: [] },
  );

function rulesArb(pattern: fc.Arbitrary<string>): fc.Arbitrary<CountryValidationRulesDto> {
  return fc.record(
    {
      iso2Code: anyText,
      isStateRequired: fc.boolean(),
      supportedStatesList: fc.array(anyText, { maxLength: 4 }),
      isPostalCodeRequired: fc.boolean(),
      postalCodeRegex: pattern,
      isCityRequired: fc.boolean(),
      phoneNumberRegex: pattern,
    },
    { requiredKeys: ['iso2Code'] },
  );
}

const PUBLISHED_PATTERNS = [
  '^\\d{5}(-\\d{4})?$',
  '^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$',
  '^(1[\\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[\\-\\/\\.]?(\\d{3})[\\-\\/\\.]?(\\d{4})$',
  '^[A-Z]\\d[A-Z] ?\\d[A-Z]\\d$',
  // .NET-only syntax, not applied here
  '\\A\\d{5}\\z',
  '^[A-Z-[DFIOQU]]\\d$',
  // not patterns at all
  '(',
  '[',
  '\\',
  '*',
  'a{2,1}',
  '(?<n>a)\\k<m>',
];

describe('validateAgainstCountryRules (property)', () => {
  it('never throws, for any rules (patterns that are no regular expression included) and any values', () => {
    // Regex syntax at random, but without unbounded quantifiers: those are the next test's subject.
    const pattern = fc.oneof(
      anyText,
      fc.constantFrom(...PUBLISHED_PATTERNS),
      fc.string({
        unit: fc.constantFrom(...'()[]\\^$.|?-:<>=!dDsSwWbBkpu0aA'),
        maxLength: 12,
      }),
    );
    const values = fc.oneof(
      anyText,
      fc.string({
        unit: callerChar,
        minLength: MAX_PATTERN_INPUT - 2,
        maxLength: MAX_PATTERN_INPUT + 2,
      }),
    );
    fc.assert(
      fc.property(changesArb(values), rulesArb(pattern), (changes, rules) => {
        const problems = withinWatchdog(() => validateAgainstCountryRules(changes, rules));

        for (const problem of problems) {
          expect(problem.path[0]).toBe('defaultAddress');
          expect(COUNTRY_RULED_FIELDS).toContain(problem.path[1]);
          expect(changes[problem.path[1] as AddressField]).not.toBeUndefined();
          expect(problem.message).toMatch(/\S/);
        }
      }),
    );
  });

  // A pattern with nested quantifiers backtracks exponentially in the length of a value well under
  // MAX_PATTERN_INPUT: fast-check found '^(\\d|(\\d|(\\d|\\d+)*(\\d|\\d){1,3})(a|[\\-\\/\\.]\\d))$' with
  // 20 digits (about 1 s, five times more for each two digits). Published patterns now run within
  // PATTERN_TIME_BUDGET_MS, and one that runs out of time is no rule.
  it('returns for any pattern built from published pieces and values up to MAX_PATTERN_INPUT', () => {
    const piece = fc.constantFrom(
      '\\d',
      '[A-Z]',
      '[0-9A-Z]',
      ' ',
      '-',
      '[\\-\\/\\.]',
      'a',
      '1',
      '.',
    );
    const quantifier = fc.constantFrom('', '', '?', '+', '*', '{1,3}', '{2}');
    const { sequence } = fc.letrec((tie) => ({
      atom: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        piece,
        tie('sequence').map((s) => `(${String(s)})`),
        fc.tuple(tie('sequence'), tie('sequence')).map(([a, b]) => `(${String(a)}|${String(b)})`),
      ),
      sequence: fc
        .array(fc.tuple(tie('atom'), quantifier), { minLength: 1, maxLength: 3 })
        .map((parts) => parts.map(([atom, q]) => String(atom) + q).join('')),
    }));
    const pattern = sequence.map((s) => `^${String(s)}$`);
    const value = fc
      .tuple(
        fc.string({
          unit: fc.constantFrom('1', 'a', 'A', ' ', '-', '.'),
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: MAX_PATTERN_INPUT }),
        fc.constantFrom('', '!', 'a', '1'),
      )
      .map(([unit, times, end]) => (unit.repeat(times) + end).slice(-MAX_PATTERN_INPUT));
    fc.assert(
      fc.property(value, pattern, (postalCode, postalCodeRegex) => {
        withinWatchdog(() =>
          validateAgainstCountryRules({ postalCode }, { iso2Code: 'US', postalCodeRegex }),
        );
      }),
      { seed: 1, endOnFailure: true, numRuns: 200 },
    );
  });
});
