/**
 * Names and limits from the specs, spelled as the specs spell them.
 * W3C-TC = W3C Trace Context Level 2, W3C-BAG = W3C Baggage (current text).
 */

/** W3C-TC §traceparent Header / §tracestate Header: the header names, lowercase. */
export const TRACE_PARENT_HEADER = 'traceparent';
export const TRACE_STATE_HEADER = 'tracestate';

/** W3C-BAG §Header Name. */
export const BAGGAGE_HEADER = 'baggage';

/** W3C-TC §version: the only version this implementation writes. */
export const VERSION_00 = '00';

/** W3C-TC §trace-flags: sampled (0x01) and, since Level 2, random (0x02). Other bits are reserved. */
export const FLAG_SAMPLED = 0x01;
export const FLAG_RANDOM = 0x02;
export const KNOWN_FLAGS = FLAG_SAMPLED | FLAG_RANDOM;

/** `00-{32}-{16}-{2}`: the length of a version-00 traceparent. */
export const TRACE_PARENT_LENGTH = 55;

/**
 * Decision (the spec sets no bound for future versions): a traceparent longer than this, OWS
 * included, is rejected before any parsing. A version-00 header is 55 chars; 512 leaves room for
 * the fields a future version may append.
 */
export const TRACE_PARENT_MAX_LENGTH = 512;

/** W3C-TC §tracestate: "There can be a maximum of 32 list-members in a list." */
export const TRACE_STATE_MAX_MEMBERS = 32;

/** W3C-TC §key: 1 to 256 chars. §value: 1 to 256 chars. */
export const TRACE_STATE_MAX_KEY_LENGTH = 256;
export const TRACE_STATE_MAX_VALUE_LENGTH = 256;

/**
 * Decision: the combined tracestate (all headers joined) is discarded, unread, when longer than the
 * longest valid list written without whitespace (32 members of 256 + "=" + 256, 31 commas =
 * 16,447 chars) plus 1 KiB for optional whitespace and empty members.
 */
export const TRACE_STATE_MAX_LENGTH =
  TRACE_STATE_MAX_MEMBERS * (TRACE_STATE_MAX_KEY_LENGTH + 1 + TRACE_STATE_MAX_VALUE_LENGTH) +
  (TRACE_STATE_MAX_MEMBERS - 1) +
  1024;
