/**
 * Names for members, used in toString(), in diag messages and in conflict reports.
 *
 * Baton's description convention: every Baton propagator has a toString() returning a short
 * description (`W3CTraceContext`, `B3(multi)`, ...). Foreign propagators (core's, the official B3 and
 * Jaeger) have none, so their constructor name is the best description available
 * (`W3CTraceContextPropagator`), which is also what core's composite prints in its warnings.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import type { Precedence } from './config';

/** True when the member describes itself (a toString() of its own, as every Baton propagator). */
export function describesItself(p: TextMapPropagator): boolean {
  try {
    const own = (p as { toString?: unknown }).toString;
    return typeof own === 'function' && own !== Object.prototype.toString;
  } catch {
    return false;
  }
}

/** Short description of a member; never throws. */
export function memberName(p: TextMapPropagator): string {
  try {
    const own = (p as { toString?: unknown }).toString;
    if (describesItself(p) && typeof own === 'function') {
      const s: unknown = own.call(p);
      if (typeof s === 'string' && s.length > 0) return s;
    }
  } catch {
    // A throwing toString falls back to the constructor name.
  }
  try {
    const name = (p as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name.length > 0 && name !== 'Object') return name;
  } catch {
    // Exotic objects (proxies) end here.
  }
  return 'AnonymousPropagator';
}

function sameMembers(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `Composite[A, B]` when both directions use the same members and precedence is the default;
 * otherwise the differing parts are spelled out:
 * `Composite[extract: B3(multi), W3CTraceContext; inject: W3CTraceContext; precedence: first]`.
 */
export function describeComposite(
  extractNames: string[],
  injectNames: string[],
  precedence: Precedence,
): string {
  const parts: string[] = [];
  if (sameMembers(extractNames, injectNames)) {
    parts.push(extractNames.join(', '));
  } else {
    parts.push(`extract: ${extractNames.join(', ')}`, `inject: ${injectNames.join(', ')}`);
  }
  if (precedence !== 'last') parts.push(`precedence: ${precedence}`);
  return `Composite[${parts.join('; ')}]`;
}
