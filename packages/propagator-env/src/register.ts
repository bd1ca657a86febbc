/**
 * `@baton/propagator-env/register` — preload this to set the global propagator from the environment:
 *
 *   node --require @baton/propagator-env/register app.js
 *   node --import @baton/propagator-env/register app.mjs
 *
 * REQUIREMENTS §8: "Usable … by preloading `--require @baton/propagator-env/register` (sets the global
 * propagator)."
 *
 * **Decision:** this entry prints to stderr (console.error), not through `diag`. It runs before any
 * application code, so no diag logger can be installed yet and `diag` output would be lost; stderr keeps
 * a program's stdout clean. What it prints is chosen by `OTEL_LOG_LEVEL` (see log-level.ts).
 *
 * To use a custom name, preload the module that calls `registerPropagator` FIRST:
 *   node --require ./propagators.js --require @baton/propagator-env/register app.js
 */
import { propagation } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import { describePropagator } from './describe';
import { OTEL_PROPAGATORS, propagatorFromEnv } from './from-env';
import { preloadVerbosity } from './log-level';
import { joinEnvContextAtStartup } from './join-env-context';

const verbosity = preloadVerbosity(process.env.OTEL_LOG_LEVEL);

function print(line: string): void {
  try {
    console.error(line);
  } catch {
    // stderr closed: nothing sensible left to do, and a preload must not crash the process.
  }
}

/** The propagator this entry resolved from `OTEL_PROPAGATORS` (and registered, when `registered`). */
export const propagator: TextMapPropagator = propagatorFromEnv(process.env, {
  logger: { warn: (message: string) => (verbosity.warnings ? print(message) : undefined) },
});

/** False when another global propagator was registered first; then this one is not in use. */
export const registered: boolean = propagation.setGlobalPropagator(propagator);

const value = process.env[OTEL_PROPAGATORS];
const from =
  value === undefined
    ? `${OTEL_PROPAGATORS} unset`
    : `${OTEL_PROPAGATORS}=${JSON.stringify(value)}`;
if (!registered) {
  if (verbosity.warnings) {
    print(
      `@baton/propagator-env: a global propagator was already registered; ${describePropagator(propagator)} ` +
        `(from ${from}) was not installed. Preload @baton/propagator-env/register before other OpenTelemetry setup.`,
    );
  }
} else if (verbosity.registered) {
  print(
    `@baton/propagator-env: registered global propagator ${describePropagator(propagator)} (from ${from})`,
  );
}

/**
 * Root spans of this process continue the trace context of its environment (`TRACEPARENT`, …, read
 * with the propagator now registered); `BATON_JOIN_ENV_CONTEXT=false` turns this off. See
 * @baton/carriers.
 */
export const joinedEnvContext = joinEnvContextAtStartup((message) =>
  verbosity.warnings ? print(message) : undefined,
);
