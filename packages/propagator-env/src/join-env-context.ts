/**
 * Joining at startup, for the `register` preload (issue 17): a process started with `TRACEPARENT`,
 * `BAGGAGE`, `X_B3_TRACEID`, … in its environment makes its root spans children of that context.
 * The mechanism lives in @baton/carriers (`joinAtStartup`); this module is the one place the preload
 * reaches it. Off switch: `BATON_JOIN_ENV_CONTEXT=false`.
 */
import { joinAtStartup, type JoinResult } from '@baton/carriers';

export function joinEnvContextAtStartup(warn: (message: string) => void): JoinResult {
  return joinAtStartup({ warn });
}
