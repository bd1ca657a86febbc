/**
 * The `ot-tracer-*` values → ids and the sampling decision (REQUIREMENTS §12: "ot-tracer-traceid
 * (16 or 32 hex), ot-tracer-spanid, ot-tracer-sampled"). Each value is capped at its longest valid
 * length before it is read; nothing is allocated but the ids the result keeps.
 */
import {
  equalsIgnoreAsciiCase,
  firstValue,
  hexOr,
  SPAN_ID_LENGTH,
  TRACE_ID_LENGTH,
} from '@baton/internal';
import { MAX_SAMPLED_LENGTH, PADDING_64, TRACE_ID_64_LENGTH } from './constants';

export interface OTIds {
  traceId: string;
  spanId: string;
}

/** The ids, or undefined when either value is not exactly valid. */
export function parseOTIds(traceRaw: unknown, spanRaw: unknown): OTIds | undefined {
  const traceId = parseTraceId(traceRaw);
  if (traceId === undefined) return undefined;
  const spanId = parseSpanId(spanRaw);
  return spanId === undefined ? undefined : { traceId, spanId };
}

/**
 * The trace id: exactly 16 (a 64-bit OpenTracing id, left-padded to 32) or 32 lowercase hex, not
 * all zero; undefined otherwise. Lengths in between are not a width any OT tracer writes: rejected.
 */
export function parseTraceId(traceRaw: unknown): string | undefined {
  const t = firstValue(traceRaw, TRACE_ID_LENGTH);
  if (t === undefined) return undefined;
  const n = t.length;
  if (n !== TRACE_ID_LENGTH && n !== TRACE_ID_64_LENGTH) return undefined;
  // The first 8 chars alone, then the rest: a value that is not hex at all is rejected after 8
  // chars instead of 32 (as the official package's regex stops at the first bad char), and a valid
  // one costs one more compare. The check stays in this package: @baton/internal's hexOr, on every
  // format's hot path, is left as it is (REQUIREMENTS §9 speed rows of the other formats).
  const head = hexOr(t, 0, HEAD_LENGTH);
  if (head < 0) return undefined;
  if ((head | hexOr(t, HEAD_LENGTH, n)) <= 0) return undefined; // not hex, or all zero
  return n === TRACE_ID_LENGTH ? t : PADDING_64 + t;
}

/** The span id: exactly 16 lowercase hex, not all zero; undefined otherwise. */
export function parseSpanId(spanRaw: unknown): string | undefined {
  const s = firstValue(spanRaw, SPAN_ID_LENGTH);
  if (s === undefined || s.length !== SPAN_ID_LENGTH) return undefined;
  const head = hexOr(s, 0, HEAD_LENGTH);
  if (head < 0) return undefined;
  return (head | hexOr(s, HEAD_LENGTH, SPAN_ID_LENGTH)) <= 0 ? undefined : s;
}

/** Chars checked before the rest of an id (both id lengths are multiples of it). */
const HEAD_LENGTH = 8;

/**
 * `ot-tracer-sampled`: `true` / `false` in any ASCII case (OpenTracing tracers write `true`; Go's
 * ParseBool also takes `TRUE`, `True`), `1` / `0` (as other OT tracers send); absent → not sampled
 * (the official package and Java). Decision: any other value makes the whole context invalid —
 * the rule B3's `x-b3-sampled` follows, and Go's — rather than being read as "not sampled".
 * Returns undefined for such a value.
 */
export function readSampled(raw: unknown): boolean | undefined {
  if (raw === undefined) return false;
  const v = firstValue(raw, MAX_SAMPLED_LENGTH);
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  if (equalsIgnoreAsciiCase(v, 'true')) return true;
  if (equalsIgnoreAsciiCase(v, 'false')) return false;
  return undefined;
}
