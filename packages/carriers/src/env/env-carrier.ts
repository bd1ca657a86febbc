/**
 * The environment as a carrier: `TextMapGetter` / `TextMapSetter` over `process.env` or any copy of
 * it, for any propagator — `traceparent` is read from `TRACEPARENT`, `x-b3-traceid` from
 * `X_B3_TRACEID`, `uber-trace-id` from `UBER_TRACE_ID`.
 *
 * OTEL env-carriers, as REQUIREMENTS §11 states it: "Get never reads a non-normalized variable; keys
 * returns only normalized names. Values are opaque strings."
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { isNormalizedEnvName, normalizeEnvName } from './normalize';

/** An environment: `process.env`, or a plain copy of it. */
export type EnvCarrier = Record<string, string | undefined>;

/**
 * Reads `carrier[normalizeEnvName(key)]`. Only string values are returned (a hostile or odd carrier
 * yields undefined, never a throw). Normalized names contain no lowercase letter, so no lookup can
 * reach an `Object.prototype` member (`constructor`, `__proto__`).
 */
export const envGetter: TextMapGetter<EnvCarrier> = {
  get(carrier: EnvCarrier, key: string): string | undefined {
    try {
      if (carrier === null || typeof carrier !== 'object') return undefined;
      const value: unknown = carrier[normalizeEnvName(key)];
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  },
  keys(carrier: EnvCarrier): string[] {
    try {
      if (carrier === null || typeof carrier !== 'object') return [];
      return Object.keys(carrier).filter(isNormalizedEnvName);
    } catch {
      return [];
    }
  },
};

/**
 * Writes `carrier[normalizeEnvName(key)] = value`. Meant for a copy of the environment (see
 * `envForChild`): the spec says a process's own environment is not modified, so never pass
 * `process.env` itself.
 */
export const envSetter: TextMapSetter<EnvCarrier> = {
  set(carrier: EnvCarrier, key: string, value: string): void {
    try {
      if (carrier === null || typeof carrier !== 'object' || typeof value !== 'string') return;
      carrier[normalizeEnvName(key)] = value;
    } catch {
      // A frozen carrier: inject never throws (REQUIREMENTS §1).
    }
  },
};
