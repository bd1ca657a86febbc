import type { Context } from '@opentelemetry/api';

/**
 * The key `@opentelemetry/core` sets with `suppressTracing(ctx)`. Core creates it with
 * `createContextKey`, which is `Symbol.for(description)`, so the same symbol is reachable here
 * without a runtime dependency on core (REQUIREMENTS §1, DESIGN "Depend on the API only").
 */
export const SUPPRESS_TRACING_KEY = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** True when instrumentation asked for no propagation (nothing is injected, baggage included). */
export function isTracingSuppressed(ctx: Context): boolean {
  return ctx.getValue(SUPPRESS_TRACING_KEY) === true;
}
