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

/**
 * The API's default getter, read once. The API's CommonJS build exports it through a getter
 * (`Object.defineProperty(exports, …, { get })`), so each `defaultTextMapGetter` in a function is a
 * call: measured 7 ns per absent-header lookup, half the cost of the whole miss.
 */
const DEFAULT_GETTER: TextMapGetter = defaultTextMapGetter;

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
  if (getter !== DEFAULT_GETTER || typeof carrier !== 'object' || carrier === null) {
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

/** carrier[key], treating a throw (an accessor property) or null as absent. */
export function ownValue(carrier: unknown, key: string): unknown {
  try {
    const v: unknown = (carrier as Record<string, unknown>)[key];
    return v === null ? undefined : v;
  } catch {
    return undefined;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * REQUIREMENTS §1's case-insensitive fallback for a carrier read through the API's default getter
 * (`get(c, k)` is `c[k]`), once its lowercase `lowerName` has missed: the value of the first own key,
 * among the carrier's first MAX_SCANNED_KEYS, that equals `lowerName` ignoring ASCII case without
 * being `lowerName` itself (the caller's lookup) and whose value is neither undefined nor null nor a
 * throwing accessor; or undefined. The one scan behind getHeader and the formats that look their
 * header up by hand (Cloud Trace).
 *
 * The same answer as a scan of the default getter's keys(), `Object.keys`: `for…in` walks the same
 * own enumerable keys in the same order, then inherited enumerable ones, which the ownership check
 * on a match leaves out (prototype pollution is not a header; inherited keys come last, so the cap
 * counts the same own keys). A Proxy answers `for…in` through the same traps as `Object.keys`.
 *
 * Why `for…in`: on an object in fast mode (a Node request's headers) it walks the key list V8 caches
 * on the object's map and allocates nothing, where `Object.keys` builds an array on every call —
 * about 100 bytes of garbage per absent header, and REQUIREMENTS §9 allows absent rows none. (An
 * object in dictionary mode, with many keys, makes `for…in` collect its keys first, like
 * `Object.keys`: no gain there, and no loss.)
 *
 * Why the loop body is so bare: on the usual miss (a request without this format) every key is
 * looked at, so the per-key cost is the absent row's cost. The length is a field of the key's string
 * header, read with the key itself, and rules out almost every key with one integer compare; only a
 * key of the same length pays for `!==` (a call into V8's string comparison when the two differ) and
 * the char loop. The budget counts down to zero so the bound costs one decrement and a flag test.
 */
export function plainValueIgnoreCase(carrier: object, lowerName: string): unknown {
  const n = lowerName.length;
  let budget = MAX_SCANNED_KEYS;
  for (const key in carrier) {
    if (
      key.length === n &&
      key !== lowerName &&
      equalsIgnoreAsciiCase(key, lowerName) &&
      hasOwn.call(carrier, key)
    ) {
      const value = ownValue(carrier, key);
      if (value !== undefined) return value;
    }
    if (--budget === 0) break;
  }
  return undefined;
}

/**
 * The raw value of header `lowerName` (a lowercase name): whatever the getter returns, or undefined.
 * Tries the lowercase name first; only on a miss scans keys() case-insensitively — through the
 * default getter without calling keys() (plainValueIgnoreCase).
 */
export function getHeader(carrier: unknown, getter: TextMapGetter, lowerName: string): unknown {
  if (carrier === null || carrier === undefined) return undefined;
  let direct: unknown;
  try {
    direct = getter.get(carrier, lowerName);
  } catch {
    return undefined; // a throwing getter is treated as an absent header (REQUIREMENTS §1)
  }
  // null counts as a miss too: some getters (Map-backed, Kafka) return null for an absent key.
  if (direct !== undefined && direct !== null) return direct;
  return headerAfterMiss(carrier, getter, lowerName);
}

/**
 * getHeader's second half, for a caller whose own `getter.get(carrier, lowerName)` on a non-null
 * carrier returned undefined or null without throwing: §1's case-insensitive fallback, or undefined.
 */
export function headerAfterMiss(
  carrier: unknown,
  getter: TextMapGetter,
  lowerName: string,
): unknown {
  // The composite has just walked this carrier's keys and seen none of these names in another case.
  if (carrier === walkedCarrier && isWalkedName(lowerName)) return undefined;
  try {
    if (getter === DEFAULT_GETTER && typeof carrier === 'object' && carrier !== null) {
      return plainValueIgnoreCase(carrier, lowerName);
    }
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

const NO_NAMES: readonly string[] = [];
let walkedCarrier: object | undefined;
let walkedNames: readonly string[] = NO_NAMES;

/**
 * CompositePropagator's walk of a plain carrier's keys, lent to the one member it then runs.
 *
 * The composite walks the keys of a plain carrier (isPlainCarrier) once per extract to see which
 * members have a header at all; that walk compares every key with every name its members read, in
 * any case. When it found no key that equals one of `names` in another case, the case-insensitive
 * fallback for those names (headerAfterMiss, after the member's lookup by the lowercase name missed)
 * has its answer already — nothing — and a second walk of the same keys would only repeat it. With
 * a request carrying one format (W3C `traceparent` and no `tracestate`), that second walk was the
 * W3C member's look for `tracestate` in another case.
 *
 * Held only while that member's extract runs: the composite calls endWalkedCarrier in a `finally`,
 * right after, so a later change to the carrier is never answered from an old walk. Only the same
 * carrier object and only the names given are answered; anything else walks as before. The
 * composite lends it only to a member that keeps Baton's rules, which reads the carrier and does
 * not change it. One holder at a time: a nested composite's end clears it, and the outer member then
 * walks as before (slower, never wrong).
 */
export function beginWalkedCarrier(carrier: object, names: readonly string[]): void {
  walkedCarrier = carrier;
  walkedNames = names;
}

/**
 * `lowerName` is one of the walked names. A loop rather than `includes`, which is a call into the
 * runtime: the names and a propagator's header constants are internalized strings, so each compare
 * is one pointer compare.
 */
function isWalkedName(lowerName: string): boolean {
  const names = walkedNames;
  for (let i = 0; i < names.length; i++) if (names[i] === lowerName) return true;
  return false;
}

/** The composite's member has returned: its walk answers nothing more. */
export function endWalkedCarrier(): void {
  walkedCarrier = undefined;
  walkedNames = NO_NAMES;
}

/**
 * After a miss by the lowercase name: false when it is certain, without allocating, that
 * headerAfterMiss would find nothing — `carrier` is read through the API's default getter and no key
 * among the first MAX_SCANNED_KEYS its `for…in` walks (the keys plainValueIgnoreCase compares) is
 * `nameLength` long. True (look closer) for any other getter, or when a key has that length.
 *
 * This is the absent-header path of a request on Node's headers (REQUIREMENTS §9: absent rows at most
 * 2.0× the official single lookup, no allocation). A length is a field of the key's string, so each
 * key costs one load and one compare; with the name comparison, ownership check and value read left
 * to headerAfterMiss, the walk is about what bench/floors' bare length walk costs. Past the cap the
 * answer is false, as plainValueIgnoreCase reads no further either.
 */
export function mayHoldOtherCase(
  carrier: unknown,
  getter: TextMapGetter,
  nameLength: number,
): boolean {
  if (getter !== DEFAULT_GETTER || typeof carrier !== 'object' || carrier === null) return true;
  try {
    let budget = MAX_SCANNED_KEYS;
    for (const key in carrier) {
      if (key.length === nameLength) return true;
      if (--budget === 0) return false;
    }
    return false;
  } catch {
    return true; // a Proxy whose ownKeys trap throws: headerAfterMiss decides (and catches it again)
  }
}

/** Header names and name prefixes (all lowercase) a propagator reads, prepared for plainCarrierLacks. */
export interface HeaderNames {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
  /** Char code (ASCII case folded, < 128) → 1 when some name or prefix starts with it. */
  readonly firsts: Uint8Array;
}

/** Prepares `names` and `prefixes` (lowercase) for plainCarrierLacks; once, at construction. */
export function headerNames(
  names: readonly string[],
  prefixes: readonly string[] = [],
): HeaderNames {
  const firsts = new Uint8Array(128);
  for (const name of [...names, ...prefixes]) {
    if (name.length === 0 || name !== name.toLowerCase()) {
      throw new Error(`headerNames: ${JSON.stringify(name)} must be a non-empty lowercase name`);
    }
    const c = name.charCodeAt(0) | 0x20;
    if (c < 128) firsts[c] = 1;
  }
  return { names: names.slice(), prefixes: prefixes.slice(), firsts };
}

/**
 * True only when it is certain, without allocating, that `carrier`, read through the API's default
 * getter, holds none of `headers` in any case: no own key among its first MAX_SCANNED_KEYS equals a
 * name or starts with a prefix, ignoring ASCII case (the keys walked as plainValueIgnoreCase does; an inherited
 * key that matches only makes the answer "maybe"). False when some key may match (the caller then
 * reads as usual), when another getter is used, when there are more keys than that (the caller's
 * own bounded path decides), or when anything throws.
 *
 * This lets a propagator that found no header by its lowercase name answer "absent" after one walk
 * of the keys V8 caches, with no keys() array (REQUIREMENTS §9: absent rows allocate nothing).
 * `exceptProxies`: also answer false for a Proxy, for a caller whose usual path then looks names up
 * by `get`, which a Proxy may answer for names its keys do not list (the check costs ~10 ns).
 */
export function plainCarrierLacks(
  carrier: unknown,
  getter: TextMapGetter,
  headers: HeaderNames,
  exceptProxies: boolean,
): boolean {
  if (getter !== DEFAULT_GETTER || typeof carrier !== 'object' || carrier === null) {
    return false;
  }
  try {
    if (exceptProxies && types.isProxy(carrier)) return false;
    const { names, prefixes, firsts } = headers;
    let scanned = 0;
    for (const key in carrier) {
      if (++scanned > MAX_SCANNED_KEYS) return false;
      // ASCII case fold of the first char: most request headers start with no name's letter.
      const first = key.charCodeAt(0) | 0x20;
      if (first >= 128 || firsts[first] === 0) continue;
      for (let i = 0; i < names.length; i++) {
        if (equalsIgnoreAsciiCase(key, names[i])) return false;
      }
      for (let i = 0; i < prefixes.length; i++) {
        if (startsWithIgnoreAsciiCase(key, prefixes[i])) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** plainCarrierScan's answers. */
export const SCAN_MAYBE = 0;
/** No key, in any case, is one of the names: the carrier lacks every one of them. */
export const SCAN_LACKS = 1;
/**
 * More than MAX_SCANNED_KEYS own keys, none of the first MAX_SCANNED_KEYS one of the names in any
 * case: a bounded case-insensitive scan of keys() would find nothing, and only lookups by the
 * lowercase names (which see past the cap) can still find a header.
 */
export const SCAN_NONE_IN_CAP = 2;

/**
 * plainCarrierLacks with a third answer, for a caller that would otherwise enumerate a huge carrier's
 * keys a second time: SCAN_LACKS where plainCarrierLacks says true; SCAN_NONE_IN_CAP when the walk
 * passed MAX_SCANNED_KEYS own keys without a match (the key past the cap is own, so keys() — own
 * keys first, in `for…in` order — has more than the cap too, and its first MAX_SCANNED_KEYS are the
 * ones walked); SCAN_MAYBE otherwise. A separate walk from plainCarrierLacks so that the absent
 * paths of Jaeger and OT Trace keep their code as it is.
 */
export function plainCarrierScan(
  carrier: unknown,
  getter: TextMapGetter,
  headers: HeaderNames,
  exceptProxies: boolean,
): number {
  if (getter !== DEFAULT_GETTER || typeof carrier !== 'object' || carrier === null) {
    return SCAN_MAYBE;
  }
  try {
    if (exceptProxies && types.isProxy(carrier)) return SCAN_MAYBE;
    const { names, prefixes, firsts } = headers;
    let scanned = 0;
    for (const key in carrier) {
      if (++scanned > MAX_SCANNED_KEYS) {
        return hasOwn.call(carrier, key) ? SCAN_NONE_IN_CAP : SCAN_MAYBE;
      }
      const first = key.charCodeAt(0) | 0x20;
      if (first >= 128 || firsts[first] === 0) continue;
      for (let i = 0; i < names.length; i++) {
        if (equalsIgnoreAsciiCase(key, names[i])) return SCAN_MAYBE;
      }
      for (let i = 0; i < prefixes.length; i++) {
        if (startsWithIgnoreAsciiCase(key, prefixes[i])) return SCAN_MAYBE;
      }
    }
    return SCAN_LACKS;
  } catch {
    return SCAN_MAYBE;
  }
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
