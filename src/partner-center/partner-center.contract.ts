/**
 * The Partner Center REST contract in one place (docs/partner-center-contract.md): base URLs, headers,
 * error codes and entity-tag handling. Every constant here has a source in that document.
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
} as const;

/** Partner Center error `code` values (strings, although numeric), from the error-codes page. */
export const UPSTREAM_CODE = {
  accessDenied: '400',
  notFound: '1000',
  invalidProperty: '3000',
  /** 400 "Etag is no longer valid": the documented stale-etag answer. */
  etagInvalid: '2055',
  tenantNotFound: '60003',
  /** 400 "customer phone number is missing". */
  phoneNumberMissing: '600051',
  invalidInput: '800002',
  unexpected: '800003',
  /** 409: an order is in progress for the customer. Not throttling (that is a 429 without a code). */
  orderInProgress: '800060',
} as const;

export const ERROR_SOURCE = 'PartnerFD';

/** An upstream 4xx/5xx body. `description` is at most 1024 characters; `data` has no documented shape. */
export interface PartnerCenterErrorBody {
  code: string;
  description: string;
  data?: unknown[];
  source: string;
}

/** The documented 429 body (api-throttling-guidance); it has no `code`. */
export interface ThrottledBody {
  statusCode: 429;
  message: string;
}

/** Longest documented error description. */
export const MAX_DESCRIPTION_LENGTH = 1024;

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** RFC 6750 `"Bearer" 1*SP b64token`; the scheme name is case-insensitive (RFC 9110 11.1). */
export const BEARER_PATTERN = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

export const BILLING_PROFILE_OBJECT_TYPE = 'CustomerBillingProfile';

/**
 * The If-Match value for an etag: the headers and test-and-debug pages show it in double quotes (an
 * RFC 9110 entity-tag). A value that already is a quoted or weak entity-tag is sent as it is.
 */
export function toIfMatch(etag: string): string {
  return /^(W\/)?".*"$/.test(etag) ? etag : `"${etag}"`;
}

/** The etag inside an If-Match value: quotes removed; a weak tag (W/"…") never matches (RFC 9110 13.1.1). */
export function fromIfMatch(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('W/')) {
    return undefined;
  }
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

/** `/^[A-Za-z]{2}$/`: the shape of an ISO 3166-1 alpha-2 code (utility-resources: "2 characters"). */
export const COUNTRY_CODE_PATTERN = /^[A-Za-z]{2}$/;
