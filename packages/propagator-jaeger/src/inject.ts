/**
 * Inject: `{trace-header}: {32}:{16}:0:{01|00|03}` and one `uberctx-{key}` header per baggage item.
 *
 * REQUIREMENTS §1: never throws; writes only token header names and safe US-ASCII values; no trace
 * header without a valid span context; nothing at all (baggage included) when tracing is
 * suppressed. §5: baggage keys must be valid header tokens; values are percent-encoded.
 */
import {
  propagation as apiPropagation,
  trace as apiTrace,
  TraceFlags as ApiTraceFlags,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  baggageEntryList,
  type BaggageHeaderNames,
  injectPrefixedBaggage,
  isDebugTrace,
  isTracingSuppressed,
  hasValidIds,
  percentEncode,
  safeSet,
} from '@baton/internal';
import type { ResolvedJaegerConfig } from './config';
import {
  formatUberTraceId,
  SUFFIX_DEBUG,
  SUFFIX_NOT_SAMPLED,
  SUFFIX_SAMPLED,
} from './uber-trace-id';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;
const TraceFlags = ApiTraceFlags;
const propagation = apiPropagation;

/**
 * The `:0:{flags}` tail. Debug belongs to the trace it arrived with, and every span of that trace
 * carries it, sampled locally or not (REQUIREMENTS §4, the debug key B3 and Jaeger share): written
 * as 3, because Jaeger's debug bit is only meaningful with sampled. Any other trace: sampled or not.
 */
function flagsSuffix(context: Context, traceId: string, traceFlags: number): string {
  if (isDebugTrace(context, traceId)) return SUFFIX_DEBUG;
  return (traceFlags & TraceFlags.SAMPLED) === 0 ? SUFFIX_NOT_SAMPLED : SUFFIX_SAMPLED;
}

export function injectJaeger(
  context: Context,
  carrier: unknown,
  setter: TextMapSetter,
  config: ResolvedJaegerConfig,
  names: BaggageHeaderNames,
): void {
  if (isTracingSuppressed(context)) return;
  injectJaegerSpan(
    context,
    trace.getSpanContext(context),
    propagation.getBaggage(context),
    carrier,
    setter,
    config,
    names,
  );
}

/**
 * injectJaeger once tracing is known not to be suppressed, for `spanContext` and `baggage`, the
 * span context and baggage of `context` or undefined (what injectJaeger read, or the composite for
 * it: INJECT_SPAN_CONTEXT). Baggage is sent with or without a span. May throw; callers catch.
 */
export function injectJaegerSpan(
  context: Context,
  spanContext: SpanContext | undefined,
  baggage: Baggage | undefined,
  carrier: unknown,
  setter: TextMapSetter,
  config: ResolvedJaegerConfig,
  names: BaggageHeaderNames,
): void {
  if (spanContext !== undefined) {
    // hasValidIds remembers the span context it accepted last: the other members of a composite
    // send this same span, and skip the char-by-char check; a new span costs one pointer compare.
    const traceId = spanContext.traceId;
    const spanId = spanContext.spanId;
    if (hasValidIds(spanContext, traceId, spanId)) {
      safeSet(
        carrier,
        setter,
        config.traceHeader,
        formatUberTraceId(traceId, spanId, flagsSuffix(context, traceId, spanContext.traceFlags)),
      );
    }
  }

  if (baggage !== undefined)
    injectPrefixedBaggage(baggageEntryList(baggage), carrier, setter, names, encodeValue);
}

/**
 * The chars encodeURIComponent leaves as they are: A–Z a–z 0–9 - _ . ! ~ * ' ( ). A value made of
 * these only (the usual ids, names, tenants) is its own encoding, and is checked here with char
 * codes instead of a call into the runtime's encoder that copies the string.
 */
const UNRESERVED = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) UNRESERVED[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) UNRESERVED[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) UNRESERVED[c] = 1;
for (const ch of "-_.!~*'()") UNRESERVED[ch.charCodeAt(0)] = 1;

/**
 * percentEncode(value), without the encoder when nothing needs encoding; undefined (the item is
 * dropped) for a lone surrogate, which cannot be encoded.
 */
function encodeValue(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80 || UNRESERVED[c] === 0) return percentEncode(value);
  }
  return value;
}
