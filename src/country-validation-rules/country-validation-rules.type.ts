import { Field, ObjectType } from 'type-graphql';

/**
 * Partner Center's published address rules for one country (country-information-resources). A form
 * can show required fields, formats and the state list before the user submits. Every field but the
 * code is nullable: Partner Center may leave any of them out, and the gateway invents none.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    "Partner Center's address rules for one country, as it publishes them (GET /v1/countryvalidationrules/{iso2}).",
})
export class CountryValidationRules {
  @Field(() => String, { description: 'Two-letter ISO 3166-1 country code.' })
  iso2Code!: string;

  @Field(() => String, { nullable: true, description: 'Default culture, e.g. en-US.' })
  defaultCulture!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether an address needs a state.' })
  isStateRequired!: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The states to choose from, when a state is required.',
  })
  supportedStatesList!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Supported languages, e.g. ["en", "es"].' })
  supportedLanguagesList!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Supported cultures, e.g. ["en-US"].' })
  supportedCulturesList!: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether an address needs a postal code.' })
  isPostalCodeRequired!: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Regular expression (.NET syntax) a postal code must match.',
  })
  postalCodeRegex!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether an address needs a city.' })
  isCityRequired!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a VAT id is supported.' })
  isVatIdSupported!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Tax id format, e.g. US######.' })
  taxIdFormat!: string | null;

  @Field(() => String, { nullable: true, description: 'A sample tax id.' })
  taxIdSample!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Regular expression (.NET syntax) of a VAT id.',
  })
  vatIdRegex!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Regular expression (.NET syntax) a phone number must match.',
  })
  phoneNumberRegex!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether a registration number is supported.',
  })
  isRegistrationNumberSupported!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether a tax id is supported (not the same as a VAT id).',
  })
  isTaxIdSupported!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a tax id is optional.' })
  isTaxIdOptional!: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Country calling codes, e.g. ["1"].',
  })
  countryCallingCodesList!: string[] | null;
}
