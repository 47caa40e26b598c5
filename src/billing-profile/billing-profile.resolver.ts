import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';

import { requireCaller, type GatewayContext } from '../context';
import { Customer } from '../customer/customer.type';
import { UpdateBillingProfileInput } from './billing-profile.input';
import { toBillingProfile } from './billing-profile.mapper';
import { CustomerBillingProfile } from './billing-profile.type';
import { UpdateBillingProfileResult } from './billing-profile-result.type';
import { updateBillingProfile } from './billing-profile.update';

@Resolver(() => Customer)
export class BillingProfileResolver {
  @FieldResolver(() => CustomerBillingProfile, {
    nullable: true,
    description: "The customer's billing profile, with the etag an update needs.",
  })
  async billingProfile(
    @Root() customer: Customer,
    @Ctx() context: GatewayContext,
  ): Promise<CustomerBillingProfile | null> {
    const { billingProfiles } = requireCaller(context);
    const dto = await billingProfiles.load(customer.id);
    return dto && toBillingProfile(dto);
  }

  @Mutation(() => UpdateBillingProfileResult, {
    description:
      'Patches a billing profile: absent fields keep their value, null clears an optional field. ' +
      'Written only if `etag` is still current (If-Match), so no one else’s change is overwritten.',
  })
  async updateBillingProfile(
    @Arg('input', () => UpdateBillingProfileInput, {
      description: 'The customer and the fields to change (a patch).',
    })
    input: UpdateBillingProfileInput,
    @Arg('etag', () => String, {
      description: 'The etag of the profile you read (CustomerBillingProfile.etag).',
    })
    etag: string,
    @Ctx() context: GatewayContext,
  ): Promise<typeof UpdateBillingProfileResult> {
    return updateBillingProfile(context, input, etag);
  }
}
