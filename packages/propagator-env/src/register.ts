/**
 * `@baton/propagator-env/register` — preload this to set the global propagator from the environment:
 *
 *   node --require @baton/propagator-env/register --require @opentelemetry/auto-instrumentations-node/register app.js
 *   node --import  @baton/propagator-env/register --import  @opentelemetry/auto-instrumentations-node/register app.mjs
 *
 * REQUIREMENTS §8: "Usable … by preloading `--require @baton/propagator-env/register` (sets the global
 * propagator)." With the SDK's auto-instrumentations preload it works in either order:
 *
 * - Baton first: it installs its propagator and starts the SDK's preload itself with
 *   OTEL_PROPAGATORS hidden from it (sdk-handoff.ts), so the SDK neither warns about names it lacks nor
 *   tries to register a second propagator.
 * - SDK first: the SDK already registered the propagator it built from the same OTEL_PROPAGATORS; the
 *   entry replaces exactly that one (global-propagator.ts) and, when the SDK warned about names it
 *   lacks, says once that Baton resolved them. A propagator the user's code registered is kept.
 *
 * What it prints goes to stderr (no diag logger can exist before it runs), chosen by OTEL_LOG_LEVEL
 * (log-level.ts, notice.ts). Inside npm or another package manager, reached through NODE_OPTIONS, it
 * does nothing at all (tool.ts).
 *
 * To use a custom name, preload the module that calls `registerPropagator` FIRST:
 *   node --require ./propagators.js --require @baton/propagator-env/register app.js
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { describePropagator } from './describe';
import { OTEL_PROPAGATORS, propagatorFromEnv } from './from-env';
import { installGlobal, namesTheSdkLacks, sdkNames } from './global-propagator';
import type { InstallOutcome } from './global-propagator';
import { preloadVerbosity } from './log-level';
import { notice, printLine } from './notice';
import { NoopPropagator } from './noop';
import { loadPreloadConfig } from './preload-config';
import type { PreloadConfig } from './preload-config';
import { batonPreload, laterSdkPreload, preloadOrder } from './preloads';
import { handOffToSdk, withPropagatorsHidden } from './sdk-handoff';
import type { HandOff } from './sdk-handoff';
import { isPackageManagerProcess } from './tool';
import { joinEnvContextAtStartup } from './join-env-context';
import type { JoinResult } from '@baton/carriers';

const PREFIX = '@baton/propagator-env:';
const env = process.env;
const verbosity = preloadVerbosity(env.OTEL_LOG_LEVEL);
const order = preloadOrder();
const self = batonPreload(order);

/** npm's own process, reached through NODE_OPTIONS: stay out of it entirely. */
const insideTool = self !== undefined && self.fromNodeOptions && isPackageManagerProcess();

/** "(from OTEL_PROPAGATORS=…)" for the lines below. */
function source(): string {
  const value = env[OTEL_PROPAGATORS];
  return value === undefined
    ? `${OTEL_PROPAGATORS} unset`
    : `${OTEL_PROPAGATORS}=${JSON.stringify(value)}`;
}

/**
 * Resolves OTEL_PROPAGATORS with the hooks of BATON_PROPAGATORS_CONFIG (preload-config.ts). Options
 * the resolver rejects are reported and left out, never a reason not to start.
 */
function resolveFromEnv(): TextMapPropagator {
  const loaded = loadPreloadConfig(env);
  let config: PreloadConfig = {};
  if ('problem' in loaded) notice(`${PREFIX} ${loaded.problem}`);
  else config = loaded.config;
  try {
    return propagatorFromEnv(env, config);
  } catch (err) {
    notice(
      `${PREFIX} the options of BATON_PROPAGATORS_CONFIG were rejected (${err instanceof Error ? err.message : String(err)}); ` +
        `they were ignored.`,
    );
    return propagatorFromEnv(env);
  }
}

/** The propagator this entry resolved from `OTEL_PROPAGATORS` (installed when `registered`). */
export const propagator: TextMapPropagator = insideTool ? new NoopPropagator() : resolveFromEnv();

const outcome: InstallOutcome | 'tool' = insideTool
  ? 'tool'
  : installGlobal(propagator, env[OTEL_PROPAGATORS]);

/** False when another global propagator was registered first; then this one is not in use. */
export const registered: boolean = outcome === 'installed' || outcome === 'replaced-sdk';

/**
 * Root spans of this process continue the trace context of its environment (`TRACEPARENT`, …, read
 * with the propagator now registered); `BATON_JOIN_ENV_CONTEXT=false` turns this off. See
 * @baton/carriers. Before the hand-off below: joining wraps the context manager the SDK registers
 * when it starts, so it must be in place before the SDK's register entry runs.
 */
export const joinedEnvContext: JoinResult | undefined = insideTool
  ? undefined // npm's own process, reached through NODE_OPTIONS: stay out of it
  : joinEnvContextAtStartup((message) => (verbosity.warnings ? printLine(message) : undefined));

const handOff: HandOff = insideTool
  ? { kind: 'none' }
  : handOffToSdk(laterSdkPreload(order), self?.kind ?? 'require');

/** Says what happened: one info line, or a warning when something needs the user's attention. */
function report(): void {
  const description = describePropagator(propagator);
  if (outcome === 'kept-existing') {
    notice(
      `${PREFIX} a global propagator was already registered; ${description} (from ${source()}) was ` +
        `not installed. Preload @baton/propagator-env/register before other OpenTelemetry setup.`,
    );
  } else if (outcome === 'replaced-sdk') {
    explainSdkWarnings(description);
  }
  if (handOff.kind === 'unsupported') {
    notice(
      `${PREFIX} @opentelemetry/auto-instrumentations-node/register is preloaded with --import and ` +
        `this entry with --require, so it resolves OTEL_PROPAGATORS itself and warns about it. ` +
        `Preload both with --require, or both with --import.`,
    );
  }
  if (registered && verbosity.registered) {
    const replaced = outcome === 'replaced-sdk' ? ', replacing the one the SDK built' : '';
    printLine(
      `${PREFIX} registered global propagator ${description} (from ${source()}${replaced})`,
    );
  }
}

/**
 * SDK first: its resolver already warned (at OTEL_LOG_LEVEL=warn or more verbose) about the names it
 * lacks and about Jaeger being deprecated. Those lines are now wrong; say so once, with the order
 * that avoids them.
 */
function explainSdkWarnings(description: string): void {
  const value = env[OTEL_PROPAGATORS];
  const lacked = namesTheSdkLacks(value);
  // SDK 2 builds jaeger with a "deprecated" warning, SDK 3 lacks it: a warning either way.
  if (sdkNames(value).includes('jaeger') && !lacked.includes('jaeger')) lacked.push('jaeger');
  if (lacked.length === 0) return;
  notice(
    `${PREFIX} ${description} (from ${source()}) is the global propagator; earlier warnings of ` +
      `@opentelemetry/sdk-node about ${lacked.map((n) => `"${n}"`).join(', ')} came from its own ` +
      `resolver and no longer apply. Preload @baton/propagator-env/register first to avoid them.`,
  );
}

if (!insideTool) report();

/**
 * For dist/esm/register.mjs (top-level await): both entries `--import`ed, the SDK's may be an ES
 * module, so it is imported here, with OTEL_PROPAGATORS hidden until it has started.
 */
export async function esmHandOff(importer: (specifier: string) => Promise<unknown>): Promise<void> {
  if (handOff.kind !== 'esm') return;
  await withPropagatorsHidden(() => importer(handOff.specifier));
}
