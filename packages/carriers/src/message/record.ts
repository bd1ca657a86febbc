/**
 * A header record (a plain object of name → value) read case-insensitively: kafkajs headers and
 * amqplib `properties.headers` keep the case the producer used (`Traceparent`, `X-B3-TraceId`).
 *
 * REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys() only
 * when the lowercase lookup misses (Kafka/AMQP carriers keep case)" — done here, in the getter, so an
 * official propagator (which asks for the lowercase name only) finds the header too.
 */
import { equalsIgnoreAsciiCase, MAX_SCANNED_KEYS } from '@baton/internal';

export type HeaderRecord = Record<string, unknown>;

function isRecord(carrier: unknown): carrier is HeaderRecord {
  return typeof carrier === 'object' && carrier !== null && !Array.isArray(carrier);
}

function own(record: HeaderRecord, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The raw value under `name`, exact name first, then any ASCII case. Never throws. */
export function lookupIgnoringCase(carrier: unknown, name: string): unknown {
  try {
    if (!isRecord(carrier) || typeof name !== 'string') return undefined;
    const direct = own(carrier, name);
    if (direct !== undefined && direct !== null) return direct;
    const lower = name.toLowerCase();
    if (lower !== name) {
      const lowered = own(carrier, lower);
      if (lowered !== undefined && lowered !== null) return lowered;
    }
    const keys = Object.keys(carrier);
    const n = keys.length < MAX_SCANNED_KEYS ? keys.length : MAX_SCANNED_KEYS;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      if (key !== name && equalsIgnoreAsciiCase(key, lower)) return carrier[key];
    }
  } catch {
    // A throwing accessor: absent.
  }
  return undefined;
}

/** The record's own keys, or [] for anything that is not a record. */
export function recordKeys(carrier: unknown): string[] {
  try {
    return isRecord(carrier) ? Object.keys(carrier) : [];
  } catch {
    return [];
  }
}

/** `carrier[key] = value` on a record; nothing for anything else; never throws. */
export function setOnRecord(carrier: unknown, key: string, value: unknown): void {
  try {
    if (isRecord(carrier)) carrier[key] = value;
  } catch {
    // Frozen: inject never throws.
  }
}
