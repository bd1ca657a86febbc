/**
 * The `traceparent` header (W3C-TC §traceparent Header), parsed by position — the grammar is fixed
 * width, so no regular expression and no split are needed:
 *
 *   version "-" trace-id "-" parent-id "-" trace-flags
 *   2HEXDIG     32HEXDIG     16HEXDIG       2HEXDIG          (lowercase hex only)
 */
import { hexValue, readHexId, isValidTraceId, isValidSpanId } from '@baton/internal';
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

export interface TraceParent {
  traceId: string;
  spanId: string;
  /** Only the known flags (sampled, random); reserved bits are cleared. */
  traceFlags: number;
}

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Two lowercase hex digits at s[i], s[i+1] as a byte, or -1. */
function hexByte(s: string, i: number): number {
  const hi = hexValue(s.charCodeAt(i));
  const lo = hexValue(s.charCodeAt(i + 1));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
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
 */
export function parseTraceParent(value: string): TraceParent | undefined {
  let start = 0;
  let end = value.length;
  if (end > TRACE_PARENT_MAX_LENGTH) return undefined;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  const length = end - start;
  if (length < TRACE_PARENT_LENGTH) return undefined;

  const version = hexByte(value, start);
  if (version < 0 || version === 0xff) return undefined;
  if (
    version === 0
      ? length !== TRACE_PARENT_LENGTH
      : length > TRACE_PARENT_LENGTH && value.charCodeAt(start + TRACE_PARENT_LENGTH) !== DASH
  ) {
    return undefined;
  }
  if (
    value.charCodeAt(start + 2) !== DASH ||
    value.charCodeAt(start + TRACE_ID_END) !== DASH ||
    value.charCodeAt(start + SPAN_ID_END) !== DASH
  ) {
    return undefined;
  }
  const flags = hexByte(value, start + FLAGS_START);
  if (flags < 0) return undefined;
  const traceId = readHexId(value, start + TRACE_ID_START, start + TRACE_ID_END, 32);
  if (traceId === undefined) return undefined;
  const spanId = readHexId(value, start + SPAN_ID_START, start + SPAN_ID_END, 16);
  if (spanId === undefined) return undefined;
  return { traceId, spanId, traceFlags: flags & KNOWN_FLAGS };
}

/** `id` lowercased when that makes it valid (slow path: ids from code, not from a header). */
function lowercased(id: unknown, isValid: (s: string) => boolean): string | undefined {
  if (typeof id !== 'string') return undefined;
  const lower = id.toLowerCase();
  return isValid(lower) ? lower : undefined;
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
  const t = isValidTraceId(traceId) ? traceId : lowercased(traceId, isValidTraceId);
  if (t === undefined) return undefined;
  const s = isValidSpanId(spanId) ? spanId : lowercased(spanId, isValidSpanId);
  if (s === undefined) return undefined;
  return VERSION_00 + '-' + t + '-' + s + '-' + FLAG_DIGITS[traceFlags & KNOWN_FLAGS];
}
