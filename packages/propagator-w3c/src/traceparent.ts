/**
 * The `traceparent` header (W3C-TC §traceparent Header), parsed by position — the grammar is fixed
 * width, so no regular expression and no split are needed:
 *
 *   version "-" trace-id "-" parent-id "-" trace-flags
 *   2HEXDIG     32HEXDIG     16HEXDIG       2HEXDIG          (lowercase hex only)
 */
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

/**
 * Lowercase hex digit value for every UTF-16 code unit, -1 for anything else. Why not
 * `readHexId` from @baton/internal: this is the hottest loop of every request, over fixed
 * positions. Indexing a full 64K table by charCodeAt needs no range branch, and OR-ing the values
 * checks "all hex" (a -1 makes the result negative) and "not all zero" (the result is > 0) in one
 * accumulator — about twice as fast as the general helper in bench/ (see README).
 */
const HEX = new Int8Array(0x10000).fill(-1);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x61 + c] = 10 + c;

/** OR of the digit values of s[start, end): < 0 when a char is not lowercase hex, 0 when all zero. */
function hexOr(s: string, start: number, end: number): number {
  let acc = 0;
  for (let i = start; i < end; i++) acc |= HEX[s.charCodeAt(i)];
  return acc;
}

export interface TraceParent {
  traceId: string;
  spanId: string;
  /** Only the known flags (sampled, random); reserved bits are cleared. */
  traceFlags: number;
}

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Parses a traceparent value, or returns undefined when it is invalid.
 *
 * - Leading and trailing OWS (spaces, tabs) are ignored (RFC 9110 §5.5; the W3C suite sends
 *   "\t 00-…-01 \t").
 * - Version ff is invalid; version 00 must be exactly 55 chars (W3C-TC §Versioning: "version 00
 *   ... MUST NOT have any trailing characters").
 * - A higher version is parsed as version 00 at the fixed positions; after the flags there must be
 *   the end or "-" (W3C-TC §Versioning of traceparent).
 * - Ids must be lowercase hex and not all zero (W3C-TC §trace-id, §parent-id).
 */
export function parseTraceParent(value: string): TraceParent | undefined {
  let start = 0;
  let end = value.length;
  if (end > TRACE_PARENT_MAX_LENGTH) return undefined;
  if (end !== TRACE_PARENT_LENGTH) {
    while (start < end && isOws(value.charCodeAt(start))) start++;
    while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  }
  const length = end - start;
  if (length < TRACE_PARENT_LENGTH) return undefined;

  const version = (HEX[value.charCodeAt(start)] << 4) | HEX[value.charCodeAt(start + 1)];
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
    (HEX[value.charCodeAt(start + FLAGS_START)] << 4) |
    HEX[value.charCodeAt(start + FLAGS_START + 1)];
  if (flags < 0) return undefined;
  if (hexOr(value, start + TRACE_ID_START, start + TRACE_ID_END) <= 0) return undefined;
  if (hexOr(value, start + SPAN_ID_START, start + SPAN_ID_END) <= 0) return undefined;
  return {
    traceId: value.slice(start + TRACE_ID_START, start + TRACE_ID_END),
    spanId: value.slice(start + SPAN_ID_START, start + SPAN_ID_END),
    traceFlags: flags & KNOWN_FLAGS,
  };
}

/** A lowercase hex id of `width` chars, not all zero. */
function isId(id: unknown, width: number): id is string {
  return typeof id === 'string' && id.length === width && hexOr(id, 0, width) > 0;
}

/** `id` lowercased when that makes it valid (slow path: ids from code, not from a header). */
function lowercased(id: unknown, width: number): string | undefined {
  if (typeof id !== 'string') return undefined;
  const lower = id.toLowerCase();
  return isId(lower, width) ? lower : undefined;
}

const FLAG_DIGITS = ['00', '01', '02', '03'];

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
  const t = isId(traceId, 32) ? traceId : lowercased(traceId, 32);
  if (t === undefined) return undefined;
  const s = isId(spanId, 16) ? spanId : lowercased(spanId, 16);
  if (s === undefined) return undefined;
  return VERSION_00 + '-' + t + '-' + s + '-' + FLAG_DIGITS[traceFlags & KNOWN_FLAGS];
}
