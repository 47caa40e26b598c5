import type { IncomingMessage } from 'node:http';

import {
  COUNTRY_CODE_PATTERN,
  HEADER,
  UPSTREAM_CODE,
  fromIfMatch,
  isGuid,
} from '../partner-center/partner-center.contract';
import { isJsonObject } from '../partner-center/partner-center.dto';
import { reviewPut, toPascalPath, toStoredResource } from './emulator-body';
import { CONTINUATION_TOKEN_HEADER, type CollectionDto, type CustomerDto } from './emulator-dto';
import { errorAnswer, header, json, type Answer } from './emulator-http';
import { COUNTRY_RULES } from './country-rules-data';
import type { RememberedAnswers } from './emulator-request-ids';
import type { EmulatorStore } from './emulator-store';

/** One authenticated, admitted API request. */
export interface Call {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** The partner the call is counted and remembered under (its bearer token). */
  partner: string;
  body: string;
}

const CUSTOMERS_PATH = /^\/v1\/customers\/?$/i;
const CUSTOMER_PATH = /^\/v1\/customers\/([^/]+)\/?$/i;
const BILLING_PATH = /^\/v1\/customers\/([^/]+)\/profiles\/billing\/?$/i;
const COUNTRY_RULES_PATH = /^\/v1\/countryvalidationrules\/([^/]+)\/?$/i;
const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 500;

/** The Partner Center endpoints of the contract, over the store; paths match case-insensitively. */
export function createRoutes(store: EmulatorStore, remembered: RememberedAnswers) {
  async function route(call: Call): Promise<Answer> {
    const { pathname } = call.url;
    let match: RegExpExecArray | null;
    if (CUSTOMERS_PATH.test(pathname)) {
      return call.method === 'GET' ? listCustomers(call) : notAllowed('GET');
    }
    if ((match = BILLING_PATH.exec(pathname))) {
      const id = decodeSegment(match[1] ?? '');
      if (call.method === 'GET') {
        return withCustomer(id, () => json(200, store.getProfile(id)));
      }
      if (call.method === 'PUT') {
        return withCustomer(id, () => idempotent(call, id, () => putProfile(call, id)));
      }
      return notAllowed('GET, PUT');
    }
    if ((match = COUNTRY_RULES_PATH.exec(pathname))) {
      return call.method === 'GET'
        ? countryRules(decodeSegment(match[1] ?? ''))
        : notAllowed('GET');
    }
    if ((match = CUSTOMER_PATH.exec(pathname))) {
      const id = decodeSegment(match[1] ?? '');
      return call.method === 'GET'
        ? withCustomer(id, () => json(200, store.getCustomer(id)))
        : notAllowed('GET');
    }
    return errorAnswer(404, UPSTREAM_CODE.notFound, 'The requested resource was not found.');
  }

  function withCustomer(
    id: string,
    then: () => Answer | Promise<Answer>,
  ): Answer | Promise<Answer> {
    if (!isGuid(id)) {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The customer tenant id must be a GUID.');
    }
    if (!store.has(id)) {
      return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    }
    return then();
  }

  function idempotent(call: Call, customerId: string, run: () => Answer): Promise<Answer> {
    const requestId = header(call.req, HEADER.requestId);
    if (!requestId) {
      return Promise.resolve(run());
    }
    // Scoped to the customer too: a reused MS-RequestId must never replay another customer's answer.
    const key = `${call.partner}\n${customerId.toLowerCase()}\n${requestId.toLowerCase()}`;
    return remembered.recall(key) ?? remembered.remember(key, Promise.resolve(run()));
  }

  function putProfile(call: Call, id: string): Answer {
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.body);
    } catch {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The request body is not valid JSON.');
    }
    if (!isJsonObject(parsed)) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidInput,
        'The request body must be a JSON object.',
      );
    }
    const candidate = toStoredResource(parsed);
    const stored = store.getStoredProfile(id) ?? { id: '' };
    // The etag may come as If-Match (quoted or bare), in Attributes.Etag as the SDK sends it, or both;
    // each one given must be current.
    const etags: string[] = [];
    const ifMatch = header(call.req, HEADER.ifMatch);
    if (ifMatch !== undefined) {
      etags.push(fromIfMatch(ifMatch) ?? '');
    }
    const attributes = candidate.attributes;
    if (isJsonObject(attributes) && typeof attributes.etag === 'string') {
      etags.push(attributes.etag);
    }
    if (etags.length === 0) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidInput,
        'An etag is required: send If-Match or Attributes.Etag.',
      );
    }
    const current = store.getProfile(id)?.attributes.etag;
    if (etags.some((etag) => etag !== current)) {
      return staleEtag();
    }

    const review = reviewPut(stored, candidate);
    if (
      typeof candidate.id !== 'string' ||
      candidate.id.toLowerCase() !== stored.id.toLowerCase()
    ) {
      review.problems.unshift({
        path: ['id'],
        message: 'must be the id of the current billing profile',
      });
    }
    if (review.problems.length > 0) {
      const data = review.problems.map((p) => ({
        field: toPascalPath(p.path),
        message: `${toPascalPath(p.path)} ${p.message}.`,
      }));
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidProperty,
        `The billing profile is invalid: ${data.map((d) => d.message).join(' ')}`,
        { data },
      );
    }
    if (review.phoneMissingIn !== undefined) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.phoneNumberMissing,
        `Customer phone number is missing: a phone number is required in ${review.phoneMissingIn}.`,
      );
    }
    const outcome = store.replaceProfile(id, etags, candidate);
    switch (outcome.kind) {
      case 'updated':
        return json(200, outcome.profile);
      case 'etag-mismatch':
        return staleEtag();
      case 'not-found':
        return errorAnswer(404, UPSTREAM_CODE.tenantNotFound, 'Tenant not found.');
    }
  }

  function countryRules(code: string): Answer {
    if (!COUNTRY_CODE_PATTERN.test(code)) {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The country code must be two letters.');
    }
    const rules = COUNTRY_RULES.get(code.toUpperCase());
    return rules
      ? json(200, { ...rules, attributes: { objectType: 'CountryValidationRules' } })
      : errorAnswer(404, UPSTREAM_CODE.notFound, 'No validation rules for this country.');
  }

  function listCustomers(call: Call): Answer {
    const sizeParam = call.url.searchParams.get('size');
    const size = sizeParam === null ? DEFAULT_PAGE_SIZE : Number(sizeParam);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return errorAnswer(
        400,
        UPSTREAM_CODE.invalidInput,
        `size must be an integer from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    const token = header(call.req, CONTINUATION_TOKEN_HEADER);
    const decoded =
      token === undefined
        ? '0'
        : /^[A-Za-z0-9_-]+$/.test(token)
          ? Buffer.from(token, 'base64url').toString()
          : '';
    const offset = /^\d+$/.test(decoded) ? Number(decoded) : -1;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      return errorAnswer(400, UPSTREAM_CODE.invalidInput, 'The continuation token is not valid.');
    }
    const all = store.listCustomers();
    const items = all.slice(offset, offset + size);
    const next = offset + size < all.length;
    const body: CollectionDto<CustomerDto> = {
      totalCount: items.length,
      items,
      links: {
        self: { uri: `/v1/customers?size=${size}`, method: 'GET', headers: [] },
        ...(next
          ? {
              next: {
                uri: `/v1/customers?size=${size}&seekOperation=next`,
                method: 'GET',
                headers: [
                  {
                    key: 'MS-ContinuationToken',
                    value: Buffer.from(String(offset + size)).toString('base64url'),
                  },
                ],
              },
            }
          : {}),
      },
      attributes: { objectType: 'Collection' },
    };
    return json(200, body);
  }

  return route;
}

function decodeSegment(segment: string): string {
  // Malformed percent-encoding is just an id that is not a GUID (400), not a server error.
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// The error-codes page documents a stale etag as 400 with code 2055.
function staleEtag(): Answer {
  return errorAnswer(400, UPSTREAM_CODE.etagInvalid, 'Etag is no longer valid.');
}

function notAllowed(allow: string): Answer {
  return errorAnswer(405, UPSTREAM_CODE.invalidInput, 'Method not allowed.', {
    headers: { allow },
  });
}
