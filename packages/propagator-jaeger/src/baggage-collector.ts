/**
 * Gathers the baggage items of one carrier under the caps, before any decoding work.
 *
 * REQUIREMENTS §5: "at most 64 baggage entries and 8192 bytes extracted; one pass over keys()".
 * Size is counted on the wire form (key + raw value, as it arrived), so an item over the budget is
 * dropped whole before its value is decoded (W3C-BAG §Limits: drop whole members, never a part).
 */
import type { BaggageEntry } from '@opentelemetry/api';
import { anchorShape, BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS, isToken } from '@baton/internal';
import { formDecode } from './form-decode';

export class BaggageCollector {
  /**
   * key → entry with the decoded value, in arrival order; the first item seen for a key wins.
   * Entries are built here once, so this Map can become the extracted Baggage without a copy.
   */
  readonly items = new Map<string, BaggageEntry>();
  private bytes = 0;

  /** True once no further item can be accepted: the caller can stop scanning. */
  get full(): boolean {
    return this.items.size >= BAGGAGE_MAX_MEMBERS || this.bytes >= BAGGAGE_MAX_BYTES;
  }

  /** Largest raw value that could still fit; callers reject longer values without reading them. */
  get remainingBytes(): number {
    return BAGGAGE_MAX_BYTES - this.bytes;
  }

  /**
   * Adds `key` with the raw (still encoded) `raw` value. The key must be an RFC 9110 token: it
   * came from, or must go back into, a header name. The value is percent-decoded with `+` read as
   * a space (form-encoding Jaeger clients); an undecodable value is kept as it arrived.
   */
  add(key: string, raw: string): void {
    if (isToken(key)) this.addToken(key, raw);
  }

  /** add() for a key the caller has already checked to be a token (the uberctx- key scan). */
  addToken(key: string, raw: string): void {
    if (this.items.size >= BAGGAGE_MAX_MEMBERS || this.items.has(key)) return;
    const size = key.length + raw.length;
    if (this.bytes + size > BAGGAGE_MAX_BYTES) return;
    this.bytes += size;
    const decoded = formDecode(raw);
    this.items.set(key, { value: decoded === undefined ? raw : decoded });
  }
}

// Lives for one extract call: kept alive here so its map survives full GCs (see anchorShape).
anchorShape(new BaggageCollector());
