/**
 * Extract: the trace header into a remote SpanContext, `uberctx-*` and `jaeger-baggage` into Baggage.
 *
 * REQUIREMENTS §1: never throws, returns the input context unchanged when nothing valid was found,
 * never replaces a valid SpanContext or Baggage with a malformed one. §5: one pass over keys(),
 * capped at 64 items / 8192 bytes (the official package copies the baggage map per header, which
 * is quadratic in the number of headers).
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
  BaggageCollector,
  baggageKeyFromHeader,
  BAGGAGE_MAX_BYTES,
  equalsIgnoreAsciiCase,
  hasPrefixIgnoreCase,
  firstValue,
  joinedValue,
  safeKeys,
  setDebugTrace,
  mergeBaggage,
  MAX_SCANNED_KEYS,
  plainCarrierLacks,
  safeGet,
} from '@baton/internal';
import { formDecode } from './form-decode';
import type { ResolvedJaegerConfig } from './config';
import { JAEGER_BAGGAGE_HEADER, MAX_UBER_TRACE_ID_LENGTH } from './constants';
import { collectJaegerBaggage } from './jaeger-baggage';
import { parseUberTraceId } from './uber-trace-id';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;
const TraceFlags = ApiTraceFlags;

export function extractJaeger(
  context: Context,
  carrier: unknown,
  getter: TextMapGetter,
  config: ResolvedJaegerConfig,
): Context {
  if (carrier === null || carrier === undefined) return context;
  const { traceHeader, baggagePrefix } = config;
  const prefixLength = baggagePrefix.length;

  // The trace header: the lowercase lookup first (it also works for getters whose keys() lists
  // nothing); the keys() pass below is the case-insensitive fallback (REQUIREMENTS §1), shared
  // with the baggage scan so keys() is called and walked once. jaeger-baggage is found by the pass.
  let traceRaw = safeGet(carrier, getter, traceHeader);
  // No trace header by name, and a plain carrier none of whose keys is a Jaeger header in any case:
  // nothing to read, found without building the keys() array (REQUIREMENTS §9: absent rows
  // allocate nothing). Only get-able names are skipped by keys alone here, as by the pass below.
  if (traceRaw === undefined && plainCarrierLacks(carrier, getter, config.headersRead, false)) {
    return context;
  }
  let jaegerBaggageRaw: unknown;
  let collector: BaggageCollector | undefined; // only allocated when a baggage header shows up

  // First-char pre-filter: most request headers start with neither letter, and are skipped after
  // one charCodeAt. `| 0x20` folds ASCII case; both sides are folded the same way, so it can let
  // a wrong key through to the full comparison but never turn a right one away.
  const prefixFirst = baggagePrefix.charCodeAt(0) | 0x20;
  const traceFirst = traceHeader.charCodeAt(0) | 0x20;
  const J = 0x6a; // 'j' of jaeger-baggage

  const keys = safeKeys(carrier, getter);
  // Bounded like every other Baton scan: at most MAX_SCANNED_KEYS (1024) keys are looked at.
  const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (typeof key !== 'string') continue;
    const first = key.charCodeAt(0) | 0x20;
    // jaeger-baggage before the prefix: with a custom prefix "jaeger" it must stay the list header.
    if (first === J && equalsIgnoreAsciiCase(key, JAEGER_BAGGAGE_HEADER)) {
      if (jaegerBaggageRaw === undefined) jaegerBaggageRaw = safeGet(carrier, getter, key);
    } else if (first === prefixFirst && hasPrefixIgnoreCase(key, baggagePrefix)) {
      if (collector === undefined) collector = new BaggageCollector(formDecode);
      else if (collector.full) {
        // Nothing more can be kept: once the trace header is found there is nothing left to
        // look for (jaeger-baggage would only add items), so stop walking a huge carrier.
        if (traceRaw !== undefined) break;
        continue;
      }
      // A key that is not a token is skipped before its value is read, and the value cap is
      // applied before the value is touched. The key keeps the case it arrived in; the entry is
      // marked caseless (Node lowercases header names; see @baton/internal caselessEntry).
      const itemKey = baggageKeyFromHeader(key, prefixLength);
      if (itemKey === undefined) continue;
      const value = firstValue(safeGet(carrier, getter, key), collector.remainingBytes);
      if (value !== undefined) collector.addToken(itemKey, value, true);
    } else if (
      traceRaw === undefined &&
      first === traceFirst &&
      equalsIgnoreAsciiCase(key, traceHeader)
    ) {
      traceRaw = safeGet(carrier, getter, key);
    }
  }

  let result = context;

  if (traceRaw !== undefined) {
    const value = firstValue(traceRaw, MAX_UBER_TRACE_ID_LENGTH);
    const parsed = value === undefined ? undefined : parseUberTraceId(value);
    if (parsed !== undefined) {
      const spanContext: SpanContext = {
        traceId: parsed.traceId,
        spanId: parsed.spanId,
        isRemote: true,
        traceFlags: parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
      };
      // Same ids as the span context already there (W3C ran first in a composite): keep its
      // tracestate and its flag bits beyond sampled (the W3C random bit), as B3 does
      // (REQUIREMENTS §4 "Preserve tracestate and the trace flags beyond sampled").
      const existing = trace.getSpanContext(result);
      if (
        existing !== undefined &&
        existing.traceId === parsed.traceId &&
        existing.spanId === parsed.spanId
      ) {
        spanContext.traceFlags |= existing.traceFlags & ~TraceFlags.SAMPLED;
        if (existing.traceState !== undefined) spanContext.traceState = existing.traceState;
      }
      result = trace.setSpanContext(result, spanContext);
      if (parsed.debug) result = setDebugTrace(result, parsed.traceId);
    }
  }

  // `uberctx-*` items were collected first, so they win over `jaeger-baggage` for the same key.
  // A collector the items filled needs no test here: collectJaegerBaggage stops before its first
  // item once the collector is full (rare: 64 items or 8192 bytes of `uberctx-*` and this header).
  if (jaegerBaggageRaw !== undefined) {
    // Several jaeger-baggage headers are one comma-separated list (RFC 9110 §5.3). A header longer
    // than the whole byte budget is ignored before parsing.
    const header = joinedValue(jaegerBaggageRaw, BAGGAGE_MAX_BYTES);
    if (header !== undefined) {
      if (collector === undefined) collector = new BaggageCollector(formDecode);
      collectJaegerBaggage(header, collector);
    }
  }

  if (collector !== undefined && collector.items.size > 0)
    result = mergeBaggage(result, collector.items);
  return result;
}

// The span context extract builds, when it kept a tracestate, has a map of its own (the literal's
// plus `traceState`) and lives for one request: one kept alive keeps that map across full GCs, so
// code optimised for it is not deoptimised "for weak objects" (see anchorShape in @baton/internal).
const withTraceState: SpanContext = { traceId: '', spanId: '', isRemote: true, traceFlags: 0 };
withTraceState.traceState = undefined;
anchorShape(withTraceState);
