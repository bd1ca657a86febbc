/**
 * Inject: `X-Amzn-Trace-Id: Root=1-{8}-{24};Parent={16};Sampled={0|1}[;Lineage=…]` (REQUIREMENTS §12).
 *
 * Nothing is written without a valid span context, or when tracing is suppressed (§1). Ids are
 * validated (lowercase hex, not all zero), so the value is always a legal header value.
 *
 * Sampled is always 0 or 1, never `?`: a context that arrived deferred and is passed on without a
 * local span (a proxy) goes out as `Sampled=0`. Unlike B3's deferred state, `?` would break the
 * trace downstream: the official JS propagator and the Java one drop a header whose Sampled is `?`.
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
import { hasValidIds, isTracingSuppressed, safeSet } from '@baton/internal';
import { AWSXRAY_TRACE_ID_HEADER, LINEAGE_BAGGAGE_KEY } from './constants';
import { isValidLineage } from './lineage';
import { formatXRayTraceHeader } from './trace-header';

/**
 * The API's `trace` and `propagation`, read once. The API's CommonJS build exports them through
 * getters (`Object.defineProperty(exports, …, { get })`), and TypeScript compiles each use to a
 * property read on the module: a getter call per use wherever TurboFan does not inline it (seen in
 * a CPU profile of this inject). @baton/internal reads the default getter once for the same reason.
 */
const traceApi = trace;
const propagationApi = propagation;

export function injectXRay(context: Context, carrier: unknown, setter: TextMapSetter): void {
  // The span context first: a context without one (most of a service's outgoing calls made outside
  // a span) costs one lookup, as in the official package, before the suppression key is read.
  const spanContext = traceApi.getSpanContext(context);
  if (spanContext === undefined || isTracingSuppressed(context)) return;
  injectXRaySpan(spanContext, propagationApi.getBaggage(context), carrier, setter);
}

/**
 * The header for `spanContext` (and the Lineage entry of `baggage`), the span context and baggage
 * of a context whose tracing is not suppressed (what injectXRay read and checked, or the composite
 * for it: INJECT_SPAN_CONTEXT). May throw; callers catch.
 */
export function injectXRaySpan(
  spanContext: SpanContext,
  baggage: Baggage | undefined,
  carrier: unknown,
  setter: TextMapSetter,
): void {
  const traceId = spanContext.traceId;
  const spanId = spanContext.spanId;
  // hasValidIds remembers the span context it accepted last: in a composite the members before
  // this one (W3C) have checked this very span context, so the check is three pointer compares.
  if (!hasValidIds(spanContext, traceId, spanId)) return;
  let value = formatXRayTraceHeader(
    traceId,
    spanId,
    (spanContext.traceFlags & SAMPLED) === SAMPLED,
  );
  if (baggage !== undefined) {
    const lineage = lineageOf(baggage);
    if (lineage !== undefined) value += ';Lineage=' + lineage;
  }
  safeSet(carrier, setter, AWSXRAY_TRACE_ID_HEADER, value);
}

/**
 * What both X-Ray propagators' `[INJECT_SPAN_CONTEXT]` do (see @baton/internal): injectXRaySpan for
 * the span context and baggage a composite read, tracing not suppressed; never throws
 * (REQUIREMENTS §1).
 */
export function injectGivenSpanContext(
  spanContext: SpanContext | undefined,
  baggage: Baggage | undefined,
  carrier: unknown,
  setter: TextMapSetter,
): void {
  try {
    if (spanContext !== undefined) injectXRaySpan(spanContext, baggage, carrier, setter);
  } catch {
    // A span context or Baggage whose reads throw: nothing is injected.
  }
}

const SAMPLED: number = TraceFlags.SAMPLED;

/** The valid `Lineage` entry of `baggage`, if any (an invalid one is not written). */
function lineageOf(baggage: Baggage): string | undefined {
  const value: unknown = baggage.getEntry(LINEAGE_BAGGAGE_KEY)?.value;
  return typeof value === 'string' && isValidLineage(value, 0, value.length) ? value : undefined;
}
