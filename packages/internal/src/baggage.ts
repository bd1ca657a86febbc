/**
 * Baggage built straight from a Map, and the merge every Baton baggage extract does.
 *
 * Why not `propagation.createBaggage()`: `createBaggage(record)` copies twice (Object.entries into a
 * Map, then the BaggageImpl constructor copies that Map), and `setEntry` per item copies the whole
 * Map each time — quadratic in the item count, which is what makes the official Jaeger package slow
 * on many `uberctx-` headers. A profile of W3C baggage extract put a third of its time there.
 */
import { propagation, type Baggage, type BaggageEntry, type Context } from '@opentelemetry/api';

/**
 * An immutable `Baggage` (the @opentelemetry/api interface) that takes ownership of a Map. Same
 * observable behaviour as the API's own: entries are returned as copies, every change returns a new
 * Baggage.
 */
export class MapBaggage implements Baggage {
  /** Owns `entries`: the caller must not change the Map afterwards. */
  constructor(private readonly _entries: Map<string, BaggageEntry>) {}

  getEntry(key: string): BaggageEntry | undefined {
    const entry = this._entries.get(key);
    return entry === undefined ? undefined : { ...entry };
  }

  getAllEntries(): [string, BaggageEntry][] {
    return Array.from(this._entries);
  }

  setEntry(key: string, entry: BaggageEntry): MapBaggage {
    const next = new Map(this._entries);
    next.set(key, entry);
    return new MapBaggage(next);
  }

  removeEntry(key: string): MapBaggage {
    const next = new Map(this._entries);
    next.delete(key);
    return new MapBaggage(next);
  }

  removeEntries(...keys: string[]): MapBaggage {
    const next = new Map(this._entries);
    for (const key of keys) next.delete(key);
    return new MapBaggage(next);
  }

  clear(): MapBaggage {
    return new MapBaggage(new Map());
  }
}

/**
 * `context` with one new Baggage: the entries already in it, then `found` (the header wins per key —
 * REQUIREMENTS §3 Decision, so Jaeger and W3C baggage coexist in any composite order). With no
 * baggage in the context — the usual case — `found` becomes the Baggage as it is (owned from here on).
 */
export function mergeBaggage(context: Context, found: Map<string, BaggageEntry>): Context {
  const existing = propagation.getBaggage(context);
  let entries = found;
  if (existing !== undefined) {
    entries = new Map(existing.getAllEntries());
    for (const [key, entry] of found) entries.set(key, entry);
  }
  return propagation.setBaggage(context, new MapBaggage(entries));
}
