/**
 * Which variables of an inherited environment hold trace context, so that a child gets the parent's
 * CURRENT context and never a mix of it with whatever the parent itself inherited.
 *
 * The fixed names of every format Baton and the official packages know, normalized; plus the two
 * baggage prefixes (Jaeger `uberctx-*`, OT `ot-baggage-*`); plus whatever the configured propagator
 * lists in `fields()` (a custom header such as `platform-id` → `PLATFORM_ID`).
 *
 * Not listed: `_X_AMZN_TRACE_ID`, which the Lambda runtime owns (`X_AMZN_TRACE_ID`, the header's
 * normalized name, is listed).
 */
import { normalizeEnvName } from './normalize';

export const TRACE_VARIABLES: readonly string[] = [
  'TRACEPARENT',
  'TRACESTATE',
  'BAGGAGE',
  'B3',
  'X_B3_TRACEID',
  'X_B3_SPANID',
  'X_B3_PARENTSPANID',
  'X_B3_SAMPLED',
  'X_B3_FLAGS',
  'UBER_TRACE_ID',
  'JAEGER_BAGGAGE',
  'OT_TRACER_TRACEID',
  'OT_TRACER_SPANID',
  'OT_TRACER_SAMPLED',
  'X_AMZN_TRACE_ID',
  'X_CLOUD_TRACE_CONTEXT',
];

export const TRACE_VARIABLE_PREFIXES: readonly string[] = ['UBERCTX_', 'OT_BAGGAGE_'];

/** A predicate: is this (already normalized) variable name trace context? */
export function traceVariableMatcher(fields: readonly string[]): (name: string) => boolean {
  const names = new Set(TRACE_VARIABLES);
  for (const field of fields) if (typeof field === 'string') names.add(normalizeEnvName(field));
  return (name) => {
    if (names.has(name)) return true;
    for (const prefix of TRACE_VARIABLE_PREFIXES) if (name.startsWith(prefix)) return true;
    return false;
  };
}
