/** W3C-BAG §Limits (current text): propagate at least 64 list-members and 8192 bytes. */
export const BAGGAGE_MAX_MEMBERS = 64;
export const BAGGAGE_MAX_BYTES = 8192;
