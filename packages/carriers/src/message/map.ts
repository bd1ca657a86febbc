/**
 * `Map<string, string | string[]>` carriers (gRPC-style metadata, in-process queues).
 * Lookup by exact name, then any ASCII case (bounded scan).
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { equalsIgnoreAsciiCase, MAX_SCANNED_KEYS } from '@baton/internal';
import { headerText } from './values';

export type MapCarrier = Map<string, unknown>;

function lookup(map: MapCarrier, name: string): unknown {
  const direct = map.get(name);
  if (direct !== undefined && direct !== null) return direct;
  const lower = name.toLowerCase();
  let seen = 0;
  for (const [key, value] of map) {
    if (++seen > MAX_SCANNED_KEYS) break;
    if (typeof key === 'string' && key !== name && equalsIgnoreAsciiCase(key, lower)) return value;
  }
  return undefined;
}

export const mapGetter: TextMapGetter<MapCarrier> = {
  get(carrier, key) {
    try {
      return carrier instanceof Map && typeof key === 'string'
        ? headerText(lookup(carrier, key))
        : undefined;
    } catch {
      return undefined;
    }
  },
  keys(carrier) {
    try {
      if (!(carrier instanceof Map)) return [];
      const out: string[] = [];
      for (const key of carrier.keys()) if (typeof key === 'string') out.push(key);
      return out;
    } catch {
      return [];
    }
  },
};

export const mapSetter: TextMapSetter<MapCarrier> = {
  set(carrier, key, value) {
    try {
      if (carrier instanceof Map) carrier.set(key, value);
    } catch {
      // A read-only Map subclass: inject never throws.
    }
  },
};
