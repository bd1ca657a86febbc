/**
 * `OTEL_PROPAGATORS` → a propagator, for `new NodeSDK({ textMapPropagator: propagatorFromEnv() })`.
 *
 * REQUIREMENTS §8: "Reads the environment when called (not at import)."
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { resolvePropagators } from './resolve';
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
  const value = env !== null && typeof env === 'object' ? env[OTEL_PROPAGATORS] : undefined;
  return resolvePropagators(typeof value === 'string' ? value : [], {
    source: OTEL_PROPAGATORS,
    ...options,
    env: env ?? {},
  });
}
