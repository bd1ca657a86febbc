/**
 * Header names of the OT Trace format — OpenTracing's basic tracers and Lightstep (REQUIREMENTS
 * §12), the same names and export names as `@opentelemetry/propagator-ot-trace`.
 */

/** The trace id: 16 or 32 lowercase hex chars. */
export const OT_TRACE_ID_HEADER = 'ot-tracer-traceid';
/** The span id: 16 lowercase hex chars. */
export const OT_SPAN_ID_HEADER = 'ot-tracer-spanid';
/** The sampling decision: `true` / `false` (and `1` / `0`, as some OT tracers send). */
export const OT_SAMPLED_HEADER = 'ot-tracer-sampled';
/** Baggage travels as one header per item, `ot-baggage-{key}: {value}`. */
export const OT_BAGGAGE_PREFIX = 'ot-baggage-';

/** A 64-bit trace id is 16 hex chars; OpenTelemetry holds it left-padded with 16 zeros. */
export const TRACE_ID_64_LENGTH = 16;
export const PADDING_64 = '0000000000000000';

/** Longest `ot-tracer-sampled` value read (`false`); longer values are rejected unread. */
export const MAX_SAMPLED_LENGTH = 5;
