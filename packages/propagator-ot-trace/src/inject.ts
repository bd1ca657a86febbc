/**
 * Inject: `ot-tracer-traceid`, `ot-tracer-spanid`, `ot-tracer-sampled` and one `ot-baggage-{key}`
 * header per baggage item.
 *
 * REQUIREMENTS §1: never throws; writes only token header names and safe US-ASCII values; nothing
 * without a valid span context; nothing at all (baggage included) when tracing is suppressed.
 */
import {
  propagation,
  trace,
  TraceFlags,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  baggageEntryList,
  type BaggageHeaderNames,
  hasValidIds,
  injectPrefixedBaggage,
  isSafeHeaderValue,
  isTracingSuppressed,
  safeSet,
} from '@baton/internal';
import {
  OT_SAMPLED_HEADER,
  OT_SPAN_ID_HEADER,
  OT_TRACE_ID_HEADER,
  PADDING_64,
  TRACE_ID_64_LENGTH,
} from './constants';

/**
 * The API's `trace` and `propagation`, read once: its CommonJS build exports them through getters,
 * and TypeScript compiles each use to a property read on the module — a getter call per use wherever
 * TurboFan does not inline it (as in the X-Ray inject).
 */
const traceApi = trace;
const propagationApi = propagation;
const SAMPLED: number = TraceFlags.SAMPLED;

export function injectOT(
  context: Context,
  carrier: unknown,
  setter: TextMapSetter,
  emit64BitTraceIds: boolean,
  names: BaggageHeaderNames,
): void {
  // The span context first: a context without one costs one lookup, as in the official package,
  // before the suppression key is read (either way nothing is written).
  const spanContext = traceApi.getSpanContext(context);
  if (spanContext === undefined || isTracingSuppressed(context)) return;
  injectOTSpan(
    spanContext,
    propagationApi.getBaggage(context),
    carrier,
    setter,
    emit64BitTraceIds,
    names,
  );
}

/**
 * injectOT for `spanContext` and `baggage`, the span context and baggage of a context whose tracing
 * is not suppressed (what injectOT read and checked, or the composite for it: INJECT_SPAN_CONTEXT).
 * May throw; callers catch.
 */
export function injectOTSpan(
  spanContext: SpanContext,
  baggage: Baggage | undefined,
  carrier: unknown,
  setter: TextMapSetter,
  emit64BitTraceIds: boolean,
  names: BaggageHeaderNames,
): void {
  const traceId = spanContext.traceId;
  const spanId = spanContext.spanId;
  // Decision (as the official package and Go): no valid span context, no headers — baggage
  // included, since a receiving OT tracer reads baggage only next to a valid trace context.
  if (!hasValidIds(spanContext, traceId, spanId)) return;

  // The 32-char id (the official package writes the low 16 chars only, which changes a 128-bit
  // trace id); the 16-char form only when asked for and lossless (see OTTracePropagatorConfig).
  safeSet(
    carrier,
    setter,
    OT_TRACE_ID_HEADER,
    emit64BitTraceIds && traceId.startsWith(PADDING_64)
      ? traceId.slice(TRACE_ID_64_LENGTH)
      : traceId,
  );
  safeSet(carrier, setter, OT_SPAN_ID_HEADER, spanId);
  safeSet(
    carrier,
    setter,
    OT_SAMPLED_HEADER,
    (spanContext.traceFlags & SAMPLED) === SAMPLED ? 'true' : 'false',
  );

  if (baggage !== undefined)
    injectPrefixedBaggage(baggageEntryList(baggage), carrier, setter, names, plainValue);
}

/**
 * OT baggage values travel as they are: OpenTracing tracers, the official package, Go and Java read
 * them without decoding, so percent-encoding would change what they see. Decision: a value that
 * is not already a safe US-ASCII header value (non-ASCII, CR/LF, leading or trailing space) is
 * dropped, not encoded (the official package also drops what it cannot send, but lets bytes
 * 0x80–0xff through; REQUIREMENTS §1 allows US-ASCII only).
 */
function plainValue(value: string): string | undefined {
  return isSafeHeaderValue(value) ? value : undefined;
}
