/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context-1/) for a gateway that records no spans of
 * its own: the caller's `traceparent` and `tracestate` are passed on to Partner Center unchanged
 * ("forwarding a trace": a vendor receiving them MUST send them to outgoing requests, and MAY only
 * mutate them when it takes part in the trace). Only a `traceparent` that parses is forwarded, and
 * `tracestate` only with one (§3.3: a vendor that cannot parse traceparent MUST NOT use tracestate),
 * so what a caller puts there cannot reach Partner Center otherwise. Pure: no I/O, no OpenTelemetry.
 */

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

// version-traceid-parentid-flags, lowercase hex (§3.2.2); a later version may append "-..." fields.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-[^\s]*)?$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_PARENT_ID = '0'.repeat(16);
/** Longest traceparent forwarded: version 00 is exactly 55 characters; later versions may add some. */
const MAX_TRACEPARENT_LENGTH = 256;
/** What §3.3.1.5 asks vendors to propagate at least; longer lists are not forwarded at all. */
export const MAX_TRACESTATE_LENGTH = 512;
// list-members separated by commas: keys, '=', and printable ASCII values (§3.3.1.3), spaces and tabs.
const TRACESTATE = /^[\x20-\x7e\t]*$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
}

/** The caller's traceparent when it parses (§3.2 and §4.3 rules), else undefined. */
export function validTraceparent(header: string | string[] | undefined): string | undefined {
  const value = single(header)?.trim();
  if (value === undefined || value.length > MAX_TRACEPARENT_LENGTH) {
    return undefined;
  }
  const match = TRACEPARENT.exec(value);
  if (match === null) {
    return undefined;
  }
  const [, version, traceId, parentId, rest] = match;
  // ff is forbidden; version 00 has exactly four fields; all-zero ids are invalid.
  if (
    version === 'ff' ||
    (version === '00' && rest !== undefined) ||
    traceId === ZERO_TRACE_ID ||
    parentId === ZERO_PARENT_ID
  ) {
    return undefined;
  }
  return value;
}

/**
 * The caller's tracestate, to forward beside a valid traceparent: several headers are one list
 * (§3.3.1.1, joined with commas); one that is too long or holds control characters is dropped.
 */
export function validTracestate(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header.join(',') : header)?.trim();
  if (!value || value.length > MAX_TRACESTATE_LENGTH || !TRACESTATE.test(value)) {
    return undefined;
  }
  return value;
}
