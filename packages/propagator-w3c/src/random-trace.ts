/**
 * The W3C random flag (0x02) belongs to the trace id, not to one span.
 *
 * W3C-TC Level 2 §Random Trace ID Flag: the flag says the trace id's right-most 7 bytes were made
 * at random — a property every span of the trace shares. But `@opentelemetry/sdk-trace-base` builds
 * a child span's flags from its sampling decision only, so a service that received `-03` would send
 * its own spans on with `-01` (the W3C suite's test_propagates_random_flag). Extract therefore
 * records the trace id that arrived random in a context key, and inject sets the flag again for any
 * span of that trace — never for another trace (the same binding as B3/Jaeger debug).
 */
import { createContextKey, type Context } from '@opentelemetry/api';
import { FLAG_RANDOM } from './constants';

export const RANDOM_TRACE_KEY = createContextKey('@baton/propagator-w3c random trace id');

/** `ctx` marked so that spans of `traceId` carry the random flag on inject. */
export function setRandomTrace(ctx: Context, traceId: string): Context {
  return ctx.setValue(RANDOM_TRACE_KEY, traceId);
}

/** `traceFlags` with the random flag set when `traceId` arrived random in `ctx`. */
export function withRandomOfTrace(ctx: Context, traceId: string, traceFlags: number): number {
  if ((traceFlags & FLAG_RANDOM) !== 0) return traceFlags;
  return ctx.getValue(RANDOM_TRACE_KEY) === traceId ? traceFlags | FLAG_RANDOM : traceFlags;
}
