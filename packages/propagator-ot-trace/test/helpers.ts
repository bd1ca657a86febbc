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
export const TRACE_ID_64 = 'a3ce929d0e0e4736';
export const SPAN_ID = '00f067aa0ba902b7';

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

export function baggageOf(ctx: Context): Record<string, string> | undefined {
  const b = propagation.getBaggage(ctx);
  if (b === undefined) return undefined;
  return Object.fromEntries(b.getAllEntries().map(([k, e]) => [k, e.value]));
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

/** The three trace headers of a valid sampled context, plus `extra`. */
export function otHeaders(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'ot-tracer-traceid': TRACE_ID,
    'ot-tracer-spanid': SPAN_ID,
    'ot-tracer-sampled': 'true',
    ...extra,
  };
}
