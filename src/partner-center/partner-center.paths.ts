import { isGuid } from './partner-center.contract';

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
