import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({
  simpleResolvers: true,
  description: 'A Partner Center customer (a tenant the partner serves).',
})
export class Customer {
  @Field(() => ID, { description: 'The customer tenant id (a GUID, lower case).' })
  id!: string;
}

export function toCustomer(id: string): Customer {
  return Object.assign(new Customer(), { id: id.toLowerCase() });
}
