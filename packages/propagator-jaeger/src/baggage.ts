/**
 * An immutable `Baggage` (the @opentelemetry/api interface) that takes the Map extract built.
 *
 * Why not `propagation.createBaggage()` + `setEntry()` per item: every setEntry copies the whole
 * Map (quadratic in the item count), and `createBaggage(record)` copies twice (Object.entries into
 * a Map, then the BaggageImpl constructor copies that Map). Extract builds one Map and hands it over
 * here, without copies. Same observable behaviour as the API's own Baggage: entries are returned as
 * copies, every change returns a new Baggage.
 */
import type { Baggage, BaggageEntry } from '@opentelemetry/api';

export class JaegerBaggage implements Baggage {
  /** Owns `entries`: the caller must not change the Map afterwards. */
  constructor(private readonly _entries: Map<string, BaggageEntry>) {}

  getEntry(key: string): BaggageEntry | undefined {
    const entry = this._entries.get(key);
    return entry === undefined ? undefined : { ...entry };
  }

  getAllEntries(): [string, BaggageEntry][] {
    return Array.from(this._entries);
  }

  setEntry(key: string, entry: BaggageEntry): JaegerBaggage {
    const next = new Map(this._entries);
    next.set(key, entry);
    return new JaegerBaggage(next);
  }

  removeEntry(key: string): JaegerBaggage {
    const next = new Map(this._entries);
    next.delete(key);
    return new JaegerBaggage(next);
  }

  removeEntries(...keys: string[]): JaegerBaggage {
    const next = new Map(this._entries);
    for (const key of keys) next.delete(key);
    return new JaegerBaggage(next);
  }

  clear(): JaegerBaggage {
    return new JaegerBaggage(new Map());
  }
}
