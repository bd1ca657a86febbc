/**
 * Baggage built straight from a Map, and the merge every Baton baggage extract does.
 *
 * Why not `propagation.createBaggage()`: `createBaggage(record)` copies twice (Object.entries into a
 * Map, then the BaggageImpl constructor copies that Map), and `setEntry` per item copies the whole
 * Map each time — quadratic in the item count, which is what makes the official Jaeger package slow
 * on many `uberctx-` headers. A profile of W3C baggage extract put a third of its time there.
 */
import {
  propagation as apiPropagation,
  type Baggage,
  type BaggageEntry,
  type Context,
} from '@opentelemetry/api';
import { anchorShape } from './shapes';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const propagation = apiPropagation;

/**
 * An immutable `Baggage` (the @opentelemetry/api interface) that takes ownership of a Map. Same
 * observable behaviour as the API's own: entries are returned as copies, every change returns a new
 * Baggage.
 */
export class MapBaggage implements Baggage {
  /** The pairs, built on first use (the Baggage is immutable, so they never go stale). */
  private list: ReadonlyArray<readonly [string, BaggageEntry]> | undefined;

  /** Owns `entries`: the caller must not change the Map afterwards. */
  constructor(private readonly _entries: Map<string, BaggageEntry>) {}

  getEntry(key: string): BaggageEntry | undefined {
    const entry = this._entries.get(key);
    return entry === undefined ? undefined : { ...entry };
  }

  getAllEntries(): [string, BaggageEntry][] {
    // Fresh pairs in a fresh array, as the API's: the caller may change either without touching
    // this Baggage (the shared entryList is for Baton's readers only).
    const list = this.entryList();
    const out = new Array<[string, BaggageEntry]>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = [list[i][0], list[i][1]];
    return out;
  }

  /** A copy of the entries, for a merge that makes a new MapBaggage (see entriesCopy). */
  entriesCopy(): Map<string, BaggageEntry> {
    return copyMap(this._entries);
  }

  /** The pairs, shared: for readers in Baton that promise not to change them (entryList below). */
  entryList(): ReadonlyArray<readonly [string, BaggageEntry]> {
    if (this.list === undefined) this.list = pairsOf(this._entries);
    return this.list;
  }

  setEntry(key: string, entry: BaggageEntry): MapBaggage {
    const next = copyMap(this._entries);
    next.set(key, entry);
    return new MapBaggage(next);
  }

  removeEntry(key: string): MapBaggage {
    const next = copyMap(this._entries);
    next.delete(key);
    return new MapBaggage(next);
  }

  removeEntries(...keys: string[]): MapBaggage {
    const next = copyMap(this._entries);
    for (const key of keys) next.delete(key);
    return new MapBaggage(next);
  }

  clear(): MapBaggage {
    return new MapBaggage(new Map());
  }
}

/**
 * A copy of `map`, same order. `new Map(map)` goes through the entries iterator and allocates a
 * [key, value] array and a result object per entry: 595 B for a 3-entry map on Node 20, against
 * 205 B (the Map alone) for this loop (`node --expose-gc bench/micro/map-copy.js`).
 */
function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  for (const key of map.keys()) out.set(key, map.get(key) as V);
  return out;
}

/** The Map's [key, entry] pairs in order, by a plain loop (no iterator-to-array conversion). */
function pairsOf(map: ReadonlyMap<string, BaggageEntry>): Array<readonly [string, BaggageEntry]> {
  const out = new Array<readonly [string, BaggageEntry]>(map.size);
  let i = 0;
  map.forEach((entry, key) => {
    out[i++] = [key, entry];
  });
  return out;
}

/** The prototype of the API's own Baggage (BaggageImpl, which the API does not export). */
const API_BAGGAGE_PROTOTYPE: unknown = Object.getPrototypeOf(propagation.createBaggage());

/**
 * The Map behind the API's own Baggage (its `_entries` field, unchanged since api 1.0; checked by a
 * test), or undefined for any other Baggage or an API whose Baggage no longer has it.
 */
function apiBaggageMap(baggage: Baggage): Map<string, BaggageEntry> | undefined {
  if (Object.getPrototypeOf(baggage) !== API_BAGGAGE_PROTOTYPE) return undefined;
  const map: unknown = (baggage as unknown as { _entries?: unknown })._entries;
  return map instanceof Map ? (map as Map<string, BaggageEntry>) : undefined;
}

/**
 * A new Map of `baggage`'s entries (the same entry objects), for a merge to add to. For Baton's and
 * the API's Baggage, one copy of the Map behind it: a pair list first (baggageEntryList) and a
 * Map filled from it cost two arrays per entry more, and the every-format composite extract merges
 * Jaeger's items into W3C's baggage on every request.
 */
function entriesCopy(baggage: Baggage): Map<string, BaggageEntry> {
  if (baggage instanceof MapBaggage) return baggage.entriesCopy();
  const map = apiBaggageMap(baggage);
  if (map !== undefined) return copyMap(map);
  const list = baggage.getAllEntries();
  const out = new Map<string, BaggageEntry>();
  for (let i = 0; i < list.length; i++) out.set(list[i][0], list[i][1]);
  return out;
}

/** True when some entry of `entries` is caseless (a plain loop: no closure per call). */
function hasCaselessEntry(entries: Map<string, BaggageEntry>): boolean {
  for (const entry of entries.values()) if (isCaseless(entry)) return true;
  return false;
}

/**
 * The [key, entry] pairs of any Baggage, for a caller that only reads them.
 *
 * The API's `getAllEntries()` is `Array.from(map.entries()).map(([k, v]) => [k, v])`: about 400 ns
 * for two entries on the bench machine, more than a whole traceparent inject, and every baggage
 * inject (W3C, Jaeger) pays it. For the API's own Baggage this reads the Map behind it (its
 * `_entries` field, unchanged since api 1.0; checked by a test) with a plain loop: about 30 ns.
 * The entries are the same objects `getAllEntries()` hands out. Any other Baggage, or an API whose
 * Baggage no longer has that Map, gets `getAllEntries()`: the same pairs, just slower.
 */
export function baggageEntryList(baggage: Baggage): ReadonlyArray<readonly [string, BaggageEntry]> {
  if (baggage instanceof MapBaggage) return baggage.entryList();
  const map = apiBaggageMap(baggage);
  return map === undefined ? baggage.getAllEntries() : pairsOf(map);
}

/** True when baggageEntryList reads the API's Baggage without getAllEntries (for a test). */
export function readsApiBaggageDirectly(): boolean {
  return apiBaggageMap(propagation.createBaggage()) !== undefined;
}

/**
 * Entries whose key was read from a header NAME (Jaeger `uberctx-{key}`): header names are
 * case-insensitive, and Node lowercases them, so such a key has lost its case. The mark is a
 * property of the entry's prototype, not of the entry: the entries users see keep `{ value }` as
 * their only own property (a copy made with `{ ...entry }` is an ordinary entry again), and any
 * Baggage that keeps the entry objects (the API's, MapBaggage) keeps the mark. (A WeakSet of the
 * entries measured about 3 µs per entry here: the collector pays for every weak entry.)
 */
const CASELESS: unique symbol = Symbol('@baton/internal caseless baggage key');
const CASELESS_ENTRY: object = { [CASELESS]: true };

/** A baggage entry read under a case-insensitive key (see mergeBaggage). */
export function caselessEntry(value: string): BaggageEntry {
  const entry = Object.create(CASELESS_ENTRY) as BaggageEntry;
  entry.value = value;
  return entry;
}

/** True when `entry` was read under a case-insensitive key. */
export function isCaseless(entry: unknown): boolean {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (entry as { [CASELESS]?: unknown })[CASELESS] === true
  );
}

/**
 * `context` with one new Baggage: the entries already in it, then `found` (the header wins per key —
 * REQUIREMENTS §3 Decision, so Jaeger and W3C baggage coexist in any composite order). With no
 * baggage in the context — the usual case — `found` becomes the Baggage as it is (owned from here on).
 *
 * Keys in any case (REQUIREMENTS §7: what a composite injects it extracts back exactly, "keys in
 * any case"): a composite that writes `baggage: A=x` and `uberctx-A: x` reads back `A` from W3C
 * (its keys keep their case) and, over Node's lowercased headers, `a` from Jaeger. A key whose
 * case was lost (see caselessEntry) is the same key as one that differs from it only in case:
 * - a caseless entry is not added beside an entry with its case whose key differs only in case;
 * - an entry with its case replaces the caseless entries whose keys differ from its only in case.
 * Keys equal as they are: the header wins, whatever the kind.
 */
export function mergeBaggage(context: Context, found: Map<string, BaggageEntry>): Context {
  const existing = propagation.getBaggage(context);
  let entries = found;
  if (existing !== undefined) {
    entries = entriesCopy(existing);
    if (hasCaselessEntry(found) || hasCaselessEntry(entries)) mergeByCase(entries, found);
    else for (const key of found.keys()) entries.set(key, found.get(key)!);
  }
  return propagation.setBaggage(context, new MapBaggage(entries));
}

/** Adds `found` to `entries` under the case rules of mergeBaggage. */
function mergeByCase(entries: Map<string, BaggageEntry>, found: Map<string, BaggageEntry>): void {
  // Plain loops, here and in twinOf: a forEach callback that writes a captured variable is a
  // closure and its context allocated per call.
  for (const key of found.keys()) {
    const entry = found.get(key)!;
    if (!entries.has(key)) {
      const caseless = isCaseless(entry);
      // A key differing only in case, of the other kind: usually none (a plain walk, no copies).
      const twin = twinOf(entries, key, !caseless);
      if (twin !== undefined) {
        if (caseless) continue; // the entry with its case is the better copy
        let next: string | undefined = twin;
        do {
          entries.delete(next);
          next = twinOf(entries, key, true);
        } while (next !== undefined);
      }
    }
    entries.set(key, entry);
  }
}

/**
 * A key of `entries` that differs from `key` only in ASCII case, whose entry is caseless (when
 * `caseless`) or has its case (otherwise); undefined when there is none. At most 64 + 64 entries
 * meet here (the caps), so a walk is bounded; the length check turns most keys away at once.
 */
function twinOf(
  entries: Map<string, BaggageEntry>,
  key: string,
  caseless: boolean,
): string | undefined {
  if (typeof key !== 'string') return undefined;
  for (const other of entries.keys()) {
    if (
      typeof other === 'string' &&
      other.length === key.length &&
      other !== key &&
      isCaseless(entries.get(other)) === caseless &&
      equalsFoldingCase(other, key)
    ) {
      return other;
    }
  }
  return undefined;
}

/** True when `a` and `b` (of equal length) differ at most in ASCII case. */
function equalsFoldingCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

// An extracted baggage lives as long as its request: kept alive here so its map survives full GCs
// between requests (see anchorShape).
anchorShape(new MapBaggage(new Map()));
// Baggage entries live as long as the request's baggage: the two kinds extract makes (a caseless
// entry from a Jaeger `uberctx-` header name, a plain `{ value }` from a header value), kept alive
// so the maps isCaseless and mergeBaggage are optimised for survive full GCs (bench/gc/weak-objects.js
// listed both).
anchorShape(caselessEntry('v'));
anchorShape({ value: 'v' });
