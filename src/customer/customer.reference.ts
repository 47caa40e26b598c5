import { requireCaller, type GatewayContext } from '../context';
import { isGuid } from '../partner-center/partner-center.contract';
import { toCustomer, type Customer } from './customer.type';

/**
 * Federation entity resolver for `Customer @key(fields: "id")`. Uses the request's loader, so a router
 * sending 50 representations of 10 customers causes 10 GETs; unknown or malformed ids resolve to null.
 */
export async function resolveCustomerReference(
  reference: { id?: unknown },
  context: GatewayContext,
): Promise<Customer | null> {
  if (typeof reference.id !== 'string' || !isGuid(reference.id)) {
    return null;
  }
  const { billingProfiles } = requireCaller(context);
  return (await billingProfiles.load(reference.id)) === null ? null : toCustomer(reference.id);
}
