/**
 * The process-wide registry of propagator names beyond the built-ins.
 *
 * REQUIREMENTS §8: "`registerPropagator(name, factory)`: lazy factories; a duplicate or built-in name
 * throws at registration with a clear message". Registration is configuration, so mistakes fail loudly
 * at start-up; resolution (on a name from the environment) only ever warns.
 *
 * One registry per process: the ESM entry re-exports the CommonJS build (scripts/esm-wrappers.mjs), so
 * `import` and `require` of this package share this Map.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { BUILTIN_FACTORIES } from './builtins';
import { NONE, invalidNameReason, normalizeName } from './names';

/** What a factory is told about the name it is building for. */
export interface PropagatorFactoryContext {
  /** The normalised name being resolved (trimmed, lowercase). */
  readonly name: string;
  /** The environment the name came from (`process.env` for `propagatorFromEnv()`), for extra settings. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Builds a propagator for a registered name. Called once per resolution that uses the name. */
export type PropagatorFactory = (context: PropagatorFactoryContext) => TextMapPropagator;

const registered = new Map<string, PropagatorFactory>();

/**
 * Makes `name` usable in `OTEL_PROPAGATORS` and `resolvePropagators`. The factory is not called now:
 * only when the name is resolved. Names are case-insensitive and trimmed, like the environment list.
 *
 * @throws TypeError for a name that cannot appear in `OTEL_PROPAGATORS`, or a factory that is not a
 *   function; Error for a built-in name, `none`, or a name already registered.
 */
export function registerPropagator(name: string, factory: PropagatorFactory): void {
  const reason = invalidNameReason(name);
  if (reason !== undefined) {
    throw new TypeError(`registerPropagator: ${reason}. Pass a name such as 'my-header'.`);
  }
  if (typeof factory !== 'function') {
    throw new TypeError(
      `registerPropagator('${name}'): the factory must be a function that returns a TextMapPropagator, got ${typeof factory}` +
        `${isPropagatorInstance(factory) ? ' (a propagator instance)' : ''}; write registerPropagator('${name}', () => propagator).`,
    );
  }
  if (isClass(factory)) {
    // Calling a class without `new` throws; an ES5 constructor would return undefined. Either way the
    // name would only fail later, at resolve time.
    const cls = factory.name || 'MyPropagator';
    throw new TypeError(
      `registerPropagator('${name}'): got the class ${cls}, not a factory; pass a function that returns ` +
        `an instance: registerPropagator('${name}', () => new ${cls}()).`,
    );
  }
  const key = normalizeName(name);
  if (key === NONE || BUILTIN_FACTORIES.has(key)) {
    throw new Error(
      `registerPropagator('${name}'): '${key}' is a built-in OTEL_PROPAGATORS name and cannot be replaced. ` +
        `Register your propagator under another name (e.g. 'my-${key}') and list that name in OTEL_PROPAGATORS.`,
    );
  }
  if (registered.has(key)) {
    throw new Error(
      `registerPropagator('${name}'): '${key}' is already registered. Register each name once, at start-up ` +
        `(in one module every entry point imports), or choose a different name.`,
    );
  }
  registered.set(key, factory);
}

/**
 * True for a class (its source starts with `class`) and for an old-style constructor whose prototype
 * carries propagator methods — never for a factory (arrow functions have no prototype; a plain
 * function's prototype is empty).
 */
function isClass(f: (...args: never[]) => unknown): boolean {
  try {
    if (/^class\b/.test(Function.prototype.toString.call(f))) return true;
    const proto: unknown = (f as { prototype?: unknown }).prototype;
    return (
      typeof proto === 'object' &&
      proto !== null &&
      (typeof (proto as Record<string, unknown>).inject === 'function' ||
        typeof (proto as Record<string, unknown>).extract === 'function')
    );
  } catch {
    return false;
  }
}

function isPropagatorInstance(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>).inject === 'function' &&
    typeof (v as Record<string, unknown>).extract === 'function'
  );
}

/** The factory for a normalised name — built-in first, then registered — or undefined. */
export function findFactory(name: string): PropagatorFactory | undefined {
  return BUILTIN_FACTORIES.get(name) ?? registered.get(name);
}

/** Every name that resolves today, built-ins first, for warning messages. */
export function knownNames(): string[] {
  return [...BUILTIN_FACTORIES.keys(), NONE, ...registered.keys()];
}
