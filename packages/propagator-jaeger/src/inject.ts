/**
 * Inject: `{trace-header}: {32}:{16}:0:{1|0|3}` and one `uberctx-{key}` header per baggage item.
 *
 * REQUIREMENTS §1: never throws; writes only token header names and safe US-ASCII values; no trace
 * header without a valid span context; nothing at all (baggage included) when tracing is
 * suppressed. §5: baggage keys must be valid header tokens; values are percent-encoded.
 */
import {
  propagation as apiPropagation,
  trace as apiTrace,
  TraceFlags as ApiTraceFlags,
  type Context,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  BAGGAGE_MAX_BYTES,
  baggageEntryList,
  BAGGAGE_MAX_MEMBERS,
  isDebugTrace,
  isToken,
  isTracingSuppressed,
  isValidSpanId,
  isValidTraceId,
  percentEncode,
  safeSet,
} from '@baton/internal';
import type { ResolvedJaegerConfig } from './config';
import { JAEGER_BAGGAGE_HEADER } from './constants';
import {
  formatUberTraceId,
  SUFFIX_DEBUG,
  SUFFIX_NOT_SAMPLED,
  SUFFIX_SAMPLED,
} from './uber-trace-id';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;
const TraceFlags = ApiTraceFlags;
const propagation = apiPropagation;

/** The `:0:{flags}` tail: sampled, debug only with sampled and only for the trace it came with. */
function flagsSuffix(context: Context, traceId: string, traceFlags: number): string {
  if ((traceFlags & TraceFlags.SAMPLED) === 0) return SUFFIX_NOT_SAMPLED;
  return isDebugTrace(context, traceId) ? SUFFIX_DEBUG : SUFFIX_SAMPLED;
}

export function injectJaeger(
  context: Context,
  carrier: unknown,
  setter: TextMapSetter,
  config: ResolvedJaegerConfig,
  names: BaggageHeaderNames,
): void {
  if (isTracingSuppressed(context)) return;

  const spanContext = trace.getSpanContext(context);
  if (spanContext !== undefined) {
    // The checks remember only the last id they accepted: it saves the other members of a
    // composite the same work (they send this same span); a new span costs one short compare.
    const traceId = spanContext.traceId;
    const spanId = spanContext.spanId;
    if (isValidTraceId(traceId) && isValidSpanId(spanId)) {
      safeSet(
        carrier,
        setter,
        config.traceHeader,
        formatUberTraceId(traceId, spanId, flagsSuffix(context, traceId, spanContext.traceFlags)),
      );
    }
  }

  const baggage = propagation.getBaggage(context);
  if (baggage !== undefined) injectBaggage(baggageEntryList(baggage), carrier, setter, names);
}

/**
 * Baggage key → the header to write (`uberctx-{key}`), or '' when the key may not be sent: not a
 * header token, or (custom prefix `jaeger`, key `baggage`) the name of the jaeger-baggage header.
 * One per propagator instance (the names depend on its prefix).
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

  constructor(private readonly prefix: string) {}

  get(key: string): string {
    let name = this.names.get(key);
    if (name !== undefined) return name;
    name = headerNameFor(this.prefix, key);
    if (this.names.size < MAX_INTERNED_NAMES && key.length <= MAX_INTERNED_KEY_LENGTH)
      this.names.set(key, name);
    return name;
  }
}

/** Enough for every baggage key a service uses; a bound, not a tuning knob. */
const MAX_INTERNED_NAMES = 256;
/** Longer keys are not stored, so the table holds at most 256 × 64 chars of keys. */
const MAX_INTERNED_KEY_LENGTH = 64;

function headerNameFor(prefix: string, key: string): string {
  if (!isToken(key)) return '';
  const name = prefix + key;
  // With a custom prefix `jaeger`, key `baggage` would write the jaeger-baggage header.
  if (name.length === JAEGER_BAGGAGE_HEADER.length && name.toLowerCase() === JAEGER_BAGGAGE_HEADER)
    return '';
  return name;
}

/**
 * Same caps as extract (64 items, 8192 bytes of key + encoded value), so what one Baton service
 * sends the next one keeps whole; an item that does not fit is dropped whole.
 */
function injectBaggage(
  entries: ReadonlyArray<readonly [string, { value: string }]>,
  carrier: unknown,
  setter: TextMapSetter,
  names: BaggageHeaderNames,
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
    const value = typeof raw === 'string' ? encodeValue(raw) : undefined;
    if (value === undefined) continue; // a lone surrogate cannot be encoded: drop the item
    const size = key.length + value.length;
    if (bytes + size > BAGGAGE_MAX_BYTES) continue;
    count++;
    bytes += size;
    safeSet(carrier, setter, name, value);
  }
}

/**
 * The chars encodeURIComponent leaves as they are: A–Z a–z 0–9 - _ . ! ~ * ' ( ). A value made of
 * these only (the usual ids, names, tenants) is its own encoding, and is checked here with char
 * codes instead of a call into the runtime's encoder that copies the string.
 */
const UNRESERVED = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) UNRESERVED[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) UNRESERVED[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) UNRESERVED[c] = 1;
for (const ch of "-_.!~*'()") UNRESERVED[ch.charCodeAt(0)] = 1;

/** percentEncode(value), without the encoder when nothing needs encoding. */
function encodeValue(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80 || UNRESERVED[c] === 0) return percentEncode(value);
  }
  return value;
}
