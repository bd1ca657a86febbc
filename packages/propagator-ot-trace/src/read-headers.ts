/**
 * Reading the OT headers from a carrier: the three `ot-tracer-*` names and every `ot-baggage-*`
 * item, with at most one bounded pass over `keys()` and never a throw.
 *
 * REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys()
 * only when the lowercase lookup misses". Baggage items can only be found by walking `keys()`
 * (§12: "ot-baggage-* with Jaeger's caps": one pass over keys()), so the pass that collects them
 * also fills any name the lowercase lookups missed: one walk per extract, not one per name.
 *
 * The lowercase names are looked up first, so a malformed trace context is rejected before the
 * walk (the official package walks `keys()` only for a valid one, too).
 */
import type { TextMapGetter } from '@opentelemetry/api';
import {
  BaggageCollector,
  baggageKeyFromHeader,
  equalsIgnoreAsciiCase,
  firstValue,
  MAX_SCANNED_KEYS,
  ownValue,
  isPlainCarrier,
  safeGet,
  safeKeys,
} from '@baton/internal';
import {
  OT_BAGGAGE_PREFIX,
  OT_SAMPLED_HEADER,
  OT_SPAN_ID_HEADER,
  OT_TRACE_ID_HEADER,
} from './constants';

/** The raw values found (whatever the getter returned), and the baggage items, if any. */
export interface OTHeaders {
  traceId: unknown;
  spanId: unknown;
  sampled: unknown;
  baggage: BaggageCollector | undefined;
}

/** Bits of `exact`: a name found under its lowercase spelling, which no other case may replace. */
const TRACE = 1;
const SPAN = 2;
const SAMPLED = 4;

/** Every OT name and the baggage prefix start with `o` (any case): most other headers stop there. */
const LOWER_O = 0x6f;
const PREFIX_LENGTH = OT_BAGGAGE_PREFIX.length;

/**
 * Completes `found` (the values found under the lowercase names) in one pass over `keys()`: every
 * `ot-baggage-*` item, and any name the lowercase lookups missed, found in another case. A plain object read through the
 * default getter (Node's headers) is walked over its own keys, values read as own properties.
 */
export function scanKeys(carrier: unknown, getter: TextMapGetter, found: OTHeaders): void {
  let exact =
    (found.traceId === undefined ? 0 : TRACE) |
    (found.spanId === undefined ? 0 : SPAN) |
    (found.sampled === undefined ? 0 : SAMPLED);
  if (isPlainCarrier(carrier, getter)) {
    // Node's headers: `for…in` over the object's own cached key list builds no array, so a request
    // without OT headers allocates nothing. An inherited key (prototype pollution) is no header.
    let seen = 0;
    for (const key in carrier) {
      if (++seen > MAX_SCANNED_KEYS) break;
      if ((key.charCodeAt(0) | 0x20) !== LOWER_O) continue;
      if (!Object.prototype.hasOwnProperty.call(carrier, key)) continue;
      exact = visit(carrier, undefined, key, found, exact);
    }
    return;
  }
  const keys = safeKeys(carrier, getter);
  const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
  for (let i = 0; i < n; i++) {
    const key: unknown = keys[i];
    if (typeof key !== 'string' || (key.charCodeAt(0) | 0x20) !== LOWER_O) continue;
    exact = visit(carrier, getter, key, found, exact);
  }
}

/**
 * One key that starts with `o` (any case). `getter` undefined: `carrier` is a plain object (values
 * read as own properties). The lowercase spelling of a name wins wherever it stands; failing that,
 * the first key equal to it ignoring ASCII case that holds a value. Returns the updated `exact` bits.
 */
function visit(
  carrier: unknown,
  getter: TextMapGetter | undefined,
  key: string,
  found: OTHeaders,
  exact: number,
): number {
  if (isBaggageHeader(key)) {
    let bag = found.baggage;
    if (bag === undefined) bag = found.baggage = new BaggageCollector();
    else if (bag.full) return exact;
    const itemKey = baggageKeyFromHeader(key, PREFIX_LENGTH);
    if (itemKey === undefined) return exact; // not a token: skipped before its value is read
    // The value cap is applied before the value is touched (a 1 MB value is never copied).
    const value = firstValue(read(carrier, getter, key), bag.remainingBytes);
    if (value !== undefined) bag.addToken(itemKey, value, true);
    return exact;
  }
  // The names differ in length or at index 10 (t / s / s), so one compare picks the slot.
  let bit: number;
  let name: string;
  if (key.length === OT_SPAN_ID_HEADER.length) {
    bit = SPAN;
    name = OT_SPAN_ID_HEADER;
  } else if (key.length !== OT_TRACE_ID_HEADER.length) {
    return exact;
  } else if ((key.charCodeAt(10) | 0x20) === 0x74 /* t */) {
    bit = TRACE;
    name = OT_TRACE_ID_HEADER;
  } else {
    bit = SAMPLED;
    name = OT_SAMPLED_HEADER;
  }
  if ((exact & bit) !== 0) return exact;
  const lowercase = key === name;
  if (!lowercase && (slot(found, bit) !== undefined || !equalsIgnoreAsciiCase(key, name)))
    return exact;
  const value = read(carrier, getter, key);
  if (value === undefined) return exact;
  setSlot(found, bit, value);
  return lowercase ? exact | bit : exact;
}

/**
 * `ot-baggage-` in any ASCII case, followed by at least one char: what @baton/internal's
 * hasPrefixIgnoreCase(key, OT_BAGGAGE_PREFIX) answers, unrolled. That one starts with
 * `String.prototype.startsWith`, a builtin call that the profile of "extract valid" showed as the
 * largest single cost of the key walk (the three `ot-tracer-*` keys paid it, and a char loop after
 * it); here the `ot-tracer-*` keys stop at index 3 (`t`, not `b`). A letter matches in either case
 * (`c | 0x20` is the lowercase letter only for that letter and its uppercase), `-` exactly.
 */
export function isBaggageHeader(key: string): boolean {
  return (
    key.length > PREFIX_LENGTH &&
    (key.charCodeAt(3) | 0x20) === 0x62 /* b */ &&
    (key.charCodeAt(0) | 0x20) === 0x6f /* o */ &&
    (key.charCodeAt(1) | 0x20) === 0x74 /* t */ &&
    key.charCodeAt(2) === 0x2d /* - */ &&
    (key.charCodeAt(4) | 0x20) === 0x61 /* a */ &&
    (key.charCodeAt(5) | 0x20) === 0x67 /* g */ &&
    (key.charCodeAt(6) | 0x20) === 0x67 /* g */ &&
    (key.charCodeAt(7) | 0x20) === 0x61 /* a */ &&
    (key.charCodeAt(8) | 0x20) === 0x67 /* g */ &&
    (key.charCodeAt(9) | 0x20) === 0x65 /* e */ &&
    key.charCodeAt(10) === 0x2d /* - */
  );
}

function read(carrier: unknown, getter: TextMapGetter | undefined, key: string): unknown {
  return getter === undefined ? ownValue(carrier, key) : safeGet(carrier, getter, key);
}

function slot(found: OTHeaders, bit: number): unknown {
  return bit === TRACE ? found.traceId : bit === SPAN ? found.spanId : found.sampled;
}

function setSlot(found: OTHeaders, bit: number, value: unknown): void {
  if (bit === TRACE) found.traceId = value;
  else if (bit === SPAN) found.spanId = value;
  else found.sampled = value;
}
