/**
 * Debug belongs to its trace (REQUIREMENTS §4: "Debug never leaks onto a different trace").
 *
 * Baton's B3 and Jaeger store debug as the trace id it arrived with (`@baton/internal`
 * DEBUG_TRACE_KEY), so it cannot leak — but a later member that extracts debug for ANOTHER trace
 * overwrites it, and with precedence 'first' the kept trace would lose its debug. The official
 * `@opentelemetry/propagator-b3` stores a bare flag (`'d'`) that its inject applies to whatever
 * span is current, so in a composite where another member's trace wins, the official flag would
 * mark that other trace as debug.
 *
 * The composite therefore treats these keys as belonging to the span context set together with
 * them: when it rejects a member's span context it also rejects that member's debug value, and at
 * the end an official flag whose trace did not win is removed.
 */
import { createContextKey, type Context, type Span } from '@opentelemetry/api';
import { DEBUG_TRACE_KEY } from '@baton/internal';

/** `@opentelemetry/propagator-b3`'s B3_DEBUG_FLAG_KEY (createContextKey is Symbol.for). */
export const OFFICIAL_B3_DEBUG_KEY = createContextKey('OpenTelemetry Context Key B3 Debug Flag');

/** Puts `before`'s debug values back onto `after` (used when `after`'s span context is rejected). */
export function restoreDebug(before: Context, after: Context): Context {
  after = restoreKey(before, after, DEBUG_TRACE_KEY);
  return restoreKey(before, after, OFFICIAL_B3_DEBUG_KEY);
}

export function restoreKey(before: Context, after: Context, key: symbol): Context {
  const old = before.getValue(key);
  if (after.getValue(key) === old) return after;
  return old === undefined ? after.deleteValue(key) : after.setValue(key, old);
}

/**
 * Reconciliation step 5, debug binding, at the end of extract: the official B3 flag is trace-less,
 * so it is dropped (put back as it was in `input`) unless it was set together with the span
 * context that won — `debugTrace` is the trace id of the span in the context when a member last
 * changed the flag.
 */
export function bindOfficialDebug(
  input: Context,
  ctx: Context,
  finalSpan: Span | undefined,
  debugTrace: string | undefined,
): Context {
  if (ctx.getValue(OFFICIAL_B3_DEBUG_KEY) === input.getValue(OFFICIAL_B3_DEBUG_KEY)) return ctx;
  const finalTrace = finalSpan === undefined ? undefined : finalSpan.spanContext().traceId;
  return finalTrace === debugTrace ? ctx : restoreKey(input, ctx, OFFICIAL_B3_DEBUG_KEY);
}

/** True when a member changed the official B3 debug flag. */
export function changedOfficialDebug(before: Context, next: Context): boolean {
  return next.getValue(OFFICIAL_B3_DEBUG_KEY) !== before.getValue(OFFICIAL_B3_DEBUG_KEY);
}
