export { CustomerResolver } from './customer.resolver';
export { resolveCustomerReference } from './customer.reference';
export { Customer } from './customer.type';
