import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapPropagator,
} from '@opentelemetry/api';

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const SPAN_ID = '00f067aa0ba902b7';
/** SPAN_ID in decimal: 0x00f067aa0ba902b7 = 67667974448284343. */
export const SPAN_DEC = '67667974448284343';

export function extract(
  p: TextMapPropagator,
  carrier: Record<string, unknown>,
  ctx: Context = ROOT_CONTEXT,
): Context {
  return p.extract(ctx, carrier, defaultTextMapGetter);
}

export function spanContextOf(ctx: Context): SpanContext | undefined {
  return trace.getSpanContext(ctx);
}

export function inject(p: TextMapPropagator, ctx: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  p.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

export function withSpan(
  traceId = TRACE_ID,
  spanId = SPAN_ID,
  traceFlags: number = TraceFlags.SAMPLED,
  ctx: Context = ROOT_CONTEXT,
): Context {
  return trace.setSpanContext(ctx, { traceId, spanId, traceFlags, isRemote: false });
}

export function withBaggage(entries: Record<string, string>, ctx: Context = ROOT_CONTEXT): Context {
  const record = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }]));
  return propagation.setBaggage(ctx, propagation.createBaggage(record));
}
