import type { CountryValidationRulesDto } from '../partner-center/country-validation-rules.client';
import { CountryValidationRules } from './country-validation-rules.type';

/** Partner Center's rules -> the GraphQL type; absent properties become null. */
export function toCountryValidationRules(dto: CountryValidationRulesDto): CountryValidationRules {
  return Object.assign(new CountryValidationRules(), {
    iso2Code: dto.iso2Code,
    defaultCulture: dto.defaultCulture ?? null,
    isStateRequired: dto.isStateRequired ?? null,
    supportedStatesList: dto.supportedStatesList ?? null,
    supportedLanguagesList: dto.supportedLanguagesList ?? null,
    supportedCulturesList: dto.supportedCulturesList ?? null,
    isPostalCodeRequired: dto.isPostalCodeRequired ?? null,
    postalCodeRegex: dto.postalCodeRegex ?? null,
    isCityRequired: dto.isCityRequired ?? null,
    isVatIdSupported: dto.isVatIdSupported ?? null,
    taxIdFormat: dto.taxIdFormat ?? null,
    taxIdSample: dto.taxIdSample ?? null,
    vatIdRegex: dto.vatIdRegex ?? null,
    phoneNumberRegex: dto.phoneNumberRegex ?? null,
    isRegistrationNumberSupported: dto.isRegistrationNumberSupported ?? null,
    isTaxIdSupported: dto.isTaxIdSupported ?? null,
    isTaxIdOptional: dto.isTaxIdOptional ?? null,
    countryCallingCodesList: dto.countryCallingCodesList ?? null,
  });
}
