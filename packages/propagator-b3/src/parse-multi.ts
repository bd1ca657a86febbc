/**
 * The `x-b3-*` multi headers, from the raw values a getter returned.
 *
 * B3: "The TraceId header is encoded as 32 or 16 lower-hex characters", "The SpanId header is encoded
 * as 16 lower-hex characters". REQUIREMENTS §4: "`x-b3-sampled` accepts `1`, `0`, `true`, `false`
 * (booleans case-insensitive); anything else invalidates the multi context. `x-b3-flags: 1` → debug +
 * sampled, even with `x-b3-sampled: 0`; other flags values ignored." `x-b3-parentspanid` is not read.
 */
import { firstValue, readHexId, SPAN_ID_LENGTH, TRACE_ID_LENGTH } from '@baton/internal';
import {
  FLAGS_MAX_LENGTH,
  SAMPLED_MAX_LENGTH,
  SPAN_ID_MAX_LENGTH,
  TRACE_ID_64_LENGTH,
  TRACE_ID_MAX_LENGTH,
} from './constants';
import { SAMPLING_ONLY, type B3Parsed } from './parsed';
import type { B3SamplingState } from './sampling-state';

/** The raw values (whatever the getter returned: string, array, Buffer, undefined, …). */
export interface B3MultiRaw {
  traceId: unknown;
  spanId: unknown;
  sampled: unknown;
  flags: unknown;
}

/** `x-b3-sampled`: `accept`/`deny`, `deferred` when absent, undefined when present but invalid. */
function sampledState(raw: unknown): B3SamplingState | undefined {
  if (raw === undefined) return 'deferred';
  // REQUIREMENTS §4: "the JavaScript values `true`, `false`, `1`, `0` that non-HTTP carriers hand
  // out" (a message header object, a test's plain object) — accepted as the official package does.
  if (raw === true || raw === 1) return 'accept';
  if (raw === false || raw === 0) return 'deny';
  const v = firstValue(raw, SAMPLED_MAX_LENGTH);
  if (v === undefined) return undefined;
  if (v.length === 1) {
    const c = v.charCodeAt(0);
    return c === 0x31 ? 'accept' : c === 0x30 ? 'deny' : undefined;
  }
  // Booleans compared without allocating a lowercase copy: `true`/`false` in any ASCII case.
  if (v.length === 4 && (v.charCodeAt(0) | 0x20) === 0x74) {
    return (v.charCodeAt(1) | 0x20) === 0x72 &&
      (v.charCodeAt(2) | 0x20) === 0x75 &&
      (v.charCodeAt(3) | 0x20) === 0x65
      ? 'accept'
      : undefined;
  }
  if (v.length === 5 && (v.charCodeAt(0) | 0x20) === 0x66) {
    return (v.charCodeAt(1) | 0x20) === 0x61 &&
      (v.charCodeAt(2) | 0x20) === 0x6c &&
      (v.charCodeAt(3) | 0x20) === 0x73 &&
      (v.charCodeAt(4) | 0x20) === 0x65
      ? 'deny'
      : undefined;
  }
  return undefined;
}

/** `x-b3-flags: 1` is debug; every other value (and absence) is ignored. */
function isDebugFlag(raw: unknown): boolean {
  if (raw === undefined) return false;
  const v = firstValue(raw, FLAGS_MAX_LENGTH);
  return v !== undefined && v.charCodeAt(0) === 0x31;
}

/** Parses the multi headers; undefined when absent or invalid. */
export function parseB3Multi(raw: B3MultiRaw): B3Parsed | undefined {
  const sampled = sampledState(raw.sampled);
  if (sampled === undefined) return undefined;
  const state: B3SamplingState = isDebugFlag(raw.flags) ? 'debug' : sampled;

  if (raw.traceId === undefined && raw.spanId === undefined) {
    // Sampling-only (`x-b3-sampled` and/or `x-b3-flags` alone) — or nothing at all.
    return state === 'deferred' ? undefined : SAMPLING_ONLY[state];
  }
  const t = firstValue(raw.traceId, TRACE_ID_MAX_LENGTH);
  if (t === undefined || (t.length !== TRACE_ID_LENGTH && t.length !== TRACE_ID_64_LENGTH)) {
    return undefined;
  }
  const traceId = readHexId(t, 0, t.length, TRACE_ID_LENGTH, TRACE_ID_64_LENGTH);
  if (traceId === undefined) return undefined;
  const s = firstValue(raw.spanId, SPAN_ID_MAX_LENGTH);
  if (s === undefined) return undefined;
  const spanId = readHexId(s, 0, s.length, SPAN_ID_LENGTH);
  if (spanId === undefined) return undefined;
  return { traceId, spanId, state };
}
