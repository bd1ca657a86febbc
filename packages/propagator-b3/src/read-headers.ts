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
import { equalsIgnoreAsciiCase, MAX_SCANNED_KEYS, safeGet } from '@baton/internal';
import {
  B3_CONTEXT_HEADER,
  X_B3_FLAGS,
  X_B3_SAMPLED,
  X_B3_SPAN_ID,
  X_B3_TRACE_ID,
} from './constants';
import type { B3MultiRaw } from './parse-multi';

/** The raw multi headers, plus `b3` when the scan found it under another case. */
export interface B3ScannedHeaders extends B3MultiRaw {
  b3: unknown;
}

/**
 * Reads the `x-b3-*` headers. `lookForB3` asks the fallback scan to also find `b3` in another case
 * (pass false when `b3` was already found in lowercase).
 */
export function readMultiHeaders(
  carrier: unknown,
  getter: TextMapGetter,
  lookForB3: boolean,
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
  const keys = keysOf(carrier, getter);
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
