/**
 * The `ot-tracer-*` values → ids and the sampling decision (REQUIREMENTS §12: "ot-tracer-traceid
 * (16 or 32 hex), ot-tracer-spanid, ot-tracer-sampled"). Each value is capped at its longest valid
 * length before it is read; nothing is allocated but the ids the result keeps.
 */
import {
  equalsIgnoreAsciiCase,
  firstValue,
  readHexId,
  SPAN_ID_LENGTH,
  TRACE_ID_LENGTH,
} from '@baton/internal';
import { MAX_SAMPLED_LENGTH, TRACE_ID_64_LENGTH } from './constants';

export interface OTIds {
  traceId: string;
  spanId: string;
}

/** The ids, or undefined when either value is not exactly valid. */
export function parseOTIds(traceRaw: unknown, spanRaw: unknown): OTIds | undefined {
  // trace id: exactly 16 (a 64-bit OpenTracing id, left-padded to 32) or 32 lowercase hex, not
  // all zero. Lengths in between are not a width any OT tracer writes: rejected.
  const t = firstValue(traceRaw, TRACE_ID_LENGTH);
  if (t === undefined || (t.length !== TRACE_ID_LENGTH && t.length !== TRACE_ID_64_LENGTH))
    return undefined;
  const traceId = readHexId(t, 0, t.length, TRACE_ID_LENGTH, TRACE_ID_64_LENGTH);
  if (traceId === undefined) return undefined;
  // span id: exactly 16 lowercase hex, not all zero.
  const s = firstValue(spanRaw, SPAN_ID_LENGTH);
  const spanId = s === undefined ? undefined : readHexId(s, 0, s.length, SPAN_ID_LENGTH);
  return spanId === undefined ? undefined : { traceId, spanId };
}

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
