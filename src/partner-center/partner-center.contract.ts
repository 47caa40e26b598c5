/**
 * The Partner Center REST contract in one place (../shared/docs/partner-center-contract.md):
 * base URLs, headers, error codes and the billing-profile property rules. The emulator enforces these
 * rules and the gateway validates against the same table before it calls upstream, so the two agree.
 * Every "Choice" of the contract document is marked here too.
 */

export const PARTNER_CENTER_CLOUDS = {
  global: 'https://api.partnercenter.microsoft.com',
  usgov: 'https://api.partnercenter.microsoft.com',
  china: 'https://partner.partnercenterapi.microsoftonline.cn',
} as const;

export type PartnerCenterCloud = keyof typeof PARTNER_CENTER_CLOUDS;

export const HEADER = {
  authorization: 'authorization',
  accept: 'accept',
  contentType: 'content-type',
  contractVersion: 'ms-contract-version',
  requestId: 'ms-requestid',
  correlationId: 'ms-correlationid',
  ifMatch: 'if-match',
  application: 'ms-partnercenter-application',
  locale: 'x-locale',
  retryAfter: 'retry-after',
  continuationToken: 'ms-continuationtoken',
} as const;

/** Partner Center error `code` values (strings, although numeric). */
export const UPSTREAM_CODE = {
  accessDenied: '400',
  notFound: '1000',
  invalidProperty: '3000',
  etagInvalid: '2055',
  tenantNotFound: '60003',
  invalidInput: '800002',
  unexpected: '800003',
  throttled: '800060',
} as const;

export const ERROR_SOURCE = 'PartnerFD';

/** An upstream 4xx/5xx body. `description` is at most 1024 characters. */
export interface PartnerCenterErrorBody {
  code: string;
  description: string;
  data?: { field: string; message: string }[];
  source: string;
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** RFC 6750 `"Bearer" 1*SP b64token`; the scheme name is case-insensitive (RFC 9110 11.1). */
export const BEARER_PATTERN = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

export const BILLING_PROFILE_OBJECT_TYPE = 'CustomerBillingProfile';
