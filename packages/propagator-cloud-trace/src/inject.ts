/**
 * Inject `X-Cloud-Trace-Context: {trace}/{decimal span};o={1|0}` (CloudTracePropagator only).
 *
 * REQUIREMENTS §1: nothing without a valid span context (the official 0.22 writes a header for any
 * span context, an invalid one included); nothing when tracing is suppressed; never throws.
 */
import {
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapSetter,
} from '@opentelemetry/api';
import { hasValidIds, isTracingSuppressed, safeSet } from '@baton/internal';
import { X_CLOUD_TRACE_HEADER } from './constants';
import { formatCloudTraceContext } from './x-cloud-trace-context';

export function injectCloudTrace(context: Context, carrier: unknown, setter: TextMapSetter): void {
  if (isTracingSuppressed(context)) return;
  const spanContext = trace.getSpanContext(context);
  if (spanContext !== undefined) injectCloudTraceSpan(spanContext, carrier, setter);
}

/**
 * The header for `spanContext`, the span context of a context whose tracing is not suppressed (what
 * injectCloudTrace checked, or a composite for it: INJECT_SPAN_CONTEXT). May throw; callers catch.
 */
export function injectCloudTraceSpan(
  spanContext: SpanContext,
  carrier: unknown,
  setter: TextMapSetter,
): void {
  const { traceId, spanId } = spanContext;
  if (!hasValidIds(spanContext, traceId, spanId)) return;
  const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
  safeSet(carrier, setter, X_CLOUD_TRACE_HEADER, formatCloudTraceContext(traceId, spanId, sampled));
}
