import { createUnionType, Field, ObjectType } from 'type-graphql';

import { CustomerBillingProfile } from './billing-profile.type';

@ObjectType({
  simpleResolvers: true,
  description: 'The update was stored; this is the profile with its new etag.',
})
export class BillingProfileUpdated {
  @Field(() => CustomerBillingProfile, { description: 'The updated profile.' })
  billingProfile!: CustomerBillingProfile;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Someone changed the profile since you read it. Nothing was written: review `current` and retry with its etag.',
})
export class EtagMismatch {
  @Field(() => String, { description: 'What happened, for people.' })
  message!: string;

  @Field(() => String, { description: 'The etag of the current profile.' })
  currentEtag!: string;

  @Field(() => CustomerBillingProfile, { description: 'The profile as it is now.' })
  current!: CustomerBillingProfile;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One problem with one input field.',
})
export class FieldError {
  @Field(() => [String], {
    description: 'Path of the field in the input, e.g. ["defaultAddress", "postalCode"].',
  })
  path!: string[];

  @Field(() => String, { description: 'What is wrong, for people.' })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The input breaks Partner Center rules. Nothing was written.',
})
export class InvalidBillingProfile {
  @Field(() => String, { description: 'Summary, for people.' })
  message!: string;

  @Field(() => [FieldError], { description: 'One entry per problem.' })
  fieldErrors!: FieldError[];
}

export const UpdateBillingProfileResult = createUnionType({
  name: 'UpdateBillingProfileResult',
  description:
    'The outcome of updateBillingProfile. Errors outside these outcomes are top-level errors.',
  types: () => [BillingProfileUpdated, EtagMismatch, InvalidBillingProfile] as const,
  resolveType: (value) => resolveUpdateBillingProfileResult(value),
});

/** The union member of an outcome; synchronous, so compiled execution can use it as it is. */
export function resolveUpdateBillingProfileResult(value: unknown): string {
  if (value instanceof BillingProfileUpdated) {
    return 'BillingProfileUpdated';
  }
  if (value instanceof EtagMismatch) {
    return 'EtagMismatch';
  }
  return 'InvalidBillingProfile';
}
