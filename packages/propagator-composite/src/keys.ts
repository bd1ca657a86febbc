/**
 * The context keys of `@opentelemetry/api` for the active span and the baggage. The API creates
 * them with `createContextKey`, which is `Symbol.for(description)`, so reading them directly is the
 * same as `trace.getSpan` / `propagation.getBaggage` minus two calls through the API's globals —
 * the composite reads them after every member. (`test/keys.test.ts` checks they stay the same.)
 */
import type { Baggage, Context, Span } from '@opentelemetry/api';

export const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');
export const BAGGAGE_KEY = Symbol.for('OpenTelemetry Baggage Key');

export function spanOf(ctx: Context): Span | undefined {
  return (ctx.getValue(SPAN_KEY) as Span | undefined) || undefined;
}

export function baggageOf(ctx: Context): Baggage | undefined {
  return (ctx.getValue(BAGGAGE_KEY) as Baggage | undefined) || undefined;
}
