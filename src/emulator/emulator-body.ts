/**
 * Partner Center reads property names case-insensitively (it is a .NET service). The emulator maps
 * any casing of a known property to its camelCase name and drops properties it does not know.
 */
import { ADDRESS_FIELDS, PROFILE_FIELDS } from '../partner-center/billing-profile.rules';
import type { SeedCustomer } from './seed-data';

const PROFILE_KEYS = new Map(
  [...PROFILE_FIELDS, 'id', 'defaultAddress', 'links', 'attributes'].map((k) => [
    k.toLowerCase(),
    k,
  ]),
);
const ADDRESS_KEYS = new Map(ADDRESS_FIELDS.map((k) => [k.toLowerCase(), k]));

export type ProfileCandidate = Record<string, unknown> & { defaultAddress?: unknown };

function canonicalise(source: Record<string, unknown>, keys: Map<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const canonical = keys.get(key.toLowerCase());
    if (canonical !== undefined) {
      out[canonical] = value;
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** camelCase view of a PUT body, any casing accepted. */
export function toProfileCandidate(body: Record<string, unknown>): ProfileCandidate {
  const profile = canonicalise(body, PROFILE_KEYS);
  if (isObject(profile.defaultAddress)) {
    profile.defaultAddress = canonicalise(profile.defaultAddress, ADDRESS_KEYS);
  }
  return profile;
}

/** The fields to store from a validated candidate: null and empty clear optional properties. */
export function toStoredFields(
  candidate: ProfileCandidate,
  profileId: string,
): SeedCustomer['profile'] {
  const present = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const stored: SeedCustomer['profile'] = { id: profileId };
  for (const field of PROFILE_FIELDS) {
    const value = present(candidate[field]);
    if (value !== undefined) {
      stored[field] = value;
    }
  }
  if (isObject(candidate.defaultAddress)) {
    const address: Record<string, string> = {};
    for (const field of ADDRESS_FIELDS) {
      const value = present(candidate.defaultAddress[field]);
      if (value !== undefined) {
        address[field] = value;
      }
    }
    stored.defaultAddress = address;
  }
  return stored;
}

/** `DefaultAddress.PostalCode` for ['defaultAddress', 'postalCode']: the request's own casing. */
export function toPascalPath(path: string[]): string {
  return path.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('.');
}
