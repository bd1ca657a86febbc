/**
 * The `Lineage` field of the tracing header: `{request counter}:{hash}:{loop counter}`, added by
 * Lambda's recursive-loop detection. Baton does not interpret it; it checks the shape, so that
 * what it carries in baggage and writes back is never something a downstream parser chokes on.
 *
 * Shape (the OpenTelemetry Java propagator's bounds): a decimal counter 0–32767, eight hex digits,
 * a decimal counter 0–255. 12 to 18 chars. Anything else is dropped (the trace is kept).
 */
import { hexOr } from '@baton/internal';

export const LINEAGE_MIN_LENGTH = 12;
export const LINEAGE_MAX_LENGTH = 18;
const HASH_LENGTH = 8;
const MAX_REQUEST_COUNTER = 32767;
const MAX_LOOP_COUNTER = 255;
const COLON = 0x3a;

/** True when s[start, end) is a valid Lineage value. */
export function isValidLineage(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < LINEAGE_MIN_LENGTH || length > LINEAGE_MAX_LENGTH) return false;
  let c1 = -1;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === COLON) {
      c1 = i;
      break;
    }
  }
  if (c1 === -1) return false;
  const hashEnd = c1 + 1 + HASH_LENGTH;
  if (hashEnd >= end || s.charCodeAt(hashEnd) !== COLON) return false;
  // The hash: lowercase hex (hexOr < 0 for anything else); all zeros is a hash like any other.
  if (hexOr(s, c1 + 1, hashEnd) < 0) return false;
  return (
    decimalAtMost(s, start, c1, 5, MAX_REQUEST_COUNTER) &&
    decimalAtMost(s, hashEnd + 1, end, 3, MAX_LOOP_COUNTER)
  );
}

/** True when s[start, end) is 1–maxDigits decimal digits with a value ≤ max. */
function decimalAtMost(
  s: string,
  start: number,
  end: number,
  maxDigits: number,
  max: number,
): boolean {
  const n = end - start;
  if (n < 1 || n > maxDigits) return false;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return false;
    value = value * 10 + d;
  }
  return value <= max;
}
