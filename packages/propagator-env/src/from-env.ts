/**
 * `OTEL_PROPAGATORS` → a propagator, for `new NodeSDK({ textMapPropagator: propagatorFromEnv() })`.
 *
 * REQUIREMENTS §8: "Reads the environment when called (not at import)."
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { resolvePropagators } from './resolve';
import { whatIs } from './what-is';
import type { ResolveOptions } from './resolve';

/** The variable OTEL-ENV defines: "Propagators to be used as a comma-separated list". */
export const OTEL_PROPAGATORS = 'OTEL_PROPAGATORS';

/**
 * Resolves `env.OTEL_PROPAGATORS` (unset or empty → `tracecontext,baggage`). Factories receive `env`,
 * so a registered propagator can read its own settings from the same environment.
 */
export function propagatorFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: Omit<ResolveOptions, 'env'> = {},
): TextMapPropagator {
  checkEnv(env);
  const value = env[OTEL_PROPAGATORS];
  return resolvePropagators(typeof value === 'string' ? value : [], {
    source: OTEL_PROPAGATORS,
    ...(options ?? {}),
    env,
  });
}

/**
 * `propagatorFromEnv('b3')` from plain JavaScript used to return the default chain without a word.
 * The first argument is an environment; anything else is a mistake in code, so it throws.
 */
function checkEnv(env: unknown): asserts env is Readonly<Record<string, string | undefined>> {
  if (typeof env === 'object' && env !== null && !Array.isArray(env)) return;
  const hint =
    typeof env === 'string' || Array.isArray(env)
      ? ` To resolve names from code, call resolvePropagators(${JSON.stringify(env)}).`
      : '';
  throw new TypeError(
    `propagatorFromEnv: the first argument is the environment to read OTEL_PROPAGATORS from (an ` +
      `object such as process.env), got ${whatIs(env)}.${hint}`,
  );
}
