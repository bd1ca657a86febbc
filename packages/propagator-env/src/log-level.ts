/**
 * `OTEL_LOG_LEVEL`, read by the preload entry to decide what it prints.
 *
 * OTEL-ENV: `OTEL_LOG_LEVEL` — "Log level used by the SDK internal logger". Values as the JS API's
 * `DiagLogLevel` names: none, error, warn, info, debug, verbose, all (case-insensitive).
 */

/** What the preload entry prints: warnings, and the one "registered …" line. */
export interface PreloadVerbosity {
  readonly warnings: boolean;
  readonly registered: boolean;
}

/**
 * **Decision:** unset or unrecognised → warnings only. The spec's default level is `info`, but a preload
 * that prints on every start of every process unless told not to would be noise; the "registered …"
 * line is opt-in (`info` or more verbose), as the issue asks. Warnings are on unless `none`/`error`,
 * because a misspelt propagator name silently breaking traces is exactly what must be seen.
 */
export function preloadVerbosity(value: string | undefined): PreloadVerbosity {
  const level = typeof value === 'string' ? value.trim().toLowerCase() : '';
  switch (level) {
    case 'none':
    case 'error':
      return { warnings: false, registered: false };
    case 'info':
    case 'debug':
    case 'verbose':
    case 'all':
      return { warnings: true, registered: true };
    default:
      return { warnings: true, registered: false };
  }
}
