/**
 * @baton/propagator-env — `OTEL_PROPAGATORS` resolver, propagator registry, and (through the
 * `@baton/propagator-env/register` entry) global registration at preload time.
 */
export { propagatorFromEnv, OTEL_PROPAGATORS } from './from-env';
export { resolvePropagators } from './resolve';
export type { ResolveOptions } from './resolve';
export { registerPropagator } from './registry';
export type { PropagatorFactory, PropagatorFactoryContext } from './registry';
export { describePropagator } from './describe';
export { installedPropagator } from './global-propagator';
export { DEFAULT_PROPAGATOR_NAMES } from './names';
export { parsePropagatorNames } from './names';
export { EXPLAIN_REJECTION } from './diagnostics';
export { loadPreloadConfig, CONFIG_VARIABLE as BATON_PROPAGATORS_CONFIG } from './preload-config';
export type { PreloadConfig } from './preload-config';
export type {
  DiagnosticReport,
  DiagnosticsOptions,
  RejectionExplainer,
  RejectionReason,
} from './diagnostics';
