/**
 * The Google Cloud Trace header (REQUIREMENTS §12):
 * `X-Cloud-Trace-Context: {TRACE_ID}/{SPAN_ID}[;o={TRACE_TRUE}]` — a 32-char hex trace id, the span
 * id as an unsigned 64-bit decimal, and `o=1` to trace the request (`o=0` not to).
 */
export const X_CLOUD_TRACE_HEADER = 'x-cloud-trace-context';

/**
 * Longest value read. A valid value is at most 32 + 1 + 20 + 4 = 57 chars; 128 leaves room for a
 * span id written with leading zeros and rejects anything longer before any work is done.
 */
export const MAX_CLOUD_TRACE_CONTEXT_LENGTH = 128;

/** The options suffixes inject writes (`o=` is the only option the format has). */
export const OPTIONS_SAMPLED = ';o=1';
export const OPTIONS_NOT_SAMPLED = ';o=0';
