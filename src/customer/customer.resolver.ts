import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';

import { requireCaller, type GatewayContext } from '../context';
import { BadUserInputError } from '../errors/gateway-errors';
import { isGuid } from '../partner-center/partner-center.contract';
import { Customer, toCustomer } from './customer.type';

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, {
    nullable: true,
    description:
      'A Partner Center customer by tenant id (a GUID). Null when Partner Center has no such customer.',
  })
  async customer(
    @Arg('id', () => ID, { description: 'The customer tenant id (a GUID).' }) id: string,
    @Ctx() context: GatewayContext,
  ): Promise<Customer | null> {
    if (!isGuid(id)) {
      throw new BadUserInputError('The customer id must be a GUID.', {
        extensions: { argument: 'id' },
      });
    }
    // Knowing whether the customer exists costs the same GET that reads its profile (one loader).
    const { billingProfiles } = requireCaller(context);
    const profile = await billingProfiles.load(id);
    return profile === null ? null : toCustomer(id);
  }
}
