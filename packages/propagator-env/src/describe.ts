/**
 * A one-line, human-readable view of a propagator, so a user can see what their configuration
 * resolved to: `Composite[W3CTraceContext, W3CBaggage, B3(multi), Jaeger]`.
 *
 * Every Baton propagator describes itself through `toString()` (the DESCRIPTION CONVENTION). Any other
 * propagator — `@opentelemetry/core`'s, a user's — is shown by its class name. Never throws: this is
 * called from log lines, and a log line must not take a service down.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { registeredGlobalPropagator } from './global-propagator';

/** Longer descriptions are cut: the description is for one log line. */
const MAX_DESCRIPTION_LENGTH = 512;

export function describePropagator(propagator: TextMapPropagator | null | undefined): string {
  // `describePropagator(propagation)`: the API object itself → the propagator it delegates to.
  if (isPropagationApi(propagator)) propagator = registeredGlobalPropagator();
  if (propagator === null || propagator === undefined) return 'None';
  let text = '';
  try {
    // An own or inherited toString other than Object's is a description; Object's is "[object Object]".
    if (
      typeof propagator.toString === 'function' &&
      propagator.toString !== Object.prototype.toString
    ) {
      const s: unknown = propagator.toString();
      if (typeof s === 'string') text = s;
    }
    if (text === '') {
      const ctor: unknown = (propagator as { constructor?: unknown }).constructor;
      const name = typeof ctor === 'function' ? ctor.name : '';
      text = name !== '' && name !== 'Object' ? name : 'TextMapPropagator';
    }
  } catch {
    text = 'TextMapPropagator';
  }
  return oneLine(text);
}

/**
 * True for `propagation` of `@opentelemetry/api` (any copy): it is a TextMapPropagator too, but what
 * the user asks about is the global propagator behind it.
 */
function isPropagationApi(p: unknown): boolean {
  try {
    return (
      typeof p === 'object' &&
      p !== null &&
      typeof (p as { setGlobalPropagator?: unknown }).setGlobalPropagator === 'function' &&
      typeof (p as { getActiveBaggage?: unknown }).getActiveBaggage === 'function'
    );
  } catch {
    return false;
  }
}

/** Control characters (newlines included) become spaces; the result is capped. */
function oneLine(s: string): string {
  let out = '';
  const n = Math.min(s.length, MAX_DESCRIPTION_LENGTH);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c < 0x20 || c === 0x7f ? ' ' : s[i];
  }
  return n < s.length ? out + '…' : out;
}
