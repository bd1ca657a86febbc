/**
 * The global propagator: what is registered now, whether the SDK built it from the environment, and
 * installing Baton's — without the API's "duplicate registration" error and without replacing a
 * propagator the user's own code registered on purpose.
 */
import { propagation } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';

/** The API's global registry (`@opentelemetry/api` global-utils, major version 1). */
const API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

/** The registered global propagator, or undefined (the API then uses its no-op propagator). */
export function registeredGlobalPropagator(): TextMapPropagator | undefined {
  try {
    const registry = (globalThis as Record<symbol, unknown>)[API_GLOBAL];
    if (typeof registry !== 'object' || registry === null) return undefined;
    const p = (registry as { propagation?: unknown }).propagation;
    return typeof p === 'object' && p !== null ? (p as TextMapPropagator) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The headers each name's propagator writes in `@opentelemetry/sdk-node`'s own resolver
 * (`getPropagatorFromEnv`, 0.223 and 0.301: core's W3C classes, the official B3; `jaeger` only in
 * 0.2xx). Names are case-sensitive there.
 */
const SDK_FIELDS: Readonly<Record<string, readonly string[]>> = {
  tracecontext: ['traceparent', 'tracestate'],
  baggage: ['baggage'],
  b3: ['b3'],
  b3multi: ['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled', 'x-b3-parentspanid'],
  jaeger: ['uber-trace-id'],
};

/** Class names of what the SDK's resolver builds (core's composite and W3C, official B3, Jaeger). */
const SDK_CLASSES = new Set([
  'CompositePropagator',
  'W3CTraceContextPropagator',
  'W3CBaggagePropagator',
  'B3Propagator',
  'JaegerPropagator',
]);

/** The names of OTEL_PROPAGATORS as the SDK reads them: split on commas, trimmed, no empties. */
export function sdkNames(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The names the SDK could not build (it warned about each), e.g. `platform-id`, custom names. */
export function namesTheSdkLacks(value: string | undefined): string[] {
  const names = sdkNames(value);
  if (names.includes('none')) return [];
  return names.filter((n) => SDK_FIELDS[n] === undefined);
}

/**
 * True when `p` looks exactly like what the SDK's resolver builds from `value` (OTEL_PROPAGATORS):
 * one of its classes — never a Baton propagator, which describes itself — writing exactly the
 * headers of the names it knows (unset → its default, tracecontext + baggage). A propagator the
 * user's code chose differs in class or in headers, and is kept.
 */
export function isSdkEnvPropagator(p: TextMapPropagator, value: string | undefined): boolean {
  try {
    if (Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(p), 'toString')) return false;
    const ctor: unknown = (p as { constructor?: unknown }).constructor;
    if (typeof ctor !== 'function' || !SDK_CLASSES.has(ctor.name)) return false;
    const fields: unknown = p.fields();
    if (!Array.isArray(fields)) return false;
    const have = new Set(fields);
    const names = sdkNames(value);
    const listed = names.length === 0 ? ['tracecontext', 'baggage'] : names;
    // SDK 2 builds `jaeger`; SDK 3 does not know it: either is the SDK's.
    return [true, false].some((withJaeger) => {
      const want = new Set<string>();
      for (const n of listed) {
        if (n === 'jaeger' && !withJaeger) continue;
        for (const f of SDK_FIELDS[n] ?? []) want.add(f);
      }
      return want.size === have.size && [...want].every((f) => have.has(f));
    });
  } catch {
    return false;
  }
}

/** What this package's register entry installed (see installedPropagator). */
let installedByBaton: TextMapPropagator | undefined;

/**
 * The propagator Baton's register entry installed as the global propagator, while it still is the
 * global one; undefined otherwise (not preloaded, kept out by another propagator, or replaced since).
 */
export function installedPropagator(): TextMapPropagator | undefined {
  const current = registeredGlobalPropagator();
  return current !== undefined && current === installedByBaton ? current : undefined;
}

export type InstallOutcome = 'installed' | 'replaced-sdk' | 'kept-existing';

/**
 * Makes `p` the global propagator. Nothing registered → registered. The SDK's own environment
 * propagator registered (the SDK's preload ran first) → replaced: it is the same OTEL_PROPAGATORS,
 * resolved with fewer names. Anything else → kept, never silently replaced: the caller says so.
 */
export function installGlobal(p: TextMapPropagator, value: string | undefined): InstallOutcome {
  const current = registeredGlobalPropagator();
  let outcome: InstallOutcome;
  if (current === undefined) {
    outcome = propagation.setGlobalPropagator(p) ? 'installed' : 'kept-existing';
  } else if (current === p) {
    outcome = 'installed';
  } else if (!isSdkEnvPropagator(current, value)) {
    outcome = 'kept-existing';
  } else {
    propagation.disable();
    outcome = propagation.setGlobalPropagator(p) ? 'replaced-sdk' : 'kept-existing';
  }
  if (outcome !== 'kept-existing') installedByBaton = p;
  return outcome;
}
