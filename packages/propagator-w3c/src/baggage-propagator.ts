/**
 * W3C Baggage propagator: the `baggage` header.
 */
import {
  propagation as apiPropagation,
  baggageEntryMetadataFromString,
  type Baggage,
  type BaggageEntry,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  baggageEntryList,
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  headerAfterMiss,
  mayHoldOtherCase,
  isToken,
  isTracingSuppressed,
  safeSet,
  KEEPS_BATON_RULES,
  mergeBaggage,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  EXPLAIN_REJECTION,
  rejectionReason,
  type RejectionReason,
} from '@baton/internal';
import { explainBaggage } from './explain-baggage';
import { BAGGAGE_HEADER } from './constants';
import { encodeValue, isSendableProperties, readMember, type MemberEnd } from './baggage-grammar';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const propagation = apiPropagation;

const COMMA = 0x2c;

/** Entries keyed by name, in header order (a Map: `__proto__` is just a key). */
type Entries = Map<string, BaggageEntry>;

/**
 * Reads the list-members of one header value into `out`, within what is left of the byte budget
 * and member count. W3C-BAG §Limits: at most 64 members and 8192 bytes are propagated, and never
 * a partial member — so a member that ends past the budget is dropped, and nothing beyond the
 * budget is ever looked at (a 1 MB header costs what 8 KB costs).
 * Returns the budget left after this value (and its separating comma).
 */
function readMembers(
  s: string,
  budget: number,
  out: Entries,
  counter: { members: number },
): number {
  const n = s.length < budget ? s.length : budget;
  const at: MemberEnd = { end: 0 };
  let i = 0;
  while (i < n && counter.members < BAGGAGE_MAX_MEMBERS) {
    // One pass per member: its grammar finds the comma that ends it (readMember).
    const member = readMember(s, i, n, at);
    const end = at.end;
    // A member cut by the budget does not fit: dropped whole, and the rest is never read.
    if (end === n && n < s.length && s.charCodeAt(n) !== COMMA) break;
    if (member !== undefined) {
      out.set(
        member.key,
        member.properties === undefined
          ? { value: member.value }
          : { value: member.value, metadata: baggageEntryMetadataFromString(member.properties) },
      );
      counter.members++;
    }
    i = end + 1;
  }
  return budget - s.length - 1;
}

/** A header value as text: strings as they are, Buffers as latin1 (only the part the budget allows). */
function asText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw instanceof Uint8Array) {
    // One byte past the budget is kept so readMembers can tell a member cut by the budget (dropped
    // whole, W3C-BAG §Limits) from one that ends exactly at it.
    const bytes = raw.length > BAGGAGE_MAX_BYTES ? raw.subarray(0, BAGGAGE_MAX_BYTES + 1) : raw;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  return undefined;
}

/** The baggage-string to send for these entries, or '' when there is nothing to send. */
function serialize(entries: ReadonlyArray<readonly [string, BaggageEntry]>): string {
  let out = '';
  let members = 0;
  for (let e = 0; e < entries.length && members < BAGGAGE_MAX_MEMBERS; e++) {
    const key = entries[e][0];
    const entry = entries[e][1];
    // The key is a token as it is: a key that is not a legal token cannot be sent unchanged.
    if (typeof key !== 'string' || !isToken(key)) continue;
    if (entry === null || typeof entry !== 'object' || typeof entry.value !== 'string') continue;
    const value = encodeValue(entry.value);
    if (value === undefined) continue; // lone surrogate: the entry is dropped, inject goes on
    let member = key + '=' + value;
    if (entry.metadata !== undefined) {
      const properties = String(entry.metadata);
      if (isSendableProperties(properties)) member += ';' + properties;
    }
    const size = out.length === 0 ? member.length : out.length + 1 + member.length;
    if (size > BAGGAGE_MAX_BYTES) continue; // drop the whole member; a smaller one may still fit
    out = out.length === 0 ? member : out + ',' + member;
    members++;
  }
  return out;
}

/**
 * Merges the members of a baggage header value `raw` into the baggage already in the context
 * (Baton decision: the header wins per key), so baggage from another propagator (Jaeger `uberctx-`)
 * survives. Never throws: anything unreadable leaves the context as it was.
 */
function extractBaggage(context: Context, raw: unknown): Context {
  try {
    const found: Entries = new Map();
    const counter = { members: 0 };
    if (Array.isArray(raw)) {
      // Several baggage headers are one list (RFC 9110 §5.3), sharing one budget.
      let budget = BAGGAGE_MAX_BYTES;
      for (let h = 0; h < raw.length && budget > 0; h++) {
        const text = asText(raw[h]);
        if (text !== undefined) budget = readMembers(text, budget, found, counter);
      }
    } else {
      const text = asText(raw);
      if (text !== undefined) readMembers(text, BAGGAGE_MAX_BYTES, found, counter);
    }
    if (counter.members === 0) return context;

    return mergeBaggage(context, found);
  } catch {
    return context;
  }
}

/** The `baggage` header for `baggage`, when it has an entry to send. May throw; callers catch. */
function injectBaggage(baggage: Baggage, carrier: unknown, setter: TextMapSetter): void {
  const value = serialize(baggageEntryList(baggage));
  if (value.length > 0) safeSet(carrier, setter, BAGGAGE_HEADER, value);
}

/** Read once: an import is a property read on the module's exports at each use. */
const BAGGAGE_NAME_LENGTH = BAGGAGE_HEADER.length;

export class W3CBaggagePropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads `baggage` only: see HEADERS_READ. */
  readonly [HEADERS_READ] = { names: [BAGGAGE_HEADER], prefixes: [] };

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const baggage = propagation.getBaggage(context);
      if (baggage === undefined || isTracingSuppressed(context)) return;
      injectBaggage(baggage, carrier, setter);
    } catch {
      // A Baggage implementation that throws: nothing is injected.
    }
  }

  /**
   * inject, for a composite that read the baggage and checked suppression (see @baton/internal):
   * in a composite with a trace format, the baggage was the one context read left to this member.
   */
  [INJECT_SPAN_CONTEXT](
    _context: Context,
    _spanContext: unknown,
    baggage: Baggage | undefined,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    try {
      if (baggage !== undefined) injectBaggage(baggage, carrier, setter);
    } catch {
      // As inject.
    }
  }

  /**
   * Merges the header's members into the baggage already in the context (Baton decision: the
   * header wins per key), so baggage from another propagator (Jaeger `uberctx-`) survives.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    // Most requests carry no baggage: this function is only the lookup (as the traceparent one: a
    // get, then a walk over the key lengths only when it missed), so it stays small enough for V8 to
    // inline; the reading is in extractBaggage.
    if (carrier === null || carrier === undefined) return context;
    let raw: unknown;
    try {
      raw = getter.get(carrier, BAGGAGE_HEADER);
    } catch {
      return context; // a throwing getter: the header is absent (REQUIREMENTS §1)
    }
    if (raw === undefined || raw === null) {
      if (!mayHoldOtherCase(carrier, getter, BAGGAGE_NAME_LENGTH)) return context;
      raw = headerAfterMiss(carrier, getter, BAGGAGE_HEADER);
      if (raw === undefined || raw === null) return context;
    }
    return extractBaggage(context, raw);
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }

  toString(): string {
    return 'W3CBaggage';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return String(header).toLowerCase() === BAGGAGE_HEADER
      ? rejectionReason(explainBaggage(value))
      : undefined;
  }
}
