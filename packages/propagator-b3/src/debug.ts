/**
 * The B3 debug flag. OpenTelemetry's SpanContext has no debug bit, so debug travels in a context key
 * shared with Jaeger (flag 0x02) — a B3 `d` re-emitted as Jaeger gets flags 3, and back — holding the
 * trace id it arrived with (REQUIREMENTS §4: "Debug never leaks onto a different trace").
 */
import { trace, type Context } from '@opentelemetry/api';
import { DEBUG_TRACE_KEY, isDebugTrace } from '@baton/internal';

/** Holds the trace id of the debug trace (not `'d'`/`'1'` as the official package's private key). */
export const B3_DEBUG_TRACE_KEY: symbol = DEBUG_TRACE_KEY;

/** True when the span context in `ctx` belongs to a trace that arrived with B3 or Jaeger debug. */
export function isB3Debug(ctx: Context): boolean {
  const sc = trace.getSpanContext(ctx);
  return sc !== undefined && isDebugTrace(ctx, sc.traceId);
}
