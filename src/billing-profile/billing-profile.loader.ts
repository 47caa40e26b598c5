import DataLoader from 'dataloader';

import { BadUserInputError } from '../errors/gateway-errors';
import { getBillingProfile } from '../partner-center/billing-profile.client';
import type { PartnerCenterClient, CallContext } from '../partner-center/partner-center.client';
import type { BillingProfileDto } from '../partner-center/partner-center.dto';

export type BillingProfileLoader = DataLoader<string, BillingProfileDto | null, string>;

/**
 * Distinct customers one GraphQL request may read. Every customer costs an upstream GET, so without a
 * cap a single operation of aliases (or a router's representations) could fan out without bound.
 */
export const MAX_CUSTOMERS_PER_REQUEST = 100;

/**
 * One loader per GraphQL request: however often an operation (aliases, fragments, entity
 * representations) asks for a customer, Partner Center sees one GET. Null means no such customer.
 * Partner Center has no batch read, so a batch is parallel GETs over the pooled connections.
 */
export function createBillingProfileLoader(
  client: PartnerCenterClient,
  call: CallContext,
): BillingProfileLoader {
  let loaded = 0;
  return new DataLoader<string, BillingProfileDto | null, string>(
    (customerIds) =>
      Promise.all(
        customerIds.map((id) =>
          ++loaded > MAX_CUSTOMERS_PER_REQUEST
            ? Promise.resolve(tooMany())
            : loadOne(client, call, id),
        ),
      ),
    { cacheKeyFn: (id) => id.toLowerCase(), maxBatchSize: MAX_CUSTOMERS_PER_REQUEST },
  );
}

function tooMany(): Error {
  return new BadUserInputError(
    `One operation may read at most ${MAX_CUSTOMERS_PER_REQUEST} different customers.`,
  );
}

async function loadOne(
  client: PartnerCenterClient,
  call: CallContext,
  customerId: string,
): Promise<BillingProfileDto | null | Error> {
  try {
    return await getBillingProfile(client, customerId, call);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
