/**
 * Where Baton's own messages go when no logger was passed: configuration mistakes, and the
 * broken-trace diagnostics.
 *
 * REQUIREMENTS §10: "A configuration mistake … is never silent: printed once on stderr even when no
 * `diag` logger is installed, and sent through `diag` too. `OTEL_LOG_LEVEL=none` silences it."
 *
 * Why not always `diag`: the README's own setup, `new NodeSDK({ textMapPropagator:
 * propagatorFromEnv() })`, evaluates `propagatorFromEnv()` before the SDK installs its diag logger, and
 * a preload runs before any logger can exist — a warning sent only to `diag` there is lost.
 * Why not always stderr as well: once a logger exists (the SDK's prints to the console), the same line
 * would appear twice.
 *
 * **Decision:** a `diag` logger is installed → `diag.warn` (its level filters, as for every SDK
 * message); none is installed → one line on stderr, unless `OTEL_LOG_LEVEL` is `none` or `error`.
 * Each distinct message is printed once per process.
 */
import { diag } from '@opentelemetry/api';
import { preloadVerbosity } from './log-level';

/** The API's global registry (`@opentelemetry/api` `global-utils`): `diag` is set there by setLogger. */
const API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

/** True when some `diag.setLogger(...)` is in effect (for any copy of the API, major version 1). */
export function diagLoggerInstalled(): boolean {
  try {
    const registry = (globalThis as Record<symbol, unknown>)[API_GLOBAL];
    return (
      typeof registry === 'object' &&
      registry !== null &&
      (registry as { diag?: unknown }).diag !== undefined
    );
  } catch {
    return false;
  }
}

/** Messages already printed on stderr in this process (the "once" of §10). */
const printed = new Set<string>();

/** Printing on stderr must never take a service down (stderr closed, EPIPE). */
export function printLine(line: string): void {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // nothing sensible left to do
  }
}

/**
 * Sends `message` where the user will see it (see the decision above). `env` decides the stderr
 * verbosity (`OTEL_LOG_LEVEL`); it is the environment the configuration came from.
 */
export function notice(
  message: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): void {
  if (diagLoggerInstalled()) {
    try {
      diag.warn(message);
    } catch {
      // a broken logger must not turn a warning into a failure
    }
    return;
  }
  if (!preloadVerbosity(env.OTEL_LOG_LEVEL ?? process.env.OTEL_LOG_LEVEL).warnings) return;
  if (printed.has(message)) return;
  printed.add(message);
  printLine(message);
}
