import { COUNTRY_CODE_PATTERN, isGuid } from './partner-center.contract';

// Upstream paths are built only from validated GUIDs, so nothing a caller types can change the URL.
export function billingProfilePath(customerId: string): string {
  if (!isGuid(customerId)) {
    throw new TypeError('billingProfilePath needs a GUID customer id');
  }
  return `/v1/customers/${encodeURIComponent(customerId.toLowerCase())}/profiles/billing`;
}

export function customerPath(customerId: string): string {
  if (!isGuid(customerId)) {
    throw new TypeError('customerPath needs a GUID customer id');
  }
  return `/v1/customers/${encodeURIComponent(customerId.toLowerCase())}`;
}

// The country is the only caller-typed value in this path: two ASCII letters, nothing else.
export function countryValidationRulesPath(countryCode: string): string {
  if (!COUNTRY_CODE_PATTERN.test(countryCode)) {
    throw new TypeError('countryValidationRulesPath needs a two-letter country code');
  }
  return `/v1/countryvalidationrules/${countryCode.toUpperCase()}`;
}
