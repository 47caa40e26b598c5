export { BillingProfileResolver } from './billing-profile.resolver';
export {
  BillingProfileUpdated,
  EtagMismatch,
  FieldError,
  InvalidBillingProfile,
} from './billing-profile-result.type';
