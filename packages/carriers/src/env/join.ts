/**
 * Joining at startup: root spans of this process become children of the context in its environment
 * (`TRACEPARENT`, `BAGGAGE`, `X_B3_TRACEID`, … — whatever the configured propagator reads).
 *
 * How: the context manager the SDK registers later (`sdk.start()`, `provider.register()`) is wrapped
 * in a `StartupContextManager` (see there) as it is registered. This is what the
 * `@baton/propagator-env/register` preload calls; in code, call `joinEnvironmentContext()` before
 * `sdk.start()`, or skip it all and write `context.with(contextFromEnv(), main)`.
 *
 * OTEL env-carriers: "Applications SHOULD read context-related environment variables during
 * initialization." The environment is read once, here, and never written.
 */
import {
  context as contextApi,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
} from '@opentelemetry/api';
import type { Context, ContextManager } from '@opentelemetry/api';
import { contextFromEnv, type ContextFromEnvOptions } from './context-from-env';
import { StartupContextManager, type StartupSource } from './startup-context-manager';
import { traceVariableMatcher } from './trace-variables';

/** The switch the preload reads: `BATON_JOIN_ENV_CONTEXT=false` turns joining off. */
export const JOIN_ENV_CONTEXT = 'BATON_JOIN_ENV_CONTEXT';

export interface JoinOptions extends ContextFromEnvOptions {
  /** Where a configuration problem is reported. Default: one line on stderr. */
  warn?: (message: string) => void;
}

export interface JoinResult {
  /** True when root spans will continue the environment's context. */
  readonly joined: boolean;
  /** The context read from the environment (`ROOT_CONTEXT` when it holds none). */
  readonly context: Context;
  /** Why not, when `joined` is false. */
  readonly reason?: string;
}

type Setter = (manager: ContextManager) => boolean;
type Hook = StartupSource;
// One hook per process even if two copies of this package are loaded: the state lives on the
// (shared, one-per-process) context API object under a global symbol.
const HOOK = Symbol.for('@baton/carriers startup context');
const PROBE = createContextKey('@baton/carriers probe');

/** True when a real context manager is registered (the no-op one ignores `with`). */
function contextManagerRegistered(): boolean {
  const probe = ROOT_CONTEXT.setValue(PROBE, true);
  try {
    return contextApi.with(probe, () => contextApi.active() === probe);
  } catch {
    return false;
  }
}

/**
 * The first trace variable (TRACEPARENT, X_B3_TRACEID, UBERCTX_…) of `env` when no global
 * propagator is registered yet (the API's no-op lists no fields), else undefined.
 */
function unreadTraceVariable(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  try {
    if (propagation.fields().length > 0) return undefined;
    const isTraceVariable = traceVariableMatcher([]);
    for (const name of Object.keys(env)) {
      if (env[name] !== undefined && isTraceVariable(name)) return name;
    }
  } catch {
    // A hostile environment object or propagator: nothing to report.
  }
  return undefined;
}

function defaultWarn(message: string): void {
  try {
    console.error(message);
  } catch {
    // stderr closed: nothing left to tell.
  }
}

/**
 * Makes every context manager registered from now on a `StartupContextManager` around the
 * environment's context. Returns what it did; never throws.
 */
export function joinEnvironmentContext(options: JoinOptions = {}): JoinResult {
  const warn = options.warn ?? defaultWarn;
  const startup = contextFromEnv(options);
  if (startup === ROOT_CONTEXT) {
    const unread = options.propagator === undefined ? unreadTraceVariable(options.env) : undefined;
    if (unread === undefined) {
      return { joined: false, context: startup, reason: 'the environment carries no context' };
    }
    // Called in code before sdk.start() without a propagator: the global one is still the API's
    // no-op, which reads nothing, so a TRACEPARENT that is there would be ignored without a word.
    const reason = 'no propagator was registered yet to read the environment';
    warn(
      `@baton/carriers: ${unread} is set, but ${reason} (joinEnvironmentContext() runs before ` +
        'sdk.start() registers one), so root spans will not continue it. Pass the propagator: ' +
        'joinEnvironmentContext({ propagator: propagatorFromEnv() }) with propagatorFromEnv from ' +
        '@baton/propagator-env, or preload @baton/propagator-env/register instead.',
    );
    return { joined: false, context: startup, reason };
  }
  const api = contextApi as unknown as { setGlobalContextManager: Setter; [HOOK]?: Hook };
  const installed = api[HOOK];
  if (installed !== undefined) {
    installed.startup = startup;
    return { joined: true, context: startup };
  }
  if (contextManagerRegistered()) {
    const reason =
      'a context manager was registered before the environment context could be joined';
    warn(
      `@baton/carriers: ${reason}, so root spans will not continue TRACEPARENT/BAGGAGE. ` +
        'Preload @baton/propagator-env/register before the OpenTelemetry SDK starts, call ' +
        'joinEnvironmentContext() before sdk.start(), or run your entry point inside ' +
        'context.with(contextFromEnv(), main).',
    );
    return { joined: false, context: startup, reason };
  }
  const hook: Hook = { startup };
  const register = api.setGlobalContextManager;
  api.setGlobalContextManager = function (this: unknown, manager: ContextManager): boolean {
    const wrapped =
      manager instanceof StartupContextManager ? manager : new StartupContextManager(manager, hook);
    return register.call(this, wrapped);
  };
  api[HOOK] = hook;
  return { joined: true, context: startup };
}

/** How the preload reads `BATON_JOIN_ENV_CONTEXT`: unset → on. */
export function joinSwitch(value: string | undefined): { on: boolean; problem?: string } {
  if (value === undefined) return { on: true };
  switch (value.trim().toLowerCase()) {
    case '':
    case 'true':
    case '1':
    case 'on':
      return { on: true };
    case 'false':
    case '0':
    case 'off':
      return { on: false };
    default:
      return {
        on: true,
        problem:
          `${JOIN_ENV_CONTEXT}=${JSON.stringify(value)} is not true or false; joining the ` +
          `environment's trace context stays on. Set ${JOIN_ENV_CONTEXT}=false to turn it off.`,
      };
  }
}

/**
 * What the `@baton/propagator-env/register` preload runs: `joinEnvironmentContext()` unless
 * `BATON_JOIN_ENV_CONTEXT=false`. A value that is neither true nor false is warned about.
 */
export function joinAtStartup(options: JoinOptions = {}): JoinResult {
  const env = options.env ?? process.env;
  const warn = options.warn ?? defaultWarn;
  const { on, problem } = joinSwitch(env[JOIN_ENV_CONTEXT]);
  if (problem !== undefined) warn(`@baton/carriers: ${problem}`);
  if (!on) {
    return { joined: false, context: ROOT_CONTEXT, reason: `${JOIN_ENV_CONTEXT} is false` };
  }
  return joinEnvironmentContext({ ...options, env, warn });
}
