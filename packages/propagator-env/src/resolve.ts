/**
 * From a list of names to one propagator.
 *
 * REQUIREMENTS §8: "Unknown name → `diag.warn` naming the value, skipped. **Decision:** every name
 * unknown → warn and fall back to the default (Go); `none` alone → no-op propagator; `none` with
 * others → warn, no-op." and "a factory that throws → warn, that name skipped."
 *
 * A misconfigured environment never stops a service from starting: every problem here is a warning.
 * (Misusing the API in code — `registerPropagator` with a bad name — throws instead; see registry.ts.)
 */
import { diag } from '@opentelemetry/api';
import type { DiagLogger, TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator } from '@baton/propagator-composite';
import type { CompositePropagatorConfig } from '@baton/propagator-composite';
import { DEFAULT_PROPAGATOR_NAMES, NONE, parsePropagatorNames } from './names';
import { NoopPropagator } from './noop';
import { findFactory, knownNames } from './registry';
import { keepXRayLambda } from './xray-pair';

const PREFIX = '@baton/propagator-env:';

/**
 * OTEL-ENV names with no Baton implementation yet: the warning says so, instead of "unknown". Every
 * OTEL-ENV name is built in today (`xray` and `ottrace` arrived with issues 16 and 19); the set stays
 * for the next name the specification adds.
 */
const NOT_IMPLEMENTED = new Set<string>();

export interface ResolveOptions {
  /** Where warnings go. Default: `diag` from `@opentelemetry/api`. */
  readonly logger?: Pick<DiagLogger, 'warn'>;
  /** Handed to each factory (`context.env`). Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Used when the list is empty, or when no name in it could be used. Default `tracecontext,baggage`. */
  readonly defaults?: readonly string[];
  /** Named in warnings as where the list came from. Default: `resolvePropagators`. */
  readonly source?: string;
  /**
   * Options for the `CompositePropagator` built when several names resolve (`precedence`,
   * `onConflict`, …). Invalid options throw, as they would from `new CompositePropagator()`.
   */
  readonly composite?: Omit<CompositePropagatorConfig, 'propagators' | 'inject' | 'extract'>;
}

const KNOWN_OPTIONS = ['logger', 'env', 'defaults', 'source', 'composite'];

/** A misspelt option (`logr`) is a configuration error: thrown at start-up, naming the options. */
function checkOptionNames(options: object): void {
  if (typeof options !== 'object') {
    throw new TypeError('resolvePropagators: the options must be an object, e.g. { logger }');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `resolvePropagators: unknown option "${key}"; the options are ${KNOWN_OPTIONS.join(', ')}`,
      );
    }
  }
}

/**
 * One propagator for `names` (`['b3', 'tracecontext']` or `'b3, tracecontext'`), resolved exactly as
 * `OTEL_PROPAGATORS` would be: a single usable name gives that propagator alone, several give a
 * `CompositePropagator` in list order, `none` gives a no-op propagator.
 */
export function resolvePropagators(
  names: string | readonly string[],
  resolveOptions: ResolveOptions = {},
): TextMapPropagator {
  const options: ResolveOptions = resolveOptions ?? {}; // null from plain JS callers
  checkOptionNames(options);
  const warn = warner(options.logger);
  const env = options.env ?? process.env;
  const source = options.source ?? 'resolvePropagators';
  const defaults = parsePropagatorNames(options.defaults ?? DEFAULT_PROPAGATOR_NAMES);

  const requested = parsePropagatorNames(names);
  const list = keepXRayLambda(requested.length > 0 ? requested : defaults, warn, source);

  if (list.includes(NONE)) {
    if (list.length > 1) {
      warn(
        `${source} lists "${NONE}" with other names (${list.join(',')}): "${NONE}" wins and nothing is ` +
          `propagated. Remove "${NONE}" to use the others.`,
      );
    }
    return new NoopPropagator();
  }

  const combine = (propagators: TextMapPropagator[]): TextMapPropagator =>
    propagators.length === 1
      ? propagators[0]
      : // inject/extract reset: the resolved list is the member list for both directions.
        new CompositePropagator({
          ...options.composite,
          propagators,
          inject: undefined,
          extract: undefined,
        });

  const built = build(list, env, source, warn);
  if (built.length > 0) return combine(built);

  if (list !== defaults) {
    warn(
      `${source}: none of the propagators ${list.join(',')} could be used; ` +
        `falling back to the default ${defaults.join(',')}.`,
    );
    const fallback = build(defaults, env, source, warn);
    if (fallback.length > 0) return combine(fallback);
  }
  warn(`${source}: no propagator could be built; nothing will be propagated.`);
  return new NoopPropagator();
}

/** Calls the factory of each name in order; each unusable name is warned about and skipped. */
function build(
  names: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  source: string,
  warn: (message: string) => void,
): TextMapPropagator[] {
  const out: TextMapPropagator[] = [];
  for (const name of names) {
    if (name === NONE) continue; // only reachable through `defaults`; `none` in the list is handled above
    const factory = findFactory(name);
    if (factory === undefined) {
      const why = NOT_IMPLEMENTED.has(name)
        ? `"${name}" is an OpenTelemetry name Baton does not implement yet`
        : `unknown propagator "${name}"`;
      warn(
        `${source}: ${why}; skipped. Known names: ${knownNames().join(', ')}. ` +
          `Register others with registerPropagator(name, factory) before resolving.`,
      );
      continue;
    }
    let propagator: unknown;
    try {
      propagator = factory({ name, env });
    } catch (err) {
      warn(`${source}: the factory for "${name}" threw (${errorText(err)}); "${name}" skipped.`);
      continue;
    }
    if (!isTextMapPropagator(propagator)) {
      warn(
        `${source}: the factory for "${name}" did not return a TextMapPropagator ` +
          `(an object with inject, extract and fields); "${name}" skipped.`,
      );
      continue;
    }
    out.push(propagator);
  }
  return out;
}

function isTextMapPropagator(p: unknown): p is TextMapPropagator {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.inject === 'function' &&
    typeof o.extract === 'function' &&
    typeof o.fields === 'function'
  );
}

/** A warn function that cannot throw, whatever logger it was given. */
function warner(logger: Pick<DiagLogger, 'warn'> | undefined): (message: string) => void {
  const target = logger ?? diag;
  return (message) => {
    try {
      target.warn(`${PREFIX} ${message}`);
    } catch {
      // A broken logger must not turn a configuration warning into a start-up failure.
    }
  };
}

function errorText(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'unprintable error';
  }
}
