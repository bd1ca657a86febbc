/**
 * Test helpers the format packages' suites share (OT Trace, Cloud Trace, Jaeger): extract into and
 * inject from plain records, and contexts holding a span or baggage, over the real
 * @opentelemetry/api. One copy here, re-exported by each package's test/helpers.ts with its own ids,
 * so a fix to a helper reaches every suite.
 */
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

/** The W3C Trace Context examples' ids. */
export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
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

/** The context's baggage as { key: value }; undefined when it has none. */
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

/** A context whose active span is a local one with these ids (sampled unless told). */
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
