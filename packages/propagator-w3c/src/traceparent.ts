/**
 * The `traceparent` header (W3C-TC §traceparent Header), parsed by position — the grammar is fixed
 * width, so no regular expression and no split are needed:
 *
 *   version "-" trace-id "-" parent-id "-" trace-flags
 *   2HEXDIG     32HEXDIG     16HEXDIG       2HEXDIG          (lowercase hex only)
 */
// hexOr / hexValue: @baton/internal's 64K-table hex codec (one OR per char, no range branch).
import type { SpanContext } from '@opentelemetry/api';
import { hexOr, hexValue, isValidSpanId, isValidTraceId } from '@baton/internal';
import { KNOWN_FLAGS, TRACE_PARENT_LENGTH, TRACE_PARENT_MAX_LENGTH, VERSION_00 } from './constants';

const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;

// Field offsets inside a traceparent.
const TRACE_ID_START = 3;
const TRACE_ID_END = 35;
const SPAN_ID_START = 36;
const SPAN_ID_END = 52;
const FLAGS_START = 53;

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Parses a traceparent value into a remote SpanContext, or returns undefined when it is invalid.
 *
 * - Leading and trailing OWS (spaces, tabs) are ignored (RFC 9110 §5.5; the W3C suite sends
 *   "\t 00-…-01 \t").
 * - Version ff is invalid; version 00 must be exactly 55 chars (W3C-TC §Versioning: "version 00
 *   ... MUST NOT have any trailing characters").
 * - A higher version is parsed as version 00 at the fixed positions; after the flags there must be
 *   the end or "-" (W3C-TC §Versioning of traceparent).
 * - Ids must be lowercase hex and not all zero (W3C-TC §trace-id, §parent-id).
 */
export function parseTraceParent(value: string): SpanContext | undefined {
  let start = 0;
  let end = value.length;
  // Trimming only shortens: a value already shorter than a traceparent is rejected unread.
  if (end > TRACE_PARENT_MAX_LENGTH || end < TRACE_PARENT_LENGTH) return undefined;
  if (end !== TRACE_PARENT_LENGTH) {
    while (start < end && isOws(value.charCodeAt(start))) start++;
    while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  }
  const length = end - start;
  if (length < TRACE_PARENT_LENGTH) return undefined;

  const version = (hexValue(value.charCodeAt(start)) << 4) | hexValue(value.charCodeAt(start + 1));
  if (version < 0 || version === 0xff) return undefined;
  if (length > TRACE_PARENT_LENGTH) {
    if (version === 0 || value.charCodeAt(start + TRACE_PARENT_LENGTH) !== DASH) return undefined;
  }
  if (
    value.charCodeAt(start + 2) !== DASH ||
    value.charCodeAt(start + TRACE_ID_END) !== DASH ||
    value.charCodeAt(start + SPAN_ID_END) !== DASH
  ) {
    return undefined;
  }
  const flags =
    (hexValue(value.charCodeAt(start + FLAGS_START)) << 4) |
    hexValue(value.charCodeAt(start + FLAGS_START + 1));
  if (flags < 0) return undefined;
  if (hexOr(value, start + TRACE_ID_START, start + TRACE_ID_END) <= 0) return undefined;
  if (hexOr(value, start + SPAN_ID_START, start + SPAN_ID_END) <= 0) return undefined;
  // The remote SpanContext itself (one object: extract adds the tracestate to it, if any).
  // Only the known flags (sampled, random) are kept; reserved bits are cleared.
  return {
    traceId: value.slice(start + TRACE_ID_START, start + TRACE_ID_END),
    spanId: value.slice(start + SPAN_ID_START, start + SPAN_ID_END),
    traceFlags: flags & KNOWN_FLAGS,
    isRemote: true,
  };
}

/** `id` lowercased when that makes it valid (slow path: ids from code, not from a header). */
function lowercased(id: unknown, isValid: (id: unknown) => id is string): string | undefined {
  if (typeof id !== 'string') return undefined;
  const lower = id.toLowerCase();
  return isValid(lower) ? lower : undefined;
}

/**
 * `-{flags}` for each value of `flags & KNOWN_FLAGS`, and the `00-` prefix as one literal: each `+`
 * of a 55-char header makes a string of its own, so the header is built from four parts, not six.
 */
const FLAG_SUFFIXES = ['-00', '-01', '-02', '-03'];
const PREFIX_00 = VERSION_00 + '-';
const FLAGS_MASK = KNOWN_FLAGS;

/**
 * The traceparent to inject, or undefined when the ids are not valid.
 *
 * Always `00-{32}-{16}-{2}` in lowercase: reserved flag bits are cleared so the flags are always
 * two digits (core writes `-0{hex}`, i.e. three digits for flags ≥ 0x10 — an invalid header).
 * Ids in uppercase (accepted by the API's isSpanContextValid) are lowercased rather than sent
 * in a form every W3C parser rejects.
 */
export function formatTraceParent(
  traceId: unknown,
  spanId: unknown,
  traceFlags: number,
): string | undefined {
  const t = isValidTraceId(traceId) ? traceId : lowercased(traceId, isValidTraceId);
  if (t === undefined) return undefined;
  const s = isValidSpanId(spanId) ? spanId : lowercased(spanId, isValidSpanId);
  if (s === undefined) return undefined;
  return traceParentOf(t, s, traceFlags);
}

/** `00-{traceId}-{spanId}-{2 flag digits}` from ids already checked (valid, lowercase). */
export function traceParentOf(traceId: string, spanId: string, traceFlags: number): string {
  return PREFIX_00 + traceId + '-' + spanId + FLAG_SUFFIXES[traceFlags & FLAGS_MASK];
}
