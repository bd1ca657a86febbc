/**
 * Reading the B3 headers from a carrier: never throwing, with at most one keys() scan.
 *
 * REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys() only
 * when the lowercase lookup misses (Kafka/AMQP carriers keep case)". B3 has five names; one scan per
 * missing name would mean up to five scans per request. So every name is tried in lowercase first,
 * and when any of them misses, ONE scan of keys() fills every name still missing, `b3` included —
 * a case-preserving carrier with `B3` next to lowercase `x-b3-*` still lets the single header win
 * (REQUIREMENTS §4: "a valid `b3` wins over `x-b3-*`").
 */
import type { TextMapGetter } from '@opentelemetry/api';
import { equalsIgnoreAsciiCase, MAX_SCANNED_KEYS, ownValue, safeGet } from '@baton/internal';
import {
  B3_CONTEXT_HEADER,
  X_B3_FLAGS,
  X_B3_SAMPLED,
  X_B3_SPAN_ID,
  X_B3_TRACE_ID,
} from './constants';
import type { B3MultiRaw } from './parse-multi';

const hasOwn = Object.prototype.hasOwnProperty;

/** The raw multi headers, plus `b3` when the scan found it under another case. */
export interface B3ScannedHeaders extends B3MultiRaw {
  b3: unknown;
}

/**
 * Reads the `x-b3-*` headers. `lookForB3` asks the fallback scan to also find `b3` in another case
 * (pass false when `b3` was already found in lowercase). `knownKeys`: the carrier's keys when the
 * caller already has them (the scan then does not ask the getter again).
 */
export function readMultiHeaders(
  carrier: unknown,
  getter: TextMapGetter,
  lookForB3: boolean,
  knownKeys?: unknown[],
): B3ScannedHeaders {
  const found: B3ScannedHeaders = {
    b3: undefined,
    traceId: safeGet(carrier, getter, X_B3_TRACE_ID),
    spanId: safeGet(carrier, getter, X_B3_SPAN_ID),
    sampled: safeGet(carrier, getter, X_B3_SAMPLED),
    flags: safeGet(carrier, getter, X_B3_FLAGS),
  };
  if (
    !lookForB3 &&
    found.traceId !== undefined &&
    found.spanId !== undefined &&
    found.sampled !== undefined &&
    found.flags !== undefined
  ) {
    return found; // nothing missed: no scan
  }
  // A get-only carrier (keys() throws or is not an array) keeps what the lowercase names gave.
  const keys = knownKeys ?? keysOf(carrier, getter);
  if (keys !== undefined) scanHeaders(carrier, getter, keys, lookForB3, found);
  return found;
}

/** getter.keys(carrier), or undefined when it throws or returns something that is not an array. */
function keysOf(carrier: unknown, getter: TextMapGetter): unknown[] | undefined {
  try {
    const keys: unknown = getter.keys(carrier);
    return Array.isArray(keys) ? keys : undefined;
  } catch {
    return undefined;
  }
}

/** One bounded pass over keys(): fills each B3 name still missing with the first key matching it, ignoring ASCII case. */
function scanHeaders(
  carrier: unknown,
  getter: TextMapGetter,
  keys: unknown[],
  lookForB3: boolean,
  found: B3ScannedHeaders,
): void {
  const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
  for (let i = 0; i < n; i++) {
    const key: unknown = keys[i];
    if (typeof key !== 'string') continue;
    // Dispatch on length first: most keys are rejected by one comparison.
    switch (key.length) {
      case 2:
        if (lookForB3 && found.b3 === undefined && equalsIgnoreAsciiCase(key, B3_CONTEXT_HEADER)) {
          found.b3 = safeGet(carrier, getter, key);
        }
        break;
      case 10:
        if (found.flags === undefined && equalsIgnoreAsciiCase(key, X_B3_FLAGS)) {
          found.flags = safeGet(carrier, getter, key);
        }
        break;
      case 11:
        if (found.spanId === undefined && equalsIgnoreAsciiCase(key, X_B3_SPAN_ID)) {
          found.spanId = safeGet(carrier, getter, key);
        }
        break;
      case 12:
        if (found.traceId === undefined && equalsIgnoreAsciiCase(key, X_B3_TRACE_ID)) {
          found.traceId = safeGet(carrier, getter, key);
        } else if (found.sampled === undefined && equalsIgnoreAsciiCase(key, X_B3_SAMPLED)) {
          found.sampled = safeGet(carrier, getter, key);
        }
        break;
    }
  }
}

/** readPlainHeaders' answer for a carrier none of whose own keys holds a B3 header (any case). */
export const NO_B3_HEADERS: Readonly<B3ScannedHeaders> = Object.freeze({
  b3: undefined,
  traceId: undefined,
  spanId: undefined,
  sampled: undefined,
  flags: undefined,
});

/**
 * readPlainHeaders' answer past MAX_SCANNED_KEYS keys when none of the walked keys held a B3 header:
 * only lookups by the lowercase names remain to be made (readMultiHeaders with no keys to scan).
 */
export const PAST_CAP_NO_B3: Readonly<B3ScannedHeaders> = Object.freeze({ ...NO_B3_HEADERS });

/**
 * Every B3 header of a plain-object carrier (isPlainCarrier in @baton/internal) in one walk of its
 * keys, with no lookup by name. Same answer as readMultiHeaders: the lowercase name, wherever it is,
 * when it holds a value; failing that, the first key equal to the name ignoring ASCII case that holds
 * one; NO_B3_HEADERS (a shared object) when nothing is found. Past MAX_SCANNED_KEYS keys:
 * PAST_CAP_NO_B3 when none of the walked keys held a B3 header, else undefined; the caller then takes
 * the general path, whose lowercase lookups see past that cap.
 *
 * Walked with `for…in`, as plainValueIgnoreCase walks: the key list V8 caches on the object's map,
 * with no `Object.keys` array (about 150 bytes per request on Node's headers: the largest allocation
 * of a multi extract, and a share of its GC time). `for…in` also yields inherited enumerable keys
 * (after the own ones): a key counts only when it is the carrier's own, so the answer is the one a
 * walk of `Object.keys` gives (a polluted Object.prototype is not a header; see plainCarrierKeys).
 *
 * A loop of its own rather than scanHeaders with an "exact name wins" rule: folding the two into one
 * (values read through the getter into slots by index) measured ~120 ns slower per multi extract.
 */
export function readPlainHeaders(carrier: object): B3ScannedHeaders | undefined {
  let b3: unknown;
  let traceId: unknown;
  let spanId: unknown;
  let sampled: unknown;
  let flags: unknown;
  // A name found under its lowercase spelling is final: its slot then holds a defined value, so the
  // `=== undefined` test in front of each other-case comparison turns every later spelling away.
  let budget = MAX_SCANNED_KEYS;
  for (const key in carrier) {
    if (--budget < 0) {
      // Past the cap. Own keys come first in `for…in`, so every own key of keys()' first
      // MAX_SCANNED_KEYS was walked: when none held a B3 value, only the lookups by the lowercase
      // names (which see past the cap) can still find one, and a second enumeration is saved.
      return b3 === undefined &&
        traceId === undefined &&
        spanId === undefined &&
        sampled === undefined &&
        flags === undefined
        ? PAST_CAP_NO_B3
        : undefined;
    }
    // Every B3 name starts with `x` or `b` (any case): most request headers stop here.
    const first = key.charCodeAt(0) | 0x20;
    if (first !== 0x78 && first !== 0x62) continue;
    // An inherited key is not a header (see above); only a B3-like key pays for the check.
    if (!hasOwn.call(carrier, key)) continue;
    let value: unknown;
    // Then dispatch on length: the remaining keys are mostly ruled out by one comparison.
    switch (key.length) {
      case 2:
        if (key === B3_CONTEXT_HEADER) {
          value = ownValue(carrier, key);
          if (value !== undefined) {
            b3 = value;
          }
        } else if (b3 === undefined && equalsIgnoreAsciiCase(key, B3_CONTEXT_HEADER)) {
          b3 = ownValue(carrier, key);
        }
        break;
      case 10:
        if (key === X_B3_FLAGS) {
          value = ownValue(carrier, key);
          if (value !== undefined) {
            flags = value;
          }
        } else if (flags === undefined && equalsIgnoreAsciiCase(key, X_B3_FLAGS)) {
          flags = ownValue(carrier, key);
        }
        break;
      case 11:
        if (key === X_B3_SPAN_ID) {
          value = ownValue(carrier, key);
          if (value !== undefined) {
            spanId = value;
          }
        } else if (spanId === undefined && equalsIgnoreAsciiCase(key, X_B3_SPAN_ID)) {
          spanId = ownValue(carrier, key);
        }
        break;
      case 12:
        if (key === X_B3_TRACE_ID) {
          value = ownValue(carrier, key);
          if (value !== undefined) {
            traceId = value;
          }
        } else if (key === X_B3_SAMPLED) {
          value = ownValue(carrier, key);
          if (value !== undefined) {
            sampled = value;
          }
        } else if (traceId === undefined && equalsIgnoreAsciiCase(key, X_B3_TRACE_ID)) {
          traceId = ownValue(carrier, key);
        } else if (sampled === undefined && equalsIgnoreAsciiCase(key, X_B3_SAMPLED)) {
          sampled = ownValue(carrier, key);
        }
        break;
    }
  }
  if (
    b3 === undefined &&
    traceId === undefined &&
    spanId === undefined &&
    sampled === undefined &&
    flags === undefined
  ) {
    return NO_B3_HEADERS; // the usual request without B3: nothing allocated (REQUIREMENTS §9)
  }
  return { b3, traceId, spanId, sampled, flags };
}
