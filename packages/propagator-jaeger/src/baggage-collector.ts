/**
 * Gathers the baggage items of one carrier under the caps, before any decoding work.
 *
 * REQUIREMENTS §5: "at most 64 baggage entries and 8192 bytes extracted; one pass over keys()".
 * Size is counted on the wire form (key + raw value, as it arrived), so an item over the budget is
 * dropped whole before its value is decoded (W3C-BAG §Limits: drop whole members, never a part).
 */
import { BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS, isToken, percentDecode } from '@baton/internal';

export class BaggageCollector {
  /** key → decoded value, in arrival order. The first item seen for a key wins. */
  readonly items = new Map<string, string>();
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
    if (this.items.size >= BAGGAGE_MAX_MEMBERS) return;
    if (this.items.has(key) || !isToken(key)) return;
    const size = key.length + raw.length;
    if (this.bytes + size > BAGGAGE_MAX_BYTES) return;
    this.bytes += size;
    const decoded = percentDecode(raw, true);
    this.items.set(key, decoded === undefined ? raw : decoded);
  }
}
