/**
 * One `getter.keys()` per extract, shared by every member.
 *
 * REQUIREMENTS §1: a member that misses a header by its lowercase name scans `keys()`
 * case-insensitively. With five members and a carrier holding one format, each member misses and
 * each calls `keys()` — for Node's headers that is `Object.keys(headers)`, a fresh array every time.
 * The composite hands its members this wrapper for the duration of one extract call: `get` goes
 * straight to the user's getter, and `keys` calls it once per carrier and returns the same array
 * to every member (members read it; none of Baton's writes to it). A `keys()` that throws is not
 * remembered: the next member calls it again and sees the throw itself.
 */
import { defaultTextMapGetter, type TextMapGetter } from '@opentelemetry/api';
import { anchorShape } from '@baton/internal';

export class KeysOnceGetter implements TextMapGetter {
  private carrier: unknown;
  private list: string[] | undefined;

  constructor(private readonly getter: TextMapGetter) {
    this.carrier = undefined;
    this.list = undefined;
  }

  get(carrier: unknown, key: string): undefined | string | string[] {
    return this.getter.get(carrier, key);
  }

  keys(carrier: unknown): string[] {
    if (this.list !== undefined && carrier === this.carrier) return this.list;
    const list = this.getter.keys(carrier);
    this.carrier = carrier;
    this.list = list;
    return list;
  }
}

// Lives for one extract call: kept alive here so its map survives full GCs (see anchorShape).
anchorShape(new KeysOnceGetter(defaultTextMapGetter));
