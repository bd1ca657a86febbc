/**
 * Joining at startup, for the `register` preload (issue 17): a process started with `TRACEPARENT`,
 * `BAGGAGE`, `X_B3_TRACEID`, … in its environment makes its root spans children of that context.
 * The mechanism lives in @baton/carriers (`joinAtStartup`); this module is the one place the preload
 * reaches it. Off switch: `BATON_JOIN_ENV_CONTEXT=false`.
 */
import { propagation } from '@opentelemetry/api';
import { joinAtStartup, type JoinResult } from '@baton/carriers';

/**
 * Reads the environment with the global propagator the preload has just installed (or the one
 * registered before it), passed explicitly: joinEnvironmentContext warns when it is called without a
 * propagator while none is registered (in code, before sdk.start()), and `OTEL_PROPAGATORS=none`
 * registers one that reads nothing on purpose.
 */
export function joinEnvContextAtStartup(warn: (message: string) => void): JoinResult {
  return joinAtStartup({ warn, propagator: propagation });
}
