import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: "A postal address on a customer's billing profile.",
})
export class Address {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. US.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'Region, where the country uses one.' })
  region!: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'State or province code (e.g. WA).' })
  state!: string | null;

  @Field(() => String, { nullable: true, description: 'First address line.' })
  addressLine1!: string | null;

  @Field(() => String, { nullable: true, description: 'Second address line.' })
  addressLine2!: string | null;

  @Field(() => String, { nullable: true, description: 'Third address line.' })
  addressLine3!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'First name of the contact at this address.',
  })
  firstName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Middle name of the contact at this address.',
  })
  middleName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name of the contact at this address.' })
  lastName!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone number. Some countries require one: Partner Center refuses an update without it.',
  })
  phoneNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'District, where the address has one.' })
  district!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Email address of the contact at this address.',
  })
  emailAddress!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A customer's billing profile in Partner Center.",
})
export class CustomerBillingProfile {
  @Field(() => ID, { description: 'The billing profile id (a GUID).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'First name of the billing contact.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name of the billing contact.' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'Email address of the billing contact.' })
  email!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Culture name, e.g. en-US (Partner Center may store it in another case, e.g. en-us).',
  })
  culture!: string | null;

  @Field(() => String, { nullable: true, description: 'Two-letter language code, e.g. en.' })
  language!: string | null;

  @Field(() => String, { nullable: true, description: 'Company name.' })
  companyName!: string | null;

  @Field(() => Address, { nullable: true, description: 'The default billing address.' })
  defaultAddress!: Address | null;

  @Field(() => String, {
    description: 'The version of this profile. Pass it as `etag` to updateBillingProfile.',
  })
  etag!: string;
}
