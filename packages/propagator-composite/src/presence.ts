/**
 * Which members have a header in the carrier at all.
 *
 * Members that declare HEADERS_READ (every Baton propagator) read only those headers: the lowercase
 * name through `get`, then any case through `keys()`. This does the same lookups once for all of
 * them — each declared name through `get`, then one pass over `keys()` — so the composite can skip
 * a member none of whose headers is present: a W3C-only request through a composite of every format
 * runs the W3C members, not five parsers that each find nothing and scan the keys again.
 *
 * It is the members' own lookup, so it holds for any getter: what it cannot see, neither could the
 * member. When it cannot decide (keys() throws or is not an array, more keys than a member would
 * scan), it answers "run everyone".
 *
 * One shortcut (membersWithHeadersPlain): for a plain object read through the API's default getter,
 * its keys alone answer, walked without an array, and the direct lookups are skipped.
 */
import type { TextMapGetter, TextMapPropagator } from '@opentelemetry/api';
import {
  equalsIgnoreAsciiCase,
  headersRead,
  MAX_SCANNED_KEYS,
  startsWithIgnoreAsciiCase,
} from '@baton/internal';

export interface HeaderIndex {
  /**
   * The lowercase header names the members read, each once (the direct lookups), then their
   * dependent names (HeadersRead.dependentNames) not among them.
   */
  readonly names: readonly string[];
  /** Per name: bitmask of the members that read it (0 for a dependent name: it runs no member). */
  readonly masks: readonly number[];
  /** Per name: its first char code (a prefilter: most keys differ from every name there). */
  readonly firsts: readonly number[];
  /**
   * Per name: its char code at index 2 (or its last, when shorter), a second prefilter: request
   * headers share `x-` with the B3 names (`x-request-id`, `x-forwarded-for`) and differ right after.
   */
  readonly probes: readonly number[];
  /** Key length → indexes into names of that length, or null (dense, up to the longest name). */
  readonly byLength: ReadonlyArray<readonly number[] | null>;
  /** Lowercase name prefixes (Jaeger `uberctx-`), their first char codes and member bitmasks. */
  readonly prefixes: readonly string[];
  readonly prefixFirsts: readonly number[];
  /** Their second char codes, folded the same way (-1 for a one-char prefix): `user-agent` is not `uberctx-`. */
  readonly prefixSeconds: readonly number[];
  readonly prefixMasks: readonly number[];
  /** Char code (ASCII case folded, < 128) → 1 when some name or prefix starts with it. */
  readonly firstChars: Uint8Array;
  /**
   * Key length → 1 when a key of that length may be a name or start with a prefix (every length
   * from the shortest prefix's on), up to the longest name; longer keys are settled by `longKeys`
   * (1 when some member reads a prefix). A field read settles about half of a request's headers
   * before their first char is read.
   */
  readonly keyLengths: Uint8Array;
  readonly longKeys: number;
  /** Bitmask of the members that declared what they read (the only ones that may be skipped). */
  readonly declared: number;
  /**
   * Each declared member's first name, last member first (empty when some declared member reads
   * by prefix only): when the carrier has all of them as own keys, every declared member runs and
   * the walk is not needed (see membersWithHeadersPlain).
   */
  readonly leads: readonly string[];
}

/** Run everyone. */
export const ALL_PRESENT = -1;

/**
 * A bit of a walk's answer beside the members' bits (which stop at bit 29): some key equals one of
 * the index's names in another case (`TraceParent`, or `TraceState` for a dependent name). Without
 * it, the walk proved the carrier has each name in lowercase or not at all, which the member it
 * runs may then use (beginWalkedCarrier in @baton/internal).
 */
export const OTHER_CASE = 1 << 30;

/** The index of what the members read, or undefined when none declared it (or too many members). */
export function buildHeaderIndex(members: readonly TextMapPropagator[]): HeaderIndex | undefined {
  if (members.length > 30) return undefined; // one bit per member in a 32-bit mask
  const byName = new Map<string, number>();
  const byPrefix = new Map<string, number>();
  let declared = 0;
  let leads: string[] = [];
  let everyLead = true;
  for (let i = 0; i < members.length; i++) {
    const read = headersRead(members[i]);
    if (read === undefined) continue;
    const bit = 1 << i;
    declared |= bit;
    if (read.names.length > 0) leads.unshift(read.names[0]);
    else everyLead = false;
    for (const name of read.names) byName.set(name, (byName.get(name) ?? 0) | bit);
    for (const prefix of read.prefixes) byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) | bit);
  }
  // Names read only after a member's own name was found: walked for their case (OTHER_CASE), but
  // with no member bit, so they never make a member run.
  for (let i = 0; i < members.length; i++) {
    const dependent = headersRead(members[i])?.dependentNames;
    if (dependent !== undefined)
      for (const name of dependent) byName.set(name, byName.get(name) ?? 0);
  }
  if (declared === 0) return undefined;
  if (!everyLead) leads = [];
  const names = Array.from(byName.keys(), intern);
  const byLength: Array<number[] | null> = [];
  for (let n = 0; n < names.length; n++) {
    const length = names[n].length;
    while (byLength.length <= length) byLength.push(null);
    (byLength[length] ??= []).push(n);
  }
  const prefixes = Array.from(byPrefix.keys());
  const firstChars = new Uint8Array(128);
  for (const name of [...names, ...prefixes]) firstChars[name.charCodeAt(0) | 0x20] = 1;
  const keyLengths = new Uint8Array(byLength.length);
  for (const name of names) keyLengths[name.length] = 1;
  for (const prefix of prefixes) keyLengths.fill(1, prefix.length);
  return {
    names,
    masks: names.map((name) => byName.get(name)!),
    // Folded like the keys' chars are (`| 0x20`): `_` and `^` fold to other codes, letters to lowercase.
    firsts: names.map((name) => name.charCodeAt(0) | 0x20),
    probes: names.map((name) => name.charCodeAt(probeIndex(name.length)) | 0x20),
    byLength,
    prefixes,
    prefixFirsts: prefixes.map((prefix) => prefix.charCodeAt(0) | 0x20),
    prefixSeconds: prefixes.map((prefix) => (prefix.length > 1 ? prefix.charCodeAt(1) | 0x20 : -1)),
    prefixMasks: prefixes.map((prefix) => byPrefix.get(prefix)!),
    firstChars,
    keyLengths,
    longKeys: prefixes.length > 0 ? 1 : 0,
    declared,
    leads: leads.map(intern),
  };
}

/**
 * The same string as the key of an object literal: internalized, as a carrier's keys are, so a
 * key that is this name compares equal by identity.
 */
function intern(name: string): string {
  return Object.keys({ [name]: 0 })[0];
}

/** Where the second prefilter looks in a name (or key) of this length. */
function probeIndex(length: number): number {
  return length > 2 ? 2 : length - 1;
}

/**
 * Bitmask of the members of `index` one of whose names (any ASCII case) or prefixes `key` is, with
 * OTHER_CASE when `key` is a name in another case; 0 for most keys. Small, so TurboFan inlines it
 * into both walks below.
 */
function membersReading(index: HeaderIndex, key: string): number {
  if (key.length === 0) return 0;
  // ASCII case fold of the first char; a non-letter may fold onto a name's first char only
  // by accident, and the full comparison below settles it.
  const first = key.charCodeAt(0) | 0x20;
  // Most request headers (host, accept-*, content-*) start with no declared name's letter.
  if (first >= 128 || index.firstChars[first] === 0) return 0;
  let mask = 0;
  const { byLength } = index;
  const candidates = key.length < byLength.length ? byLength[key.length] : null;
  if (candidates !== null) {
    const { names, masks, firsts, probes } = index;
    // Case-folded like `first`; the candidates have the key's length, so the same index.
    const probe = key.charCodeAt(probeIndex(key.length)) | 0x20;
    for (let c = 0; c < candidates.length; c++) {
      const n = candidates[c];
      const name = names[n];
      // `===` first: a carrier key and a name are both interned strings, so an exact hit is one compare.
      if (firsts[n] === first && probes[n] === probe) {
        if (key === name) mask |= masks[n];
        else if (equalsIgnoreAsciiCase(key, name)) mask |= masks[n] | OTHER_CASE;
      }
    }
  }
  const { prefixes, prefixFirsts, prefixSeconds, prefixMasks } = index;
  for (let p = 0; p < prefixes.length; p++) {
    if (prefixFirsts[p] !== first) continue;
    const second = prefixSeconds[p];
    // A key shorter than two chars reads NaN here, which folds to 0x20: no token char does.
    if (second >= 0 && (key.charCodeAt(1) | 0x20) !== second) continue;
    if (startsWithIgnoreAsciiCase(key, prefixes[p])) mask |= prefixMasks[p];
  }
  return mask;
}

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * membersWithHeaders for a plain object read through the API's default getter (isPlainCarrier in
 * @baton/internal): its own enumerable keys are the headers, so one walk of them answers, with no
 * lookup by name and no keys() array. `for…in` walks the key list V8 caches on the object's map and
 * allocates nothing (an `Object.keys` array of a request's dozen headers was the largest single
 * allocation of an extract where one format is present). It also yields inherited enumerable keys:
 * a match counts only when it is the carrier's own key, so the answer is exactly the one a walk of
 * `Object.keys` gives (a polluted Object.prototype is not a header; see plainCarrierKeys). More than
 * MAX_SCANNED_KEYS keys: ALL_PRESENT, as for a keys() array that long. Any other answer walked
 * every key, and carries OTHER_CASE when one of them is an index name in another case.
 */
export function membersWithHeadersPlain(index: HeaderIndex, carrier: object): number {
  let present = 0;
  let budget = MAX_SCANNED_KEYS;
  try {
    if (hasEveryLead(index.leads, carrier)) return ALL_PRESENT;
    const { firstChars, keyLengths, longKeys } = index;
    for (const key in carrier) {
      if (--budget < 0) return ALL_PRESENT;
      // Two filters before membersReading, here in the loop: the key's length (a field read)
      // settles about half of a request's headers, the first char most of the rest; the call is
      // then made for the few of a name's length that start like it (`x-…`, `t…`). The whole walk of
      // a request's 11 headers: about 39 ns (`node bench/micro/presence-walk.js`).
      const length = key.length;
      if ((length < keyLengths.length ? keyLengths[length] : longKeys) === 0) continue;
      const first = key.charCodeAt(0) | 0x20;
      if (first >= 128 || firstChars[first] === 0) continue;
      const mask = membersReading(index, key);
      if (mask !== 0 && hasOwn.call(carrier, key)) present |= mask;
    }
  } catch {
    return ALL_PRESENT; // defensive: nothing above throws for a plain object
  }
  return present;
}

/**
 * True when `carrier` has each of `leads` (one name per declared member) as an own enumerable key:
 * every declared member has a header, so the walk would answer "run everyone". The last member's
 * name is asked first: a request with one format (the first member's, usually) costs one miss.
 * The `in` operator is the fast check (a miss is 3.7 ns against 8.3 for a `hasOwnProperty` call on
 * the bench machine, `bench/micro/presence-walk.js`; and it runs no getter, as a load would); a hit is confirmed own and
 * enumerable (`propertyIsEnumerable` is false for an inherited property), as `for…in` would list it
 * and the walk count it (a non-enumerable own property, or one inherited from a polluted
 * Object.prototype, is not a header; see plainCarrierKeys).
 */
function hasEveryLead(leads: readonly string[], carrier: object): boolean {
  if (leads.length === 0) return false;
  for (let n = 0; n < leads.length; n++) if (!(leads[n] in carrier)) return false;
  for (let n = 0; n < leads.length; n++) if (!isEnumerable.call(carrier, leads[n])) return false;
  return true;
}

/**
 * Bitmask of the declared members with at least one of their headers present, or ALL_PRESENT.
 * For a plain carrier through the default getter, membersWithHeadersPlain answers without lookups.
 */
export function membersWithHeaders(
  index: HeaderIndex,
  carrier: unknown,
  getter: TextMapGetter,
): number {
  let present = 0;
  try {
    // The members' first lookup: each lowercase name through get (sees what keys() may not list).
    const { names, masks } = index;
    for (let n = 0; n < names.length; n++) {
      const mask = masks[n];
      if ((present & mask) === mask) continue;
      const value: unknown = getter.get(carrier, names[n]);
      if (value !== undefined && value !== null) present |= mask;
    }
    if ((present & index.declared) === index.declared) return present;
    // Their fallback: any case, through keys() (the composite shares the array with them).
    const keys: unknown = getter.keys(carrier);
    if (!Array.isArray(keys) || keys.length > MAX_SCANNED_KEYS) return ALL_PRESENT;
    for (let k = 0; k < keys.length; k++) {
      const key: unknown = keys[k];
      if (typeof key === 'string') present |= membersReading(index, key) & ~OTHER_CASE;
    }
  } catch {
    return ALL_PRESENT; // a getter that throws: let each member meet it (and report it) itself
  }
  return present;
}
