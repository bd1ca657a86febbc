/**
 * WHATWG `Headers` (global `fetch`, undici, Request/Response): case-insensitive by itself;
 * `get` returns `null` for an absent name and joins repeated values with ", ".
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';

/** The part of `Headers` used here, so no DOM types are needed. */
export interface HeadersLike {
  get(name: string): string | null;
  set(name: string, value: string): void;
  keys(): IterableIterator<string>;
}

function isHeaders(carrier: unknown): carrier is HeadersLike {
  return (
    typeof carrier === 'object' &&
    carrier !== null &&
    typeof (carrier as HeadersLike).get === 'function' &&
    typeof (carrier as HeadersLike).set === 'function' &&
    typeof (carrier as HeadersLike).keys === 'function'
  );
}

export const fetchHeadersGetter: TextMapGetter<HeadersLike> = {
  get(carrier, key) {
    try {
      if (!isHeaders(carrier)) return undefined;
      const value = carrier.get(key);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined; // an invalid header name makes Headers.get throw
    }
  },
  keys(carrier) {
    try {
      return isHeaders(carrier) ? [...carrier.keys()] : [];
    } catch {
      return [];
    }
  },
};

export const fetchHeadersSetter: TextMapSetter<HeadersLike> = {
  set(carrier, key, value) {
    try {
      if (isHeaders(carrier)) carrier.set(key, value);
    } catch {
      // Immutable Headers (a Response's) or an invalid value: inject never throws.
    }
  },
};
