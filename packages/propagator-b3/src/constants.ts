/**
 * B3 header names (openzipkin/b3-propagation), precomputed in lowercase: the name every carrier is
 * tried with first (REQUIREMENTS §1), and the only form inject writes.
 */

/** Single-header encoding: `b3: {trace}-{span}[-{sampling}[-{parent}]]`. */
export const B3_CONTEXT_HEADER = 'b3';
/** Multi-header encoding. */
export const X_B3_TRACE_ID = 'x-b3-traceid';
export const X_B3_SPAN_ID = 'x-b3-spanid';
export const X_B3_SAMPLED = 'x-b3-sampled';
export const X_B3_FLAGS = 'x-b3-flags';
/** Read by nobody and never written (REQUIREMENTS §4: "Never `x-b3-parentspanid`"); exported for drop-in imports. */
export const X_B3_PARENT_SPAN_ID = 'x-b3-parentspanid';

/**
 * Longest valid `b3` value: 32 trace + `-` + 16 span + `-` + 1 sampling + `-` + 16 parent = 68.
 * Anything longer is rejected before a single character is read (bounded work on hostile input).
 */
export const B3_MAX_LENGTH = 68;
/** Longest valid multi values: trace id 32, span id 16, `x-b3-sampled: false` 5, `x-b3-flags: 1` 1. */
export const TRACE_ID_MAX_LENGTH = 32;
export const SPAN_ID_MAX_LENGTH = 16;
export const SAMPLED_MAX_LENGTH = 5;
export const FLAGS_MAX_LENGTH = 1;

/** A 64-bit trace id is 16 hex chars; OpenTelemetry holds it left-padded with 16 zeros. */
export const TRACE_ID_64_LENGTH = 16;
export const PADDING_64 = '0000000000000000';
