/**
 * The `b3` single header, parsed with index arithmetic (no regex, no split).
 *
 * B3: `b3: {TraceId}-{SpanId}-{SamplingState}-{ParentSpanId}`, "the last two fields are optional".
 * REQUIREMENTS §4: trace id 16 (left-pad to 32) or 32 lowercase hex; span id 16. Reject other lengths,
 * uppercase, non-hex, all-zero, trailing `-`, more than 4 fields, a traceparent-shaped value.
 * Decision: `{t}-{s}-{parent16}` (no sampling field) → deferred (Brave).
 *
 * Every valid value has one of these shapes, so the parser dispatches on the length left after the
 * span id instead of searching for dashes:
 *
 *   {s}                         1 char: sampling only (`0`, `1`, `d`)
 *   {t}-{s}                     rest 0          → deferred
 *   {t}-{s}-{state}             rest 2          → state
 *   {t}-{s}-{parent}            rest 17         → deferred (Brave)
 *   {t}-{s}-{state}-{parent}    rest 19         → state
 */
import { hexOr, readHexId, isLowerHex, SPAN_ID_LENGTH, TRACE_ID_LENGTH } from '@baton/internal';
import { B3_MAX_LENGTH, TRACE_ID_64_LENGTH } from './constants';
import { SAMPLING_ONLY, type B3Parsed } from './parsed';
import type { B3SamplingState } from './sampling-state';

const DASH = 0x2d;
const ZERO = 0x30;
const ONE = 0x31;
const LOWER_D = 0x64;

/** B3 `SamplingState`: `0` deny, `1` accept, `d` debug; anything else is not a sampling state. */
function samplingState(code: number): B3SamplingState | undefined {
  if (code === ONE) return 'accept';
  if (code === ZERO) return 'deny';
  if (code === LOWER_D) return 'debug';
  return undefined;
}

// `{t32}-{s16}-{state}` and the same with `-{p16}`: lengths and the positions of their parts.
const FULL_WITH_STATE = TRACE_ID_LENGTH + 1 + SPAN_ID_LENGTH + 2; // 51
const FULL_WITH_PARENT = FULL_WITH_STATE + 1 + SPAN_ID_LENGTH; // 68
const SPAN_START = TRACE_ID_LENGTH + 1; // 33
const SPAN_END = SPAN_START + SPAN_ID_LENGTH; // 49
const PARENT_START = FULL_WITH_STATE + 1; // 52

/**
 * `{t32}-{s16}-{state}[-{p16}]` (n is 51 or 68, the dash at 32 checked). Same answers as the general
 * path: ids lowercase hex and not all zero, the parent lowercase hex, nothing else.
 */
function parseFullWidth(s: string, n: number): B3Parsed | undefined {
  if (s.charCodeAt(SPAN_END) !== DASH) return undefined;
  const state = samplingState(s.charCodeAt(SPAN_END + 1));
  if (state === undefined) return undefined;
  // Not hex, or all zero: each id is rejected before the next is read.
  if (hexOr(s, 0, TRACE_ID_LENGTH) <= 0 || hexOr(s, SPAN_START, SPAN_END) <= 0) return undefined;
  if (n === FULL_WITH_PARENT) {
    if (s.charCodeAt(FULL_WITH_STATE) !== DASH || hexOr(s, PARENT_START, n) < 0) return undefined;
  }
  return { traceId: s.slice(0, TRACE_ID_LENGTH), spanId: s.slice(SPAN_START, SPAN_END), state };
}

/** Parses a `b3` value; undefined when it is not valid B3 (the caller then falls back to multi). */
export function parseB3Single(s: string): B3Parsed | undefined {
  const n = s.length;
  if (n > B3_MAX_LENGTH) return undefined;
  if (n === 1) {
    const state = samplingState(s.charCodeAt(0));
    return state === undefined ? undefined : SAMPLING_ONLY[state];
  }

  // The usual shapes with a 128-bit trace id — `{t32}-{s16}-{state}` and `{t32}-{s16}-{state}-{p16}` —
  // checked at fixed positions in one pass over the hex (the general path below handles the rest).
  if ((n === FULL_WITH_STATE || n === FULL_WITH_PARENT) && s.charCodeAt(TRACE_ID_LENGTH) === DASH) {
    return parseFullWidth(s, n);
  }

  // The trace id ends at the first dash, which must be at 16 or 32: a traceparent (`00-…`) fails here.
  let traceEnd: number;
  if (s.charCodeAt(TRACE_ID_64_LENGTH) === DASH) traceEnd = TRACE_ID_64_LENGTH;
  else if (s.charCodeAt(TRACE_ID_LENGTH) === DASH) traceEnd = TRACE_ID_LENGTH;
  else return undefined;
  const traceId = readHexId(s, 0, traceEnd, TRACE_ID_LENGTH, TRACE_ID_64_LENGTH);
  if (traceId === undefined) return undefined;

  const spanStart = traceEnd + 1;
  const spanEnd = spanStart + SPAN_ID_LENGTH;
  if (spanEnd > n) return undefined;
  const spanId = readHexId(s, spanStart, spanEnd, SPAN_ID_LENGTH);
  if (spanId === undefined) return undefined;

  const rest = n - spanEnd;
  if (rest === 0) return { traceId, spanId, state: 'deferred' };
  if (s.charCodeAt(spanEnd) !== DASH) return undefined;
  let state: B3SamplingState | undefined;
  if (rest === 2) {
    state = samplingState(s.charCodeAt(spanEnd + 1));
  } else if (rest === SPAN_ID_LENGTH + 1) {
    // `{t}-{s}-{parent}`: the parent is checked for shape only; B3 never uses it (nor does OTel).
    if (isLowerHex(s, spanEnd + 1, n)) state = 'deferred';
  } else if (rest === SPAN_ID_LENGTH + 3) {
    if (s.charCodeAt(spanEnd + 2) === DASH && isLowerHex(s, spanEnd + 3, n)) {
      state = samplingState(s.charCodeAt(spanEnd + 1));
    }
  }
  // Any other length: trailing `-`, a short or long parent, a fifth field.
  return state === undefined ? undefined : { traceId, spanId, state };
}
