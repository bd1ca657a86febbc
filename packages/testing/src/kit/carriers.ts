/**
 * Carriers: how the kit calls a propagator (a recording setter, the plain getter), and the hostile
 * carriers of REQUIREMENTS §1 built from the header names the propagator declares.
 */
import {
  defaultTextMapGetter,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';

export type Headers = Record<string, unknown>;

/** Every `set` call, in order, values as given (a non-string value is itself a finding). */
export interface Written {
  headers: Headers;
  calls: Array<[string, unknown]>;
}

const recordingSetter: TextMapSetter<Written> = {
  set(carrier, key, value) {
    carrier.calls.push([key, value]);
    carrier.headers[key] = value;
  },
};

export function injectInto(p: TextMapPropagator, ctx: Context): Written {
  const out: Written = { headers: {}, calls: [] };
  p.inject(ctx, out, recordingSetter);
  return out;
}

/** Extract with the API's default getter (what HTTP instrumentation passes). */
export function extractFrom(p: TextMapPropagator, ctx: Context, carrier: unknown): Context {
  return p.extract(ctx, carrier, defaultTextMapGetter);
}

export interface HostileCarrier {
  name: string;
  carrier: unknown;
  getter: TextMapGetter;
}

const ONE_MB = 1024 * 1024;

/** Values no format accepts: each is put under every declared header name at once. */
function hostileValues(): Array<[string, unknown]> {
  const throwingToString = {
    toString() {
      throw new Error('toString');
    },
  };
  return [
    ['a number', 42],
    ['an object', {}],
    ['a boolean', true],
    ['a symbol', Symbol('baton')],
    ['a value whose toString throws', throwingToString],
    ['an empty array', []],
    ['an array of a number', [42]],
    ['an array of undefined', [undefined]],
    ['a Buffer of garbage', Buffer.from([0xff, 0x00, 0x3a, 0x2d])],
    ['a 1 MB string of letters', 'g'.repeat(ONE_MB)],
    ['a 1 MB string of separators', ',;='.repeat(ONE_MB / 4)],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate amid text', 'a\uDC00-b'],
    ['an empty string', ''],
    ['NUL', '\u0000'],
  ];
}

/**
 * Keys to hostile-fill: the declared fields and their upper-case forms. Not the prefixes: a
 * `uberctx-k` header may carry almost any value as baggage, so no value is hostile there.
 */
export function headerKeys(fields: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const f of fields) {
    keys.add(f);
    keys.add(f.toUpperCase());
  }
  return [...keys];
}

export function hostileCarriers(keys: readonly string[]): HostileCarrier[] {
  const throwing: TextMapGetter = {
    get() {
      throw new Error('get');
    },
    keys() {
      throw new Error('keys');
    },
  };
  const badKeys: TextMapGetter = {
    get: () => undefined,
    keys: () => 'not-an-array' as unknown as string[],
  };
  const proxy = new Proxy(
    {},
    {
      get() {
        throw new Error('property read');
      },
      ownKeys() {
        throw new Error('ownKeys');
      },
      getOwnPropertyDescriptor() {
        throw new Error('descriptor');
      },
    },
  );
  const g = defaultTextMapGetter;
  const out: HostileCarrier[] = [
    { name: 'an undefined carrier', carrier: undefined, getter: g },
    { name: 'a null carrier', carrier: null, getter: g },
    { name: 'a string carrier', carrier: keys[0] ?? 'x', getter: g },
    { name: 'a number carrier', carrier: 42, getter: g },
    { name: 'an array carrier', carrier: [...keys], getter: g },
    {
      name: 'a getter whose get and keys throw',
      carrier: { [keys[0] ?? 'x']: 'x' },
      getter: throwing,
    },
    { name: 'a getter whose keys() is not an array', carrier: {}, getter: badKeys },
    { name: 'a carrier whose every property read throws', carrier: proxy, getter: g },
  ];
  for (const [name, value] of hostileValues()) {
    out.push({ name: `${name} in every header`, carrier: fill(keys, value), getter: g });
  }
  return out;
}

function fill(keys: readonly string[], value: unknown): Headers {
  const c: Headers = {};
  for (const k of keys) c[k] = value;
  return c;
}
