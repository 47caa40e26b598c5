import { Field, ID, InputType } from 'type-graphql';

// Validation is not done with class-validator decorators here on purpose: type-graphql would turn
// them into top-level errors, while the API contract answers InvalidBillingProfile with one FieldError
// per problem. The rules live once in partner-center/billing-profile.rules.ts, shared with the emulator.

@InputType({
  description:
    'Changes to an address. An absent field keeps its value; an explicit null clears an optional field.',
})
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. US.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Region.' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'City (required on an address).' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'State code, at most 2 characters.' })
  state?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'First address line (required, 1-200 characters).',
  })
  addressLine1?: string | null;

  @Field(() => String, { nullable: true, description: 'Second address line (0-200 characters).' })
  addressLine2?: string | null;

  @Field(() => String, { nullable: true, description: 'Third address line (0-200 characters).' })
  addressLine3?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Postal code (1-20 characters; required where the country uses postal codes).',
  })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact first name (1-50 characters).' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact last name (1-50 characters).' })
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone number; mandatory in AM, AZ, BY, HU, KZ, KG, MD, RU, TJ, UZ, UA, IN, BR, ZA, PL, AE, SA, TR, TH, VN, MM, IQ, SS, VE.',
  })
  phoneNumber?: string | null;
}

@InputType({
  description:
    'A patch of a billing profile. An absent field keeps its current value; an explicit null clears an optional field.',
})
export class UpdateBillingProfileInput {
  @Field(() => ID, { description: 'The customer tenant id (a GUID).' })
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'First name (1-50 characters; required).' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Last name (1-50 characters; required).' })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address (required).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Culture name such as en-US (required).' })
  culture?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Two-letter language code such as en (required).',
  })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Company name (1-200 characters; required).',
  })
  companyName?: string | null;

  @Field(() => AddressInput, {
    nullable: true,
    description: 'Changes to the default address, merged field by field into the current one.',
  })
  defaultAddress?: AddressInput | null;
}
