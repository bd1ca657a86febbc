/**
 * `envForChild()`: a copy of an environment with the active context injected, for
 * `child_process.spawn / exec / fork / execFile` (`{ env: envForChild() }`).
 *
 * OTEL env-carriers, Process Spawning: "Parent processes SHOULD copy the current environment
 * variables (if applicable), modify, and inject context when spawning child processes." and "each
 * child SHOULD receive its own copy of the environment variables". REQUIREMENTS §11: "Injection for a
 * child returns a copy of the environment; `process.env` is never mutated." This function spawns
 * nothing.
 */
import { context as contextApi, propagation } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { envSetter, type EnvCarrier } from './env-carrier';
import { traceVariableMatcher } from './trace-variables';

/** What inject needs: `propagation` (the global API) or any `TextMapPropagator`. */
export type Injector = Pick<TextMapPropagator, 'inject' | 'fields'>;

export interface EnvForChildOptions {
  /** The environment to copy. Default `process.env`. */
  env?: EnvCarrier;
  /** The context to pass on. Default the active context. */
  context?: Context;
  /** Default the global propagator (`propagation`), i.e. what `OTEL_PROPAGATORS` configured. */
  propagator?: Injector;
}

function fieldsOf(propagator: Injector): readonly string[] {
  try {
    const fields: unknown = propagator.fields();
    return Array.isArray(fields) ? fields : [];
  } catch {
    return [];
  }
}

/**
 * A new object: every string variable of `env` except the trace-context ones it inherited
 * (`TRACEPARENT`, `X_B3_*`, `UBERCTX_*`, … and the propagator's own fields, see trace-variables.ts),
 * then the context injected through the env carrier. With no span and no baggage in the context,
 * the child gets no trace variables and starts a trace of its own — never the grandparent's.
 */
export function envForChild(options: EnvForChildOptions = {}): Record<string, string> {
  const source = options.env ?? process.env;
  const propagator = options.propagator ?? propagation;
  const isTraceVariable = traceVariableMatcher(fieldsOf(propagator));
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string' && !isTraceVariable(name)) copy[name] = value;
  }
  try {
    propagator.inject(options.context ?? contextApi.active(), copy, envSetter);
  } catch {
    // A propagator that throws: the child starts without context rather than not at all.
  }
  return copy;
}
