import { trace, type Context, type SpanContext } from '@opentelemetry/api';

/**
 * The remote SpanContext an extract puts in the context. REQUIREMENTS §4 "Preserve tracestate":
 * when the span context already in `context` has the same trace and span id (a W3C member ran
 * first in a composite), its `traceState` is kept — the format being read has none of its own.
 */
export function remoteSpanContext(
  context: Context,
  traceId: string,
  spanId: string,
  traceFlags: number,
): SpanContext {
  const spanContext: SpanContext = { traceId, spanId, isRemote: true, traceFlags };
  const existing = trace.getSpanContext(context);
  if (
    existing !== undefined &&
    existing.traceState !== undefined &&
    existing.traceId === traceId &&
    existing.spanId === spanId
  ) {
    spanContext.traceState = existing.traceState;
  }
  return spanContext;
}
