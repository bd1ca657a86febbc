/**
 * The `Lineage` field of the tracing header: `{request counter}:{hash}:{loop counter}`, added by
 * Lambda's recursive-loop detection. Baton does not interpret it; it checks the shape, so that
 * what it carries in baggage and writes back is never something a downstream parser chokes on.
 *
 * Shape, as the OpenTelemetry Java propagator checks it (open-telemetry/opentelemetry-java-contrib,
 * aws-xray-propagator/src/main/java/io/opentelemetry/contrib/awsxray/propagator/AwsXrayPropagator.java,
 * parseLineageHeader / isValidLineage, read at bfef2a59, Aug 2026): 12 to 18 chars, exactly two `:`,
 * a decimal counter 0–32767, eight lowercase hex digits, a decimal counter 0–255. The AWS X-Ray
 * documentation names the field but gives no grammar, so Java's check is the reference.
 *
 * Java reads the counters with Integer.parseInt, so leading zeros are allowed as long as the whole
 * value stays within 18 chars (`0000001:a87bd80c:1`): accepted here too, or a Baton hop would drop
 * what a Java hop passes on. parseInt also takes a sign (`+1`); nothing writes one and a sign is not
 * a counter digit, so Baton drops it (Java drops `-1` too, by its range check). Anything else is
 * dropped (the trace is kept).
 */
import { hexOr } from '@baton/internal';

export const LINEAGE_MIN_LENGTH = 12;
export const LINEAGE_MAX_LENGTH = 18;
const HASH_LENGTH = 8;
const MAX_REQUEST_COUNTER = 32767;
const MAX_LOOP_COUNTER = 255;
/**
 * Most digits a counter can have: 18 chars less the hash, the two colons and one digit for the other
 * counter. Leading zeros are digits like any other (see above); the value bound does the rest.
 */
const MAX_COUNTER_DIGITS = LINEAGE_MAX_LENGTH - HASH_LENGTH - 2 - 1;
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
    decimalAtMost(s, start, c1, MAX_COUNTER_DIGITS, MAX_REQUEST_COUNTER) &&
    decimalAtMost(s, hashEnd + 1, end, MAX_COUNTER_DIGITS, MAX_LOOP_COUNTER)
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
