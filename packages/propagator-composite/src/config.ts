/**
 * The options of CompositePropagator, and their validation.
 *
 * DESIGN "Bad configuration: throw at construction with a message that says what to change": every
 * check here runs once, in the constructor, so the request path never has to doubt its inputs.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import type { ConflictInfo } from './conflict';

/** Which member's span context the composite keeps when several members extract one. */
export type Precedence = 'first' | 'last';

export interface CompositePropagatorConfig {
  /**
   * Members for both directions, in order (as `@opentelemetry/core`'s CompositePropagator).
   * Used for a direction whose own list (`inject` / `extract`) is not given.
   */
  propagators?: TextMapPropagator[];
  /** Members that write headers, in order. Default: `propagators`. */
  inject?: TextMapPropagator[];
  /** Members that read headers, in order. Default: `propagators`. */
  extract?: TextMapPropagator[];
  /**
   * `'last'` (default, as core): a later member that extracts a valid span context replaces an
   * earlier one. `'first'`: the first member that extracts one keeps it.
   */
  precedence?: Precedence;
  /** Called when members extract different trace ids from one carrier. Exceptions are caught. */
  onConflict?: (info: ConflictInfo) => void;
  /**
   * A conflict is also reported with `diag.warn`, at most once per this many milliseconds per
   * composite (default 60 000); the next warning says how many were not logged. `Infinity`: once.
   */
  conflictWarningIntervalMs?: number;
}

export interface NormalizedConfig {
  injectMembers: TextMapPropagator[];
  extractMembers: TextMapPropagator[];
  precedence: Precedence;
  onConflict: ((info: ConflictInfo) => void) | undefined;
  conflictWarningIntervalMs: number;
}

export const DEFAULT_CONFLICT_WARNING_INTERVAL_MS = 60_000;

const PREFIX = 'CompositePropagator:';

const KNOWN_OPTIONS = [
  'propagators',
  'inject',
  'extract',
  'precedence',
  'onConflict',
  'conflictWarningIntervalMs',
];

function isPropagator(p: unknown): p is TextMapPropagator {
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof (p as TextMapPropagator).inject === 'function' &&
    typeof (p as TextMapPropagator).extract === 'function'
  );
}

function memberList(value: unknown, option: string): TextMapPropagator[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new TypeError(`${PREFIX} option "${option}" must be an array of propagators.`);
  }
  for (let i = 0; i < value.length; i++) {
    if (!isPropagator(value[i])) {
      throw new TypeError(
        `${PREFIX} ${option}[${i}] is not a TextMapPropagator (it needs inject and extract ` +
          `methods); remove it or pass a propagator instance (did you pass the class instead of new Class()?).`,
      );
    }
  }
  // Copied so that later changes to the caller's array do not change this composite.
  return value.slice();
}

export function normalizeConfig(config: CompositePropagatorConfig | undefined): NormalizedConfig {
  if (config === undefined || config === null) config = {};
  if (typeof config !== 'object') {
    throw new TypeError(
      `${PREFIX} the argument must be an options object, e.g. { propagators: [...] }.`,
    );
  }
  if (Array.isArray(config)) {
    // new CompositePropagator([a, b]) would otherwise be an options object with no members: a
    // composite that silently propagates nothing.
    throw new TypeError(
      `${PREFIX} pass the members as { propagators: [...] }, not as an array (as @opentelemetry/core's).`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      // A typo (precendence: 'first') must not silently fall back to the default.
      throw new TypeError(
        `${PREFIX} unknown option "${key}"; the options are ${KNOWN_OPTIONS.join(', ')}.`,
      );
    }
  }
  const propagators = memberList(config.propagators, 'propagators');
  const inject = memberList(config.inject, 'inject');
  const extract = memberList(config.extract, 'extract');
  if (propagators !== undefined && inject !== undefined && extract !== undefined) {
    throw new TypeError(
      `${PREFIX} "propagators" is unused when both "inject" and "extract" are given; remove one of the three.`,
    );
  }

  const precedence = config.precedence ?? 'last';
  if (precedence !== 'first' && precedence !== 'last') {
    throw new TypeError(
      `${PREFIX} option "precedence" must be 'first' or 'last', got ${JSON.stringify(precedence)}.`,
    );
  }

  const onConflict = config.onConflict;
  if (onConflict !== undefined && typeof onConflict !== 'function') {
    throw new TypeError(`${PREFIX} option "onConflict" must be a function (info) => void.`);
  }

  const interval = config.conflictWarningIntervalMs ?? DEFAULT_CONFLICT_WARNING_INTERVAL_MS;
  if (typeof interval !== 'number' || Number.isNaN(interval) || interval < 0) {
    throw new TypeError(
      `${PREFIX} option "conflictWarningIntervalMs" must be a number of milliseconds >= 0 ` +
        `(Infinity to warn only once), got ${String(interval)}.`,
    );
  }

  return {
    injectMembers: inject ?? propagators ?? [],
    extractMembers: extract ?? propagators ?? [],
    precedence,
    onConflict,
    conflictWarningIntervalMs: interval,
  };
}
