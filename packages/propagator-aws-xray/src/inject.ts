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
  type Context,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed, isValidSpanId, isValidTraceId, safeSet } from '@baton/internal';
import { AWSXRAY_TRACE_ID_HEADER, LINEAGE_BAGGAGE_KEY } from './constants';
import { isValidLineage } from './lineage';
import { formatXRayTraceHeader } from './trace-header';

export function injectXRay(context: Context, carrier: unknown, setter: TextMapSetter): void {
  if (isTracingSuppressed(context)) return;
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined) return;
  const { traceId, spanId } = spanContext;
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return;
  let value = formatXRayTraceHeader(
    traceId,
    spanId,
    (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
  );
  const lineage = lineageOf(context);
  if (lineage !== undefined) value += ';Lineage=' + lineage;
  safeSet(carrier, setter, AWSXRAY_TRACE_ID_HEADER, value);
}

/** The valid `Lineage` baggage entry of `context`, if any (an invalid one is not written). */
function lineageOf(context: Context): string | undefined {
  const baggage = propagation.getBaggage(context);
  if (baggage === undefined) return undefined;
  const value: unknown = baggage.getEntry(LINEAGE_BAGGAGE_KEY)?.value;
  return typeof value === 'string' && isValidLineage(value, 0, value.length) ? value : undefined;
}
