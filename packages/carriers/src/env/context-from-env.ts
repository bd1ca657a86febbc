/**
 * `contextFromEnv()`: the context a process was started with, from its environment.
 *
 * OTEL env-carriers, Process Spawning: "Child processes SHOULD extract context from environment
 * variables at startup." In code this is one line around the program's entry point:
 *
 *   context.with(contextFromEnv(), main);
 */
import { propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { envGetter, type EnvCarrier } from './env-carrier';

/** What extract needs: `propagation` (the global API) or any `TextMapPropagator`. */
export type Extractor = Pick<TextMapPropagator, 'extract'>;

export interface ContextFromEnvOptions {
  /** Default `process.env`. */
  env?: EnvCarrier;
  /** Default the global propagator (`propagation`), i.e. what `OTEL_PROPAGATORS` configured. */
  propagator?: Extractor;
}

/**
 * Extracts from the environment into `ROOT_CONTEXT`. Returns `ROOT_CONTEXT` itself when the
 * environment carries nothing the propagator reads (or the propagator throws).
 */
export function contextFromEnv(options: ContextFromEnvOptions = {}): Context {
  const propagator = options.propagator ?? propagation;
  try {
    return propagator.extract(ROOT_CONTEXT, options.env ?? process.env, envGetter);
  } catch {
    return ROOT_CONTEXT;
  }
}
