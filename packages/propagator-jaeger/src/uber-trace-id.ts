/**
 * The `uber-trace-id` value: `{trace-id}:{span-id}:{parent-span-id}:{flags}` (REQUIREMENTS §5).
 *
 * Parsed with index arithmetic: find the three colons, then read each field in place. No split(),
 * no regular expression, and the only strings allocated are the ids the result keeps.
 */
import {
  hexOr,
  hexValue,
  isLowerHex,
  percentDecode,
  readHexId,
  SPAN_ID_LENGTH,
  TRACE_ID_LENGTH,
} from '@baton/internal';
import { FLAG_DEBUG, FLAG_SAMPLED, MAX_PARENT_ID_LENGTH } from './constants';

export interface UberTraceId {
  traceId: string;
  spanId: string;
  sampled: boolean;
  /** Debug (0x02), kept only together with sampled (0x01). */
  debug: boolean;
}

/** Field positions of the usual, full-width value `{32}:{16}:...`: the colons after the ids. */
const FULL_TRACE_END = 32; // TRACE_ID_LENGTH
const FULL_SPAN_END = 49; // FULL_TRACE_END + 1 + SPAN_ID_LENGTH
const COLON = 0x3a;

/**
 * Parses a (possibly URL-encoded) `uber-trace-id` value; undefined for anything not exactly valid.
 * The caller has already rejected values longer than MAX_UBER_TRACE_ID_LENGTH.
 */
export function parseUberTraceId(raw: string): UberTraceId | undefined {
  return parseFullWidth(raw) ?? parseGeneral(raw);
}

/**
 * The fast path for what Jaeger clients and OpenTelemetry send: full-width ids, colons at 32 and
 * 49, nothing encoded. No indexOf over the value: the two id fields are read in place, the short
 * tail (`{parent}:{flags}`) in one loop. It accepts only values in which every char is lowercase
 * hex or one of exactly three colons — so there is nothing to percent-decode and the general path
 * would give the same result. Anything else (short ids, `%3A`, any defect) returns undefined and
 * goes to the general path, which decides. The short tail is checked before the 48 id digits, so
 * a malformed tail costs little before the general path rejects it.
 * Exported for its tests only (test/fast-path.test.ts); not part of the package's API.
 */
export function parseFullWidth(s: string): UberTraceId | undefined {
  const n = s.length;
  if (
    n < FULL_SPAN_END + 4 ||
    s.charCodeAt(FULL_TRACE_END) !== COLON ||
    s.charCodeAt(FULL_SPAN_END) !== COLON
  )
    return undefined;
  // Tail: parent (1–16 hex), ':', flags (1–2 hex), end.
  const parentStart = FULL_SPAN_END + 1;
  let c3 = -1;
  for (let i = parentStart; i < n; i++) {
    if (s.charCodeAt(i) === COLON) {
      c3 = i;
      break;
    }
  }
  // No colon (c3 = -1): isLowerHex rejects the range, which ends before it starts.
  if (c3 - parentStart > MAX_PARENT_ID_LENGTH || !isLowerHex(s, parentStart, c3)) return undefined;
  const flags = readFlags(s, c3 + 1);
  if (flags < 0) return undefined;
  // Ids: all lowercase hex and not all zero (hexOr > 0).
  if (hexOr(s, 0, FULL_TRACE_END) <= 0 || hexOr(s, FULL_TRACE_END + 1, FULL_SPAN_END) <= 0)
    return undefined;
  const sampled = (flags & FLAG_SAMPLED) !== 0;
  return {
    traceId: s.slice(0, FULL_TRACE_END),
    spanId: s.slice(FULL_TRACE_END + 1, FULL_SPAN_END),
    sampled,
    debug: sampled && (flags & FLAG_DEBUG) !== 0,
  };
}

/**
 * Every other shape: decode first, then find the three colons and read each field.
 * Exported for its tests only (test/fast-path.test.ts); not part of the package's API.
 */
export function parseGeneral(raw: string): UberTraceId | undefined {
  let s = raw;
  // "the whole value may be URL-encoded (%3A) — decode first". Most values are not encoded, so
  // look for '%' before paying for decodeURIComponent.
  if (s.indexOf('%') !== -1) {
    const decoded = percentDecode(s, false);
    if (decoded === undefined) return undefined;
    s = decoded;
  }

  // Exactly four fields: three colons. A missing colon is caught by the next search: with no first
  // colon (c1 = -1) the second search starts at 0 and finds none either; with no third (c3 = -1)
  // the last search starts at 0 and finds the first colon.
  const c1 = s.indexOf(':');
  const c2 = s.indexOf(':', c1 + 1);
  if (c2 === -1) return undefined;
  const c3 = s.indexOf(':', c2 + 1);
  if (s.indexOf(':', c3 + 1) !== -1) return undefined;

  // trace-id: 1–32 lowercase hex, left-padded ("leading zeros stripped" by Jaeger clients).
  const traceId = readHexId(s, 0, c1, TRACE_ID_LENGTH, 1);
  if (traceId === undefined) return undefined;
  // span-id: 1–16 lowercase hex, left-padded.
  const spanId = readHexId(s, c1 + 1, c2, SPAN_ID_LENGTH, 1);
  if (spanId === undefined) return undefined;
  // parent-span-id: deprecated and ignored, but it must still be a 64-bit hex number (often "0"),
  // as Jaeger's own clients require.
  if (c3 - c2 - 1 > MAX_PARENT_ID_LENGTH || !isLowerHex(s, c2 + 1, c3)) return undefined;

  // flags: one or two hex digits; unreadable flags make the header invalid (never "sampled").
  const flags = readFlags(s, c3 + 1);
  if (flags < 0) return undefined;
  const sampled = (flags & FLAG_SAMPLED) !== 0;
  return { traceId, spanId, sampled, debug: sampled && (flags & FLAG_DEBUG) !== 0 };
}

/** The value of the one- or two-digit lowercase hex field s[start, end of string), or -1. */
function readFlags(s: string, start: number): number {
  const n = s.length - start;
  if (n === 1) return hexValue(s.charCodeAt(start));
  if (n !== 2) return -1;
  // hexValue is -1 for a non-digit, and the result is then negative: -1 << 4 is -16, and x | -1
  // is -1. Both digits valid: 0..255.
  return (hexValue(s.charCodeAt(start)) << 4) | hexValue(s.charCodeAt(start + 1));
}

/**
 * The tail after `{trace}:{span}`: the parent span id (always 0) and the flags, both written as the
 * official package writes them — flags as two hex digits (`01`), so a service that swaps packages
 * sends the same bytes for valid input (drop-in decision; Jaeger reads one or two digits).
 * Only Jaeger's meaning of the bits is written: sampled, and debug (with sampled). The W3C random
 * bit (0x02 in W3C trace-flags) is never copied, because 0x02 means debug in Jaeger.
 * Precomputed, so inject concatenates three strings and computes nothing.
 */
export const SUFFIX_NOT_SAMPLED = ':0:00';
export const SUFFIX_SAMPLED = ':0:01';
export const SUFFIX_DEBUG = ':0:03';

/** Formats `{32}:{16}:0:{01|00|03}`; `suffix` is one of the SUFFIX_ constants. */
export function formatUberTraceId(traceId: string, spanId: string, suffix: string): string {
  return traceId + ':' + spanId + suffix;
}
