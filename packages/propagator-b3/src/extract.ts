/**
 * B3 extract: both encodings, single wins, invalid single falls back to multi (REQUIREMENTS §4).
 */
import {
  trace as apiTrace,
  TraceFlags as ApiTraceFlags,
  type Context,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import {
  anchorShape,
  firstValue,
  headerNames,
  isPlainCarrier,
  plainCarrierScan,
  SCAN_LACKS as LACKS_ANSWER,
  SCAN_MAYBE as MAYBE_ANSWER,
  SCAN_NONE_IN_CAP as NONE_IN_CAP_ANSWER,
  safeGet,
  setDebugTrace,
} from '@baton/internal';
import {
  B3_CONTEXT_HEADER,
  B3_MAX_LENGTH,
  X_B3_FLAGS,
  X_B3_SAMPLED,
  X_B3_SPAN_ID,
  X_B3_TRACE_ID,
} from './constants';
import { parseB3Multi } from './parse-multi';
import { parseB3Single } from './parse-single';
import type { B3Parsed } from './parsed';
import {
  NO_B3_HEADERS,
  PAST_CAP_NO_B3,
  readMultiHeaders,
  readPlainHeaders,
  type B3ScannedHeaders,
} from './read-headers';
import { B3_SAMPLING_STATE_KEY, type B3SamplingRecord } from './sampling-state';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;
const TraceFlags = ApiTraceFlags;

/** Every name B3 extract reads (see plainCarrierLacks). */
const B3_HEADERS = headerNames([
  B3_CONTEXT_HEADER,
  X_B3_TRACE_ID,
  X_B3_SPAN_ID,
  X_B3_SAMPLED,
  X_B3_FLAGS,
]);

// plainCarrierScan's answers, read once (an import is a property read at each use).
const SCAN_LACKS = LACKS_ANSWER;
const SCAN_MAYBE = MAYBE_ANSWER;
const SCAN_NONE_IN_CAP = NONE_IN_CAP_ANSWER;

/** The keys the scan is handed when it is known to find nothing. */
const NO_KEYS: unknown[] = [];

function parseSingleRaw(raw: unknown): B3Parsed | undefined {
  const s = firstValue(raw, B3_MAX_LENGTH);
  return s === undefined ? undefined : parseB3Single(s);
}

/**
 * What B3 found, or undefined. Order (REQUIREMENTS §4): a valid `b3` wins — a sampling-only `b3`
 * included (Brave returns it without reading the multi headers); "an invalid `b3` falls back to the
 * multi headers (Go, Java)".
 */
export function readB3(carrier: unknown, getter: TextMapGetter): B3Parsed | undefined {
  // The usual request carries `b3` in lowercase: one lookup, and done.
  const b3 = safeGet(carrier, getter, B3_CONTEXT_HEADER);
  if (b3 !== undefined) {
    const single = parseSingleRaw(b3);
    if (single !== undefined) return single;
  }
  let multi: B3ScannedHeaders;
  if (isPlainCarrier(carrier, getter)) {
    // Node's headers object (a plain object through the default getter): one walk of its keys
    // finds the four multi names and `B3` in any case, with no lookup by name and no keys array,
    // and answers "no B3 header" for the usual request without one, allocating nothing
    // (REQUIREMENTS §9: absent rows). One walk, not a presence scan followed by the read.
    const plain = readPlainHeaders(carrier);
    if (plain === NO_B3_HEADERS) return undefined;
    // Past MAX_SCANNED_KEYS keys (see readPlainHeaders): the lookups, and a scan of keys() only
    // when the walk met a B3 header, so a huge carrier's keys are not enumerated again for nothing.
    multi =
      plain === PAST_CAP_NO_B3
        ? readMultiHeaders(carrier, getter, b3 === undefined, NO_KEYS)
        : (plain ?? readMultiHeaders(carrier, getter, b3 === undefined));
  } else {
    // Any other carrier or getter: lookups by name, then keys(). A carrier read through the
    // default getter that is not a plain object (a class instance) is still answered "absent" by
    // one walk when no key is a B3 name in any case. Not for a Proxy: the lookups below may be
    // answered by its `get` for names its keys do not list.
    const scan =
      b3 === undefined ? plainCarrierScan(carrier, getter, B3_HEADERS, true) : SCAN_MAYBE;
    if (scan === SCAN_LACKS) return undefined;
    // More than MAX_SCANNED_KEYS keys, none of the first ones a B3 name in any case: only the
    // lowercase lookups remain, with no second enumeration of its keys.
    multi = readMultiHeaders(
      carrier,
      getter,
      b3 === undefined,
      scan === SCAN_NONE_IN_CAP ? NO_KEYS : undefined,
    );
  }
  if (b3 === undefined && multi.b3 !== undefined) {
    // `B3` found in another case.
    const single = parseSingleRaw(multi.b3);
    if (single !== undefined) return single;
  }
  return parseB3Multi(multi);
}

/** Puts what B3 found into the context. */
export function applyB3(context: Context, found: B3Parsed): Context {
  const { traceId, spanId, state } = found;
  if (traceId === undefined || spanId === undefined) {
    // Sampling-only: no SpanContext (B3: "the trace is not yet started"); the decision is recorded.
    const record: B3SamplingRecord = { state };
    return context.setValue(B3_SAMPLING_STATE_KEY, record);
  }
  const sampled = state === 'accept' || state === 'debug';
  const spanContext: SpanContext = { traceId, spanId, isRemote: true, traceFlags: sampled ? 1 : 0 };
  // REQUIREMENTS §4: "when B3 extracts the same trace and span id as a span context already in the
  // context, keep that context's traceState and flag bits" (W3C ran first in a composite: its
  // random bit 0x02 must reach the next hop). B3 decides only the sampled bit.
  const existing = trace.getSpanContext(context);
  if (existing !== undefined && existing.traceId === traceId && existing.spanId === spanId) {
    spanContext.traceFlags |= existing.traceFlags & ~TraceFlags.SAMPLED;
    if (existing.traceState !== undefined) spanContext.traceState = existing.traceState;
  }
  let ctx = context;
  if (state === 'debug') {
    // Shared with Jaeger and bound to this trace id: never leaks onto another trace.
    ctx = setDebugTrace(ctx, traceId);
  } else if (state === 'deferred') {
    const record: B3SamplingRecord = { state, traceId, spanId };
    ctx = ctx.setValue(B3_SAMPLING_STATE_KEY, record);
  }
  return trace.setSpanContext(ctx, spanContext);
}

// applyB3's span context, when it kept a tracestate, has a map of its own (the literal's plus
// `traceState`) and lives for one request: one kept alive keeps that map across full GCs, so code
// optimised for it is not deoptimised "for weak objects" (see anchorShape in @baton/internal).
const withTraceState: SpanContext = { traceId: '', spanId: '', isRemote: true, traceFlags: 0 };
withTraceState.traceState = undefined;
anchorShape(withTraceState);
