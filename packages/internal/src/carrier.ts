/**
 * Reading a header from any carrier without ever throwing.
 *
 * REQUIREMENTS §1: "Header names are looked up case-insensitively where the getter allows: try the
 * lowercase name, then fall back to a case-insensitive scan of keys() only when the lowercase lookup
 * misses (Kafka/AMQP carriers keep case)." And extract never throws — not for a getter that throws,
 * not for a carrier that is undefined, an array, or a Buffer.
 */
import { types } from 'node:util';
import { defaultTextMapGetter, type TextMapGetter } from '@opentelemetry/api';

/** At most this many keys are scanned by the case-insensitive fallback: bounded work per lookup. */
export const MAX_SCANNED_KEYS = 1024;

/** True when `key` equals the lowercase `lowerName` ignoring ASCII case, without allocating. */
export function equalsIgnoreAsciiCase(key: string, lowerName: string): boolean {
  const n = lowerName.length;
  if (key.length !== n) return false;
  // Most keys are already lowercase (Node lowercases every incoming header): one string compare
  // (V8 compares memory, or pointers for the interned keys Object.keys returns) instead of two
  // charCodeAt calls per char.
  if (key === lowerName) return true;
  for (let i = 0; i < n; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

/** True when `key` starts with the lowercase `prefix`, ignoring ASCII case, without allocating. */
export function startsWithIgnoreAsciiCase(key: string, lowerPrefix: string): boolean {
  const n = lowerPrefix.length;
  if (key.length < n) return false;
  if (key.startsWith(lowerPrefix)) return true; // the common, lowercase case, as a builtin
  for (let i = 0; i < n; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}

/** getter.get that treats a throw, or null, as an absent header (REQUIREMENTS §1). */
export function safeGet(carrier: unknown, getter: TextMapGetter, name: string): unknown {
  try {
    const v: unknown = getter.get(carrier, name);
    return v === null ? undefined : v;
  } catch {
    return undefined;
  }
}

/** Calls getter.keys, returning [] when it throws or returns something that is not an array. */
export function safeKeys(carrier: unknown, getter: TextMapGetter): string[] {
  try {
    const keys: unknown = getter.keys(carrier);
    return Array.isArray(keys) ? (keys as string[]) : [];
  } catch {
    return [];
  }
}

/**
 * The carrier's own property names when it is a plain object read through the API's default getter,
 * else undefined.
 *
 * That is Node's `IncomingMessage.headers` (what the HTTP instrumentation extracts from), Kafka
 * header objects, Lambda events. For them `get(carrier, name)` is `carrier[name]`, so one pass over
 * these names finds every header, in any case, with no lookup by name: a propagator that reads
 * several headers (B3 reads five) or a composite (every member's) saves a lookup per name, and an
 * absent header costs one pass instead of a miss plus the same pass.
 *
 * The names are `Object.keys`, what the default getter's keys() returns and §1's scan reads anyway.
 * What `carrier[name]` would find and this does not: a non-enumerable own property, or one
 * inherited from Object.prototype (prototype pollution). Neither is a header: no HTTP or messaging
 * library makes one. (`getOwnPropertyNames` would see the first kind, at 1.7× the cost of
 * `Object.keys` on a 65,536-key carrier — the §9 1 MB case.)
 */
export function plainCarrierKeys(carrier: unknown, getter: TextMapGetter): string[] | undefined {
  if (!isPlainCarrier(carrier, getter)) return undefined;
  try {
    return Object.keys(carrier as object);
  } catch {
    return undefined; // defensive: nothing above throws for an ordinary object
  }
}

/**
 * True when `carrier` is a plain object read through the API's default getter (see
 * plainCarrierKeys): its own enumerable keys are the headers, and `carrier[name]` their values.
 */
export function isPlainCarrier(carrier: unknown, getter: TextMapGetter): carrier is object {
  if (getter !== defaultTextMapGetter || typeof carrier !== 'object' || carrier === null) {
    return false;
  }
  try {
    // A Proxy may answer `get` for names its `ownKeys` does not list: it gets the lookups by name.
    if (types.isProxy(carrier)) return false;
    const proto: unknown = Object.getPrototypeOf(carrier);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/**
 * For a plain carrier (isPlainCarrier) whose lowercase `lowerName` missed: the value of the first own
 * key equal to it ignoring ASCII case, or undefined. The case-insensitive fallback of REQUIREMENTS §1
 * without `Object.keys`: `for…in` walks the object's cached key list and builds no array, so the
 * usual miss (a request without this format's header) allocates nothing. At most MAX_SCANNED_KEYS
 * keys; an inherited key (prototype pollution) is not a header, as in plainCarrierKeys.
 */
export function plainValueIgnoreCase(carrier: object, lowerName: string): unknown {
  const length = lowerName.length;
  let seen = 0;
  for (const key in carrier) {
    if (++seen > MAX_SCANNED_KEYS) break;
    if (
      key.length === length &&
      key !== lowerName &&
      equalsIgnoreAsciiCase(key, lowerName) &&
      Object.prototype.hasOwnProperty.call(carrier, key)
    ) {
      const value = ownValue(carrier, key);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** carrier[key], treating a throw (an accessor property) or null as absent. */
export function ownValue(carrier: unknown, key: string): unknown {
  try {
    const v: unknown = (carrier as Record<string, unknown>)[key];
    return v === null ? undefined : v;
  } catch {
    return undefined;
  }
}

/**
 * The raw value of header `lowerName` (a lowercase name): whatever the getter returns, or undefined.
 * Tries the lowercase name first; only on a miss scans keys() case-insensitively.
 */
export function getHeader(carrier: unknown, getter: TextMapGetter, lowerName: string): unknown {
  if (carrier === null || carrier === undefined) return undefined;
  try {
    const direct: unknown = getter.get(carrier, lowerName);
    // null counts as a miss too: some getters (Map-backed, Kafka) return null for an absent key.
    if (direct !== undefined && direct !== null) return direct;
    const keys = safeKeys(carrier, getter);
    const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      if (typeof key === 'string' && key !== lowerName && equalsIgnoreAsciiCase(key, lowerName)) {
        return getter.get(carrier, key);
      }
    }
  } catch {
    // A throwing getter is treated as an absent header (REQUIREMENTS §1).
  }
  return undefined;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/**
 * One header value as a string, or undefined when it is absent, not text, or longer than
 * `maxLength` (no valid value of the format is that long, so it is rejected before any work).
 *
 * Arrays give their first value (REQUIREMENTS §1: "use the first value unless the format says to
 * join"). Buffers (Kafka headers) are read as latin1, which cannot throw; their non-ASCII bytes
 * then fail the format's own grammar.
 */
export function firstValue(raw: unknown, maxLength: number): string | undefined {
  try {
    let v = raw;
    // An array element may be a throwing getter (hostile carrier): hence the try.
    if (Array.isArray(v)) v = v.length > 0 ? v[0] : undefined;
    if (typeof v === 'string') return v.length <= maxLength ? v : undefined;
    if (isBytes(v)) {
      if (v.length > maxLength) return undefined;
      return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
    }
  } catch {
    // Unreadable value: absent.
  }
  return undefined;
}

/**
 * All values of a header joined with "," (RFC 9110 §5.3: a repeated field is the comma-joined
 * list), or undefined when absent, when any one value is longer than `maxLength`, or when the
 * joined value would exceed `maxLength`. A value that is too long makes the whole header unusable
 * rather than being skipped: dropping it silently would forward the remaining values as if they
 * were the complete list (W3C-TC: an invalid tracestate is discarded whole).
 * Values that are not text (numbers, objects) are skipped.
 */
export function joinedValue(raw: unknown, maxLength: number): string | undefined {
  try {
    if (!Array.isArray(raw)) return firstValue(raw, maxLength);
    let out: string | undefined;
    for (let i = 0; i < raw.length; i++) {
      const item: unknown = raw[i];
      const part = firstValue(item, maxLength);
      if (part === undefined) {
        if (typeof item === 'string' || isBytes(item)) return undefined; // text, but too long
        continue;
      }
      out = out === undefined ? part : out + ',' + part;
      if (out.length > maxLength) return undefined;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Reads header `lowerName` as one string (first value), never throwing. */
export function readHeader(
  carrier: unknown,
  getter: TextMapGetter,
  lowerName: string,
  maxLength: number,
): string | undefined {
  return firstValue(getHeader(carrier, getter, lowerName), maxLength);
}
