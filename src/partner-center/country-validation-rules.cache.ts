import type { CallContext, PartnerCenterClient } from './partner-center.client';
import {
  getCountryValidationRules,
  type CountryValidationRulesDto,
} from './country-validation-rules.client';

export interface CountryRulesCacheOptions {
  client: PartnerCenterClient;
  /** How long fetched rules (or Partner Center's "no such country") are reused, in milliseconds. 0: never. */
  ttlMs: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export interface CountryRulesCache {
  /** The rules of a two-letter country code (null: Partner Center has none). Failures reject and are not kept. */
  get(countryCode: string, call: CallContext): Promise<CountryValidationRulesDto | null>;
}

/**
 * Country rules are Partner Center's published metadata, the same for every partner and caller, and
 * change rarely: one fetch per country per TTL serves everyone, and concurrent askers share one fetch.
 * Keys are validated two-letter codes, so the cache holds at most 26 × 26 entries. A failure is never
 * kept: it may be the caller's own (a bad token), and the next caller must get a fresh try.
 */
export function createCountryRulesCache(options: CountryRulesCacheOptions): CountryRulesCache {
  const now = options.now ?? Date.now;
  const entries = new Map<
    string,
    { expiresAt: number; rules: Promise<CountryValidationRulesDto | null> }
  >();
  return {
    get(countryCode, call) {
      const key = countryCode.toUpperCase();
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now()) {
        return cached.rules;
      }
      const rules = getCountryValidationRules(options.client, key, call);
      // While in flight the entry serves concurrent askers; its lifetime starts when it arrives.
      const entry = { expiresAt: Number.POSITIVE_INFINITY, rules };
      entries.set(key, entry);
      rules.then(
        () => {
          entry.expiresAt = now() + options.ttlMs;
        },
        () => {
          if (entries.get(key) === entry) {
            entries.delete(key);
          }
        },
      );
      return rules;
    },
  };
}
