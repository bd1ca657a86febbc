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
  hasPrefixIgnoreCase,
  MAX_SCANNED_KEYS,
  ownValue,
  plainCarrierKeys,
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
 * The three names, by their lowercase spelling (what Node's headers hold): as many lookups as the
 * official package makes, and enough to reject a malformed trace context before any `keys()` walk.
 */
export function readLowercase(carrier: unknown, getter: TextMapGetter): OTHeaders {
  return {
    traceId: safeGet(carrier, getter, OT_TRACE_ID_HEADER),
    spanId: safeGet(carrier, getter, OT_SPAN_ID_HEADER),
    sampled: safeGet(carrier, getter, OT_SAMPLED_HEADER),
    baggage: undefined,
  };
}

/**
 * Completes `found` (from readLowercase) in one pass over `keys()`: every `ot-baggage-*` item, and
 * any name the lowercase lookups missed, found in another case. A plain object read through the
 * default getter (Node's headers) is walked over its own keys, values read as own properties.
 */
export function scanKeys(carrier: unknown, getter: TextMapGetter, found: OTHeaders): void {
  const exact =
    (found.traceId === undefined ? 0 : TRACE) |
    (found.spanId === undefined ? 0 : SPAN) |
    (found.sampled === undefined ? 0 : SAMPLED);
  const plain = plainCarrierKeys(carrier, getter);
  if (plain !== undefined) scan(carrier, undefined, plain, found, exact);
  else scan(carrier, getter, safeKeys(carrier, getter), found, exact);
}

/**
 * One pass over at most MAX_SCANNED_KEYS keys. `getter` undefined: `carrier` is a plain object
 * (values read as own properties). The lowercase spelling of a name wins wherever it stands; failing
 * that, the first key equal to it ignoring ASCII case that holds a value.
 */
function scan(
  carrier: unknown,
  getter: TextMapGetter | undefined,
  keys: readonly unknown[],
  found: OTHeaders,
  exactFound: number,
): void {
  let exact = exactFound;
  const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (typeof key !== 'string' || (key.charCodeAt(0) | 0x20) !== LOWER_O) continue;
    if (hasPrefixIgnoreCase(key, OT_BAGGAGE_PREFIX)) {
      let bag = found.baggage;
      if (bag === undefined) bag = found.baggage = new BaggageCollector();
      else if (bag.full) continue;
      const itemKey = baggageKeyFromHeader(key, PREFIX_LENGTH);
      if (itemKey === undefined) continue; // not a token: skipped before its value is read
      // The value cap is applied before the value is touched (a 1 MB value is never copied).
      const value = firstValue(read(carrier, getter, key), bag.remainingBytes);
      if (value !== undefined) bag.addToken(itemKey, value);
      continue;
    }
    // The names differ in length or at index 10 (t / s / s), so one compare picks the slot.
    let bit: number;
    let name: string;
    if (key.length === OT_SPAN_ID_HEADER.length) {
      bit = SPAN;
      name = OT_SPAN_ID_HEADER;
    } else if (key.length !== OT_TRACE_ID_HEADER.length) {
      continue;
    } else if ((key.charCodeAt(10) | 0x20) === 0x74 /* t */) {
      bit = TRACE;
      name = OT_TRACE_ID_HEADER;
    } else {
      bit = SAMPLED;
      name = OT_SAMPLED_HEADER;
    }
    if ((exact & bit) !== 0) continue;
    const lowercase = key === name;
    if (!lowercase && (slot(found, bit) !== undefined || !equalsIgnoreAsciiCase(key, name)))
      continue;
    const value = read(carrier, getter, key);
    if (value === undefined) continue;
    setSlot(found, bit, value);
    if (lowercase) exact |= bit;
  }
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
