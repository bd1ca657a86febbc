/**
 * Header names and wire constants of the Jaeger propagation format
 * (Jaeger docs, "Propagation Format"; REQUIREMENTS §5).
 */

/** The trace context header: `{trace-id}:{span-id}:{parent-span-id}:{flags}`. */
export const UBER_TRACE_ID_HEADER = 'uber-trace-id';

/** Baggage travels as one header per item, `uberctx-{key}: {value}`. */
export const UBER_BAGGAGE_HEADER_PREFIX = 'uberctx';

/** Ad-hoc baggage sent by clients without a tracer: `jaeger-baggage: k1=v1, k2=v2`. */
export const JAEGER_BAGGAGE_HEADER = 'jaeger-baggage';

/** Jaeger flag bits. 0x08 (firehose) exists but has no OpenTelemetry meaning and is ignored. */
export const FLAG_SAMPLED = 0x01;
export const FLAG_DEBUG = 0x02;

/**
 * Longest `uber-trace-id` value read. A valid value is at most 32+16+16+2 hex digits and three
 * colons (69 chars); with every colon written as `%3A` it is 75. 256 leaves room for clients that
 * percent-encode more than the colons, and rejects anything longer before any work is done.
 */
export const MAX_UBER_TRACE_ID_LENGTH = 256;

/** Widest accepted parent-span-id field (64 bits); it is validated, then ignored. */
export const MAX_PARENT_ID_LENGTH = 16;
