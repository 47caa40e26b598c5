/**
 * Shapes only the emulator serves (customer-resources): the gateway never reads customers or
 * collections, so these live here, apart from the Partner Center layer.
 */
import type { JsonObject } from '../partner-center/partner-center.dto';

export interface LinkDto {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

/** A billing profile as the emulator answers it: camelCase, any stored property, links and attributes. */
export type ProfileAnswerDto = JsonObject & {
  id: string;
  links: { self: LinkDto };
  attributes: { etag: string; objectType: string };
};

export interface CustomerDto {
  id: string;
  companyProfile: {
    tenantId: string;
    domain: string;
    companyName: string;
    attributes: { objectType: string };
  };
  billingProfile: ProfileAnswerDto;
  relationshipToPartner: string;
  links: { self: LinkDto };
  attributes: { objectType: 'Customer' };
}

export interface CollectionDto<T> {
  totalCount: number;
  items: T[];
  links: { self: LinkDto; next?: LinkDto };
  attributes: { objectType: 'Collection' };
}

/** Header carrying the next page's token of a customer collection. */
export const CONTINUATION_TOKEN_HEADER = 'ms-continuationtoken';
