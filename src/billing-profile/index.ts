export { BillingProfileResolver } from './billing-profile.resolver';
export {
  BillingProfileUpdated,
  EtagMismatch,
  FieldError,
  InvalidBillingProfile,
  resolveUpdateBillingProfileResult,
} from './billing-profile-result.type';
