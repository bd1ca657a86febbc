/**
 * Shared test parts: small hand-written propagators (one that sets a given span context, one that
 * throws) and the official members the composite must work with.
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapPropagator,
} from '@opentelemetry/api';

export const getter = defaultTextMapGetter;
export const setter = defaultTextMapSetter;

export const T1 = '4bf92f3577b34da6a3ce929d0e0e4736';
export const S1 = '00f067aa0ba902b7';
export const T2 = '0af7651916cd43dd8448eb211c80319c';
export const S2 = 'b7ad6b7169203331';
export const T3 = '463ac35c9f6413ad48485a3953bb6124';
export const S3 = 'a2fb4a1d1a96d312';

export function remote(traceId: string, spanId: string, sampled = true): SpanContext {
  return {
    traceId,
    spanId,
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  };
}

/** A propagator that always "extracts" `sc` (valid or not) — a stand-in for any foreign member. */
export class FixedPropagator implements TextMapPropagator {
  constructor(
    readonly name: string,
    readonly sc: SpanContext | undefined,
    readonly baggage?: Record<string, string>,
  ) {}
  extract(ctx: Context): Context {
    let out = this.sc === undefined ? ctx : trace.setSpanContext(ctx, this.sc);
    if (this.baggage) {
      // Replaces the baggage, as core's W3CBaggagePropagator does.
      const entries = Object.create(null) as Record<string, { value: string }>;
      for (const [k, v] of Object.entries(this.baggage)) entries[k] = { value: v };
      out = propagation.setBaggage(out, propagation.createBaggage(entries));
    }
    return out;
  }
  inject(_ctx: Context, carrier: unknown): void {
    setter.set(carrier, `x-${this.name}`, '1');
  }
  fields(): string[] {
    return [`x-${this.name}`];
  }
  toString(): string {
    return this.name;
  }
}

/** A propagator whose every method throws. */
export class ThrowingPropagator implements TextMapPropagator {
  calls = 0;
  extract(): Context {
    this.calls++;
    throw new Error('extract boom');
  }
  inject(): void {
    this.calls++;
    throw new Error('inject boom');
  }
  fields(): string[] {
    throw new Error('fields boom');
  }
}

export function traceparent(traceId: string, spanId: string, flags = '01'): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
