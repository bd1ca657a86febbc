/** Shared test helpers: carriers, getters and readers over the real @opentelemetry/api. */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';

export const tc = new W3CTraceContextPropagator();
export const bag = new W3CBaggagePropagator();
export const getter = defaultTextMapGetter;
export const setter = defaultTextMapSetter;

export const TRACE_ID = '12345678901234567890123456789012';
export const SPAN_ID = '1234567890123456';
export const TP = `00-${TRACE_ID}-${SPAN_ID}-01`;

/** The span context W3C extract finds in `carrier`, or undefined. */
export function extractSpan(carrier: unknown, g: TextMapGetter = getter): SpanContext | undefined {
  return trace.getSpanContext(tc.extract(ROOT_CONTEXT, carrier, g));
}

/** The tracestate the trace context propagator would send after extracting `carrier`. */
export function forwardedState(carrier: Record<string, unknown>): string | undefined {
  const out: Record<string, string> = {};
  tc.inject(tc.extract(ROOT_CONTEXT, carrier, getter), out, setter);
  return out.tracestate;
}

/** Baggage entries extracted from `carrier` as [key, value, properties] triples. */
export function extractBaggage(
  carrier: unknown,
  ctx: Context = ROOT_CONTEXT,
): [string, string, string | undefined][] {
  const b = propagation.getBaggage(bag.extract(ctx, carrier, getter));
  if (b === undefined) return [];
  return b
    .getAllEntries()
    .map(([k, e]) => [k, e.value, e.metadata === undefined ? undefined : e.metadata.toString()]);
}

/** A context holding these span context fields (remote: false, as a local span's). */
export function spanCtx(fields: Partial<SpanContext>, ctx: Context = ROOT_CONTEXT): Context {
  return trace.setSpanContext(ctx, {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceFlags: 1,
    ...fields,
  });
}

/** A getter over a Map that keeps header case, like Kafka/AMQP carriers. */
export const mapGetter: TextMapGetter<Map<string, unknown>> = {
  get: (m, k) => m.get(k) as string | string[] | undefined,
  keys: (m) => [...m.keys()],
};
