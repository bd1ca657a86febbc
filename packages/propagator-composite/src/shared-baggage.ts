/**
 * One `getAllEntries()` per inject, shared by the members that send baggage.
 *
 * W3C baggage and Jaeger (`uberctx-`) both serialize every baggage entry, and the API's Baggage
 * builds a fresh array of fresh pairs on every `getAllEntries()` — a third of the composite's
 * inject time in a profile. For one inject call the composite hands its members the baggage behind
 * this wrapper: the first `getAllEntries()` is remembered and every later member gets the same
 * array. Only used when every inject member is a Baton member, whose inject only reads the array
 * (a foreign member might sort or splice it). Everything else goes to the baggage itself.
 */
import { propagation, type Baggage, type BaggageEntry } from '@opentelemetry/api';
import { anchorShape, baggageEntryList } from '@baton/internal';

export class SharedEntriesBaggage implements Baggage {
  private entries: [string, BaggageEntry][] | undefined;

  constructor(private readonly baggage: Baggage) {}

  getAllEntries(): [string, BaggageEntry][] {
    // A throw is not remembered: the next member calls the baggage again and sees it itself.
    if (this.entries === undefined)
      this.entries = baggageEntryList(this.baggage) as [string, BaggageEntry][];
    return this.entries;
  }

  getEntry(key: string): BaggageEntry | undefined {
    return this.baggage.getEntry(key);
  }

  setEntry(key: string, entry: BaggageEntry): Baggage {
    return this.baggage.setEntry(key, entry);
  }

  removeEntry(key: string): Baggage {
    return this.baggage.removeEntry(key);
  }

  removeEntries(...keys: string[]): Baggage {
    return this.baggage.removeEntries(...keys);
  }

  clear(): Baggage {
    return this.baggage.clear();
  }
}

// Lives for one inject call: kept alive here so its map survives full GCs (see anchorShape).
anchorShape(new SharedEntriesBaggage(propagation.createBaggage())).getAllEntries();
