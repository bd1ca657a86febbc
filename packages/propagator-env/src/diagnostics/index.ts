/**
 * Diagnostics for a broken trace (issue 14, REQUIREMENTS §10): a format no configured propagator
 * reads, a header one rejected, and conflicts, reported rate-limited where the user sees them.
 * `withDiagnostics` is what the resolver calls.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import type { CompositePropagatorConfig } from '@baton/propagator-composite';
import { describePropagator } from '../describe';
import { conflictPrinter } from './conflicts';
import { DiagnosedPropagator } from './diagnosed-propagator';
import { DEFAULT_INTERVAL_MS, Sink } from './report';
import type { DiagnosticsOptions } from './report';
import { Watch } from './watch';
import type { WatchedMember } from './watch';

export type { DiagnosticReport, DiagnosticsOptions } from './report';
export type { RejectionExplainer, RejectionReason } from './rejection';
export { EXPLAIN_REJECTION } from './rejection';

export interface DiagnosticsSetup {
  readonly options: DiagnosticsOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sink: Sink;
  readonly intervalMs: number;
}

const KNOWN_OPTIONS = ['onReport', 'intervalMs'];

/** Checks the `diagnostics` option (configuration: a mistake throws, naming what to write). */
export function diagnosticsSetup(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): DiagnosticsSetup | undefined {
  if (value === false) return undefined;
  const options = (value ?? {}) as DiagnosticsOptions;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(
      'resolvePropagators: option "diagnostics" must be false or { onReport, intervalMs }.',
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `resolvePropagators: unknown diagnostics option "${key}"; the options are ${KNOWN_OPTIONS.join(', ')}.`,
      );
    }
  }
  if (options.onReport !== undefined && typeof options.onReport !== 'function') {
    throw new TypeError(
      'resolvePropagators: diagnostics.onReport must be a function (report) => void.',
    );
  }
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (typeof intervalMs !== 'number' || Number.isNaN(intervalMs) || intervalMs < 0) {
    throw new TypeError(
      `resolvePropagators: diagnostics.intervalMs must be a number of milliseconds >= 0 (Infinity: once), got ${String(intervalMs)}.`,
    );
  }
  return { options, env, sink: new Sink(options.onReport, env), intervalMs };
}

/** The composite options with conflicts also printed on stderr while no diag logger exists. */
export function withConflictPrinting(
  composite: Omit<CompositePropagatorConfig, 'propagators' | 'inject' | 'extract'> | undefined,
  setup: DiagnosticsSetup,
): Omit<CompositePropagatorConfig, 'propagators' | 'inject' | 'extract'> {
  return {
    ...composite,
    onConflict: conflictPrinter(composite?.onConflict, setup.sink, setup.intervalMs),
  };
}

/** `propagator` with the per-request diagnostics, for `members` resolved from `names`. */
export function withDiagnostics(
  propagator: TextMapPropagator,
  members: readonly WatchedMember[],
  names: readonly string[],
  source: string,
  setup: DiagnosticsSetup,
): TextMapPropagator {
  const description = describePropagator(propagator);
  const configured = `${source}=${names.join(',')} → ${description}`;
  const fixTarget = source === 'OTEL_PROPAGATORS' ? 'OTEL_PROPAGATORS' : 'the propagator names';
  const watch = new Watch(members, configured, fixTarget, setup.sink, setup.intervalMs);
  return new DiagnosedPropagator(propagator, watch, description);
}
