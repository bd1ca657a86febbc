/**
 * Baggage carried as one header per item, `{prefix}{key}: {value}` — Jaeger's `uberctx-` and OT
 * Trace's `ot-baggage-`. Both follow the same rules (REQUIREMENTS §5, reused for OT in §12):
 *
 * - extract: at most 64 items and 8192 bytes (W3C-BAG §Limits), counted on the wire form before a
 *   value is decoded; an item over the budget is dropped whole; the first item seen for a key wins;
 *   the key is the rest of the header name, as sent, marked caseless, and must be an RFC 9110 token;
 * - inject: only keys that make a legal header name, under the same caps, so what one Baton service
 *   sends the next one keeps whole.
 *
 * What differs between the formats is how a value is encoded (Jaeger percent-encodes, OT sends it
 * as it is), so that is a function the format passes in.
 */
import type { BaggageEntry, TextMapSetter } from '@opentelemetry/api';
import { isTchar, isToken } from './header';
import { caselessEntry } from './baggage';
import { safeSet } from './inject';
import { BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS } from './limits';
import { anchorShape } from './shapes';

/** A raw header value → the baggage value, or undefined when it cannot be decoded (kept raw then). */
export type BaggageValueDecoder = (raw: string) => string | undefined;
/** A baggage value → the header value to send, or undefined to drop that item. */
export type BaggageValueEncoder = (value: string) => string | undefined;

/** Gathers the baggage items of one carrier under the caps, before any decoding work. */
export class BaggageCollector {
  /**
   * key → entry with the decoded value, in arrival order; the first item seen for a key wins.
   * Entries are built here once, so this Map can become the extracted Baggage without a copy.
   */
  readonly items = new Map<string, BaggageEntry>();
  private bytes = 0;

  /** `decode`: undefined keeps values as they arrived (OT Trace); Jaeger passes its form decoding. */
  constructor(private readonly decode?: BaggageValueDecoder) {}

  /** True once no further item can be accepted: the caller can stop scanning. */
  get full(): boolean {
    return this.items.size >= BAGGAGE_MAX_MEMBERS || this.bytes >= BAGGAGE_MAX_BYTES;
  }

  /** Largest raw value that could still fit; callers reject longer values without reading them. */
  get remainingBytes(): number {
    return BAGGAGE_MAX_BYTES - this.bytes;
  }

  /** Adds `key` with the raw (still encoded) value; a key that is not an RFC 9110 token is skipped. */
  add(key: string, raw: string): void {
    if (isToken(key)) this.addToken(key, raw, false);
  }

  /**
   * add() for a key the caller has already checked to be a token. `fromHeaderName`: the key is the
   * tail of a `{prefix}{key}` header name, whose case the transport may have lost (Node lowercases
   * header names), so the entry is marked caseless (see ./baggage caselessEntry); keys read from a
   * header value (`jaeger-baggage`) keep theirs.
   */
  addToken(key: string, raw: string, fromHeaderName: boolean): void {
    if (this.items.size >= BAGGAGE_MAX_MEMBERS || this.items.has(key)) return;
    const size = key.length + raw.length;
    if (this.bytes + size > BAGGAGE_MAX_BYTES) return;
    this.bytes += size;
    const decoded = this.decode === undefined ? raw : this.decode(raw);
    const value = decoded === undefined ? raw : decoded;
    this.items.set(key, fromHeaderName ? caselessEntry(value) : { value });
  }
}

// A collector lives for one extract call, so a full GC between requests would find no instance and
// drop its map, deoptimising extractJaeger, extractOT and the collector's methods "for weak objects"
// (bench/gc/weak-objects.js listed them; the anchor was lost when the collector moved here from the
// Jaeger package). One of each kind the formats build (OT with no decoder, Jaeger with one) is kept
// alive, each having collected an item, so the map held is the one the request path ends up using.
for (const collector of [new BaggageCollector(), new BaggageCollector((raw) => raw)]) {
  collector.addToken('k', 'v', true);
  anchorShape(collector);
}

/** True when `key` is `lowerPrefix` (any ASCII case) followed by at least one char. */
export function hasPrefixIgnoreCase(key: string, lowerPrefix: string): boolean {
  const n = lowerPrefix.length;
  if (key.length <= n) return false;
  if (key.startsWith(lowerPrefix)) return true;
  for (let i = 0; i < n; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * key[start, end) as a baggage item key, as sent (the official Jaeger and OT packages keep the case
 * too), or undefined when it is not an RFC 9110 token. The case is not trusted (Node lowercases
 * header names), so collectors mark such items caseless (BaggageCollector.addToken), and a W3C
 * `baggage` entry that differs only in case is the same key (issue 13: keys must not multiply).
 */
export function baggageKeyFromHeader(key: string, start: number): string | undefined {
  for (let i = start; i < key.length; i++) if (!isTchar(key.charCodeAt(i))) return undefined;
  return key.slice(start);
}

/**
 * Baggage key → the header to write (`{prefix}{key}`), or '' when the key may not be sent: not a
 * header token, or a name the format reserves for something else (Jaeger with the custom prefix
 * `jaeger` and key `baggage` would write its `jaeger-baggage` header). One per propagator instance.
 *
 * A bounded intern table, keyed on baggage keys, not ids: a service sends the same few keys on
 * every request (`user-id`, `tenant`), so real traffic hits it. It saves the token check, the
 * concatenation, and — because the name handed to the setter is the same string every time — the
 * hashing and internalising of a freshly built property key in `carrier[name] = value`. When full,
 * names are computed as before and not stored, so a stream of distinct keys (baggage keys can come
 * from upstream headers) costs no memory; filling the table only makes later new keys uncached.
 */
export class BaggageHeaderNames {
  private readonly names = new Map<string, string>();

  /** `reserved`: a lowercase header name no baggage key may produce ('' for none). */
  constructor(
    private readonly prefix: string,
    private readonly reserved: string = '',
  ) {}

  get(key: string): string {
    let name = this.names.get(key);
    if (name !== undefined) return name;
    name = this.nameFor(key);
    if (this.names.size < MAX_INTERNED_NAMES && key.length <= MAX_INTERNED_KEY_LENGTH)
      this.names.set(key, name);
    return name;
  }

  private nameFor(key: string): string {
    if (!isToken(key)) return '';
    const name = this.prefix + key;
    if (name.length === this.reserved.length && name.toLowerCase() === this.reserved) return '';
    return name;
  }
}

/** Enough for every baggage key a service uses; a bound, not a tuning knob. */
const MAX_INTERNED_NAMES = 256;
/** Longer keys are not stored, so the table holds at most 256 × 64 chars of keys. */
const MAX_INTERNED_KEY_LENGTH = 64;

/**
 * Writes one `{prefix}{key}` header per entry, under the extract caps (64 items, 8192 bytes of key
 * + encoded value); an item that does not fit, or whose value `encode` refuses, is dropped whole.
 */
export function injectPrefixedBaggage(
  entries: ReadonlyArray<readonly [string, { value: string }]>,
  carrier: unknown,
  setter: TextMapSetter,
  names: BaggageHeaderNames,
  encode: BaggageValueEncoder,
): void {
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < entries.length && count < BAGGAGE_MAX_MEMBERS; i++) {
    // Indexed reads, not `const [key, entry] = …`: array destructuring runs the iterator protocol.
    const pair = entries[i];
    if (pair === null || typeof pair !== 'object') continue;
    const key = pair[0];
    const entry = pair[1];
    if (typeof key !== 'string') continue;
    const name = names.get(key);
    if (name === '') continue;
    const raw = entry === null || typeof entry !== 'object' ? undefined : entry.value;
    const value = typeof raw === 'string' ? encode(raw) : undefined;
    if (value === undefined) continue;
    const size = key.length + value.length;
    if (bytes + size > BAGGAGE_MAX_BYTES) continue;
    count++;
    bytes += size;
    safeSet(carrier, setter, name, value);
  }
}
