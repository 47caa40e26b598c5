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

type Rules = CountryValidationRulesDto | null;

/**
 * Country rules are Partner Center's published metadata, the same for every partner and caller, and
 * change rarely: once fetched, one answer per country serves everyone for the TTL. Keys are validated
 * two-letter codes, so the cache holds at most 26 × 26 entries. A fetch in flight is shared only by
 * callers with the same token, and a failure is never kept: it may be the caller's own (a bad token),
 * and must not reach anyone else.
 */
export function createCountryRulesCache(options: CountryRulesCacheOptions): CountryRulesCache {
  const now = options.now ?? Date.now;
  const fetched = new Map<string, { expiresAt: number; rules: Rules }>();
  const inFlight = new Map<string, Promise<Rules>>();
  return {
    get(countryCode, call) {
      const country = countryCode.toUpperCase();
      const cached = fetched.get(country);
      if (cached && cached.expiresAt > now()) {
        return Promise.resolve(cached.rules);
      }
      const key = `${country}\n${call.caller}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = getCountryValidationRules(options.client, country, call).then((rules) => {
          fetched.set(country, { expiresAt: now() + options.ttlMs, rules });
          return rules;
        });
        const settled = (): void => {
          inFlight.delete(key);
        };
        pending.then(settled, settled);
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
