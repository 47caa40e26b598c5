export { CountryValidationRulesResolver } from './country-validation-rules.resolver';
