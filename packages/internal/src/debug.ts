/**
 * The debug decision shared by B3 (`d`, `x-b3-flags: 1`) and Jaeger (flag 0x02).
 *
 * OpenTelemetry's SpanContext has no debug bit, so debug travels in a context key. REQUIREMENTS §4:
 * "Debug never leaks onto a different trace: it belongs to the span context it arrived with." The
 * key therefore stores the trace id debug was extracted with; inject emits debug only when the span
 * being propagated belongs to that same trace (child spans of the debug request included).
 */
import { createContextKey, type Context } from '@opentelemetry/api';

export const DEBUG_TRACE_KEY = createContextKey('@baton/internal debug trace id');

/** Marks `traceId` as a debug trace in the returned context. */
export function setDebugTrace(ctx: Context, traceId: string): Context {
  return ctx.setValue(DEBUG_TRACE_KEY, traceId);
}

/** True when debug was extracted for this very trace. */
export function isDebugTrace(ctx: Context, traceId: string): boolean {
  return ctx.getValue(DEBUG_TRACE_KEY) === traceId;
}
