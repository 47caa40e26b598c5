import { Field, ID, InputType } from 'type-graphql';

// Validation is not done with class-validator decorators here on purpose: type-graphql would turn
// them into top-level errors, while the API contract answers InvalidBillingProfile with one FieldError
// per problem. The documented rules live in partner-center/billing-profile.rules.ts; descriptions here
// say only what a source documents, and Partner Center judges the rest.

@InputType({
  description:
    'Changes to an address. An absent field keeps its value; null clears it. Only the fields you send are checked.',
})
export class AddressInput {
  @Field(() => String, {
    nullable: true,
    description: 'Two-letter ISO 3166-1 country code, e.g. US (cannot be cleared).',
  })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Region.' })
  region?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'City (required where the country rules say so).',
  })
  city?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'State code, at most 2 characters; required and from the country list where the country rules say so.',
  })
  state?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'First address line, 1-200 characters (cannot be cleared).',
  })
  addressLine1?: string | null;

  @Field(() => String, { nullable: true, description: 'Second address line, 0-200 characters.' })
  addressLine2?: string | null;

  @Field(() => String, { nullable: true, description: 'Third address line.' })
  addressLine3?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Postal code; required and in the country format where the country rules say so.',
  })
  postalCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact first name, 1-50 characters (cannot be cleared).',
  })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact middle name, 0-50 characters.' })
  middleName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact last name, 1-50 characters (cannot be cleared).',
  })
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone number, in the country format where the country rules give one. Some countries require one.',
  })
  phoneNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'District.' })
  district?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address of the contact.' })
  emailAddress?: string | null;
}

@InputType({
  description:
    'A patch of a billing profile. An absent field keeps its current value; null clears it. Only the fields you send are checked.',
})
export class UpdateBillingProfileInput {
  @Field(() => ID, { description: 'The customer tenant id (a GUID).' })
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Email address (cannot be cleared).',
  })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Culture name such as en-US, in any case (cannot be cleared).',
  })
  culture?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Two-letter language code such as en.',
  })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Company name (cannot be cleared).',
  })
  companyName?: string | null;

  @Field(() => AddressInput, {
    nullable: true,
    description: 'Changes to the default address, merged field by field into the current one.',
  })
  defaultAddress?: AddressInput | null;
}
