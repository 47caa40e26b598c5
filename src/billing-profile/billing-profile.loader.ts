import DataLoader from 'dataloader';

import type { PartnerCenterClient, CallContext } from '../partner-center/partner-center.client';
import type { BillingProfileDto } from '../partner-center/partner-center.dto';
import { billingProfilePath } from '../partner-center/partner-center.paths';
import { UpstreamError } from '../partner-center/upstream-error';
import { ContractViolation, parseBillingProfileDto } from './billing-profile.mapper';

export type BillingProfileLoader = DataLoader<string, BillingProfileDto | null, string>;

/**
 * One loader per GraphQL request: however often an operation (aliases, fragments, entity
 * representations) asks for a customer, Partner Center sees one GET. Null means no such customer.
 * Partner Center has no batch read, so a batch is parallel GETs over the pooled connections.
 */
export function createBillingProfileLoader(
  client: PartnerCenterClient,
  call: CallContext,
): BillingProfileLoader {
  return new DataLoader<string, BillingProfileDto | null, string>(
    (customerIds) => Promise.all(customerIds.map((id) => loadOne(client, call, id))),
    { cacheKeyFn: (id) => id.toLowerCase(), maxBatchSize: 100 },
  );
}

async function loadOne(
  client: PartnerCenterClient,
  call: CallContext,
  customerId: string,
): Promise<BillingProfileDto | null | Error> {
  try {
    const answer = await client.get(billingProfilePath(customerId), call);
    try {
      return parseBillingProfileDto(answer.body);
    } catch (error) {
      if (error instanceof ContractViolation) {
        return new UpstreamError(
          { kind: 'contract', reason: error.message },
          call.correlationId,
          answer.requestId,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) {
      return null;
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
