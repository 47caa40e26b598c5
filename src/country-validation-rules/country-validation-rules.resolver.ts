import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import { requireCaller, type GatewayContext } from '../context';
import { BadUserInputError } from '../errors/gateway-errors';
import { COUNTRY_CODE_PATTERN } from '../partner-center/partner-center.contract';
import { toCountryValidationRules } from './country-validation-rules.mapper';
import { CountryValidationRules } from './country-validation-rules.type';

@Resolver(() => CountryValidationRules)
export class CountryValidationRulesResolver {
  @Query(() => CountryValidationRules, {
    nullable: true,
    description:
      "Partner Center's address rules for a country, to build a billing-address form. Null when Partner Center has none for the code.",
  })
  async countryValidationRules(
    @Arg('countryCode', () => String, {
      description: 'Two-letter ISO 3166-1 country code, e.g. US (any case).',
    })
    countryCode: string,
    @Ctx() context: GatewayContext,
  ): Promise<CountryValidationRules | null> {
    if (!COUNTRY_CODE_PATTERN.test(countryCode)) {
      throw new BadUserInputError('The country code must be two letters, such as US.', {
        extensions: { argument: 'countryCode' },
      });
    }
    const { call } = requireCaller(context);
    const rules = await context.countryRules.get(countryCode, call);
    return rules && toCountryValidationRules(rules);
  }
}
