/**
 * An immutable `Baggage` (the @opentelemetry/api interface) built straight from a Map.
 *
 * Why not `propagation.createBaggage(record)`: it copies the record through Object.entries into a
 * Map, and the BaggageImpl constructor copies that Map again — a third of the extract time in a
 * profile. This class has the same observable behaviour (entries are returned as copies, every
 * change returns a new Baggage) and takes the Map extract built, without copies.
 */
import type { Baggage, BaggageEntry } from '@opentelemetry/api';

export class W3CBaggage implements Baggage {
  /** Owns `entries`: the caller must not change the Map afterwards. */
  constructor(private readonly _entries: Map<string, BaggageEntry>) {}

  getEntry(key: string): BaggageEntry | undefined {
    const entry = this._entries.get(key);
    return entry === undefined ? undefined : { ...entry };
  }

  getAllEntries(): [string, BaggageEntry][] {
    return Array.from(this._entries);
  }

  setEntry(key: string, entry: BaggageEntry): W3CBaggage {
    const next = new Map(this._entries);
    next.set(key, entry);
    return new W3CBaggage(next);
  }

  removeEntry(key: string): W3CBaggage {
    const next = new Map(this._entries);
    next.delete(key);
    return new W3CBaggage(next);
  }

  removeEntries(...keys: string[]): W3CBaggage {
    const next = new Map(this._entries);
    for (const key of keys) next.delete(key);
    return new W3CBaggage(next);
  }

  clear(): W3CBaggage {
    return new W3CBaggage(new Map());
  }
}
