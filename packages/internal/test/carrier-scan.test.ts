// The absent-header shortcuts of src/carrier.ts added for REQUIREMENTS §9 ("Absent rows (no header
// of the format): at most 2.0× and no allocation (the case-insensitive fallback of §1 has a price;
// keep it small)"): mayHoldOtherCase and plainCarrierScan. Each may only answer "certainly absent"
// when the §1 fallback ("try the lowercase name, then fall back to a case-insensitive scan of keys()
// only when the lowercase lookup misses") would find nothing, within §9's "at most 1,024 keys read".
//
// The oracle is written here from those rules, independently of src/carrier.ts: an ASCII-only case
// fold with a regular expression, and Object.keys for the own keys.
import { defaultTextMapGetter, type TextMapGetter } from '@opentelemetry/api';
import {
  getHeader,
  headerAfterMiss,
  headerNames,
  MAX_SCANNED_KEYS,
  mayHoldOtherCase,
  plainCarrierScan,
  SCAN_LACKS,
  SCAN_MAYBE,
  SCAN_NONE_IN_CAP,
} from '@baton/internal';

/** ASCII-only lowercase (A–Z → a–z), as §1's case-insensitive lookup compares header names. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const otherGetter: TextMapGetter<Record<string, string>> = {
  get: (c, k) => c[k],
  keys: (c) => Object.keys(c),
};

const keysOf = (n: number, prefix = 'k'): Record<string, string> => {
  const carrier: Record<string, string> = {};
  for (let i = 0; i < n; i++) carrier[`${prefix}${i}`] = 'v';
  return carrier;
};

const throwingOwnKeys = (): object =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('boom');
      },
    },
  );

describe('mayHoldOtherCase: false only when no key the fallback reads has the name’s length', () => {
  test('no key of that length: false (certainly nothing to find)', () => {
    expect(mayHoldOtherCase({}, defaultTextMapGetter, 11)).toBe(false);
    expect(mayHoldOtherCase({ host: 'h', accept: 'a' }, defaultTextMapGetter, 11)).toBe(false);
  });

  test('a key of that length, whatever its letters: true (look closer)', () => {
    expect(mayHoldOtherCase({ host: 'h', TraceParent: 'x' }, defaultTextMapGetter, 11)).toBe(true);
    expect(mayHoldOtherCase({ 'x-something': 'x' }, defaultTextMapGetter, 11)).toBe(true);
    // One longer or shorter is not that length.
    expect(mayHoldOtherCase({ TraceParentX: 'x', TraceParen: 'x' }, defaultTextMapGetter, 11)).toBe(
      false,
    );
  });

  test('an inherited key is walked too (for…in, as plainValueIgnoreCase walks)', () => {
    const carrier = Object.create({ TraceParent: 'inherited' }) as object;
    expect(mayHoldOtherCase(carrier, defaultTextMapGetter, 11)).toBe(true);
  });

  test('another getter, or a carrier that is not an object: true (the caller decides)', () => {
    expect(mayHoldOtherCase({ host: 'h' }, otherGetter, 11)).toBe(true);
    expect(mayHoldOtherCase(null, defaultTextMapGetter, 11)).toBe(true);
    // A string's for…in walks its indexes, keys of length 1: not a reason to answer false.
    expect(mayHoldOtherCase('abc', defaultTextMapGetter, 11)).toBe(true);
    expect(mayHoldOtherCase(undefined, defaultTextMapGetter, 11)).toBe(true);
  });

  test('a Proxy whose ownKeys throws: true (headerAfterMiss decides)', () => {
    expect(mayHoldOtherCase(throwingOwnKeys(), defaultTextMapGetter, 11)).toBe(true);
  });

  test('§9 "at most 1,024 keys read": the 1,024th key is read, the 1,025th is not', () => {
    const at1024 = keysOf(MAX_SCANNED_KEYS - 1, 'f');
    at1024.TraceParent = 'x';
    expect(Object.keys(at1024).length).toBe(MAX_SCANNED_KEYS);
    expect(mayHoldOtherCase(at1024, defaultTextMapGetter, 11)).toBe(true);
    const at1025 = keysOf(MAX_SCANNED_KEYS, 'f');
    at1025.TraceParent = 'x';
    expect(mayHoldOtherCase(at1025, defaultTextMapGetter, 11)).toBe(false);
  });

  test('sound: when it answers false, the fallback finds nothing either', () => {
    const names = ['traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid'];
    const carriers: Record<string, string>[] = [
      {},
      { host: 'h' },
      { Host: 'h', Accept: 'a', 'User-Agent': 'u' },
      { TraceParent: 'x' },
      { BAGGAGE: 'k=v', B3: 'y' },
      { 'X-B3-TraceId': 't' },
    ];
    for (const carrier of carriers) {
      for (const name of names) {
        const found = Object.keys(carrier).some(
          (k) => k !== name && asciiLower(k) === name && carrier[k] !== undefined,
        );
        expect(headerAfterMiss(carrier, defaultTextMapGetter, name) !== undefined).toBe(found);
        if (!mayHoldOtherCase(carrier, defaultTextMapGetter, name.length))
          expect(found).toBe(false);
      }
    }
  });
});

describe('headerAfterMiss: §1’s fallback after the lowercase lookup missed', () => {
  test('another case of the name is found, through either getter', () => {
    expect(headerAfterMiss({ TraceParent: 'x' }, defaultTextMapGetter, 'traceparent')).toBe('x');
    expect(headerAfterMiss({ TraceParent: 'x' }, otherGetter, 'traceparent')).toBe('x');
    expect(headerAfterMiss({ Other: 'o' }, otherGetter, 'traceparent')).toBeUndefined();
  });
  test('the same answer as getHeader after a miss', () => {
    const carrier = { 'X-B3-TraceId': 'a', host: 'h' };
    expect(headerAfterMiss(carrier, defaultTextMapGetter, 'x-b3-traceid')).toBe(
      getHeader(carrier, defaultTextMapGetter, 'x-b3-traceid'),
    );
  });
  test('a throwing keys() or carrier is absent, never a throw', () => {
    const throwingKeys: TextMapGetter = {
      get: () => undefined,
      keys: () => {
        throw new Error('x');
      },
    };
    expect(headerAfterMiss({}, throwingKeys, 'b3')).toBeUndefined();
    expect(headerAfterMiss(throwingOwnKeys(), defaultTextMapGetter, 'b3')).toBeUndefined();
  });
  test('at most 1,024 keys of keys() are compared (§9)', () => {
    const at1024 = keysOf(MAX_SCANNED_KEYS - 1);
    at1024.B3 = 'late';
    expect(headerAfterMiss(at1024, otherGetter, 'b3')).toBe('late');
    const at1025 = keysOf(MAX_SCANNED_KEYS);
    at1025.B3 = 'late';
    expect(headerAfterMiss(at1025, otherGetter, 'b3')).toBeUndefined();
  });
});

describe('plainCarrierScan: LACKS only when no own key is a name, NONE_IN_CAP past the cap', () => {
  const names = headerNames(['x-b3-traceid', 'b3'], ['uberctx-']);

  /** The oracle for carriers of own string-valued keys, at most MAX_SCANNED_KEYS of them. */
  const expected = (carrier: Record<string, string>): number =>
    Object.keys(carrier).some((k) => {
      const lower = asciiLower(k);
      return lower === 'x-b3-traceid' || lower === 'b3' || lower.startsWith('uberctx-');
    })
      ? SCAN_MAYBE
      : SCAN_LACKS;

  test('the three answers are distinct', () => {
    expect(new Set([SCAN_MAYBE, SCAN_LACKS, SCAN_NONE_IN_CAP]).size).toBe(3);
  });

  test.each<[string, Record<string, string>]>([
    ['empty', {}],
    ['ordinary headers', { host: 'h', accept: '*/*', 'user-agent': 'u' }],
    ['a name', { host: 'h', b3: 'x' }],
    ['a name in another case', { host: 'h', 'X-B3-TraceId': 'x' }],
    ['a name in upper case', { B3: 'x' }],
    ['a prefix in another case', { 'UberCtx-User': 'x' }],
    ['the prefix alone', { 'uberctx-': 'x' }],
    // Same first letter as a name or prefix, but neither: the full compare says no.
    ['first letter of a name only', { bee: 'x', 'x-b3-spanid': 's', uber: 'u', b: 'b' }],
    ['a name as the start of a longer key', { b3x: 'x', 'x-b3-traceidx': 'x' }],
    ['a prefix cut short', { uberctx: 'x', 'uber-trace-id': 'x' }],
    ['non-ASCII first letter', { ß3: 'x', '\u0130': 'x', '\u0100b3': 'x' }],
    ['empty key', { '': 'x' }],
  ])('%s: as the oracle', (_label, carrier) => {
    expect(plainCarrierScan(carrier, defaultTextMapGetter, names, false)).toBe(expected(carrier));
    expect(plainCarrierScan(carrier, defaultTextMapGetter, names, true)).toBe(expected(carrier));
  });

  test('only prefixes prepared: a key is compared with every prefix', () => {
    const prefixesOnly = headerNames([], ['ot-baggage-', 'uberctx-']);
    expect(plainCarrierScan({ 'UBERCTX-k': 'v' }, defaultTextMapGetter, prefixesOnly, false)).toBe(
      SCAN_MAYBE,
    );
    expect(plainCarrierScan({ ot: 'v', u: 'v' }, defaultTextMapGetter, prefixesOnly, false)).toBe(
      SCAN_LACKS,
    );
  });

  test('another getter, or a carrier that is not an object: MAYBE', () => {
    expect(plainCarrierScan({ host: 'h' }, otherGetter, names, false)).toBe(SCAN_MAYBE);
    expect(plainCarrierScan(null, defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
    expect(plainCarrierScan(undefined, defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
    expect(plainCarrierScan('text', defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
  });

  test('a Proxy: MAYBE when the caller asks (its get may answer unlisted names)', () => {
    expect(plainCarrierScan(new Proxy({}, {}), defaultTextMapGetter, names, true)).toBe(SCAN_MAYBE);
    expect(plainCarrierScan(new Proxy({}, {}), defaultTextMapGetter, names, false)).toBe(
      SCAN_LACKS,
    );
    expect(plainCarrierScan(throwingOwnKeys(), defaultTextMapGetter, names, false)).toBe(
      SCAN_MAYBE,
    );
  });

  test('an inherited matching key: MAYBE, never LACKS', () => {
    const carrier = Object.create({ B3: 'inherited' }) as Record<string, string>;
    expect(plainCarrierScan(carrier, defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
  });

  test('§9 cap: 1,024 keys are all read; past them NONE_IN_CAP for an own key', () => {
    expect(plainCarrierScan(keysOf(MAX_SCANNED_KEYS), defaultTextMapGetter, names, false)).toBe(
      SCAN_LACKS,
    );
    const at1024 = keysOf(MAX_SCANNED_KEYS - 1);
    at1024.B3 = 'x';
    expect(plainCarrierScan(at1024, defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
    const over = keysOf(MAX_SCANNED_KEYS + 1);
    expect(plainCarrierScan(over, defaultTextMapGetter, names, false)).toBe(SCAN_NONE_IN_CAP);
    // The header past the cap is not looked at: lookups by the lowercase name can still find it.
    const late = keysOf(MAX_SCANNED_KEYS);
    late.B3 = 'x';
    expect(plainCarrierScan(late, defaultTextMapGetter, names, false)).toBe(SCAN_NONE_IN_CAP);
  });

  test('past the cap on an inherited key: MAYBE (keys() has no more than the cap)', () => {
    const proto: Record<string, string> = { inherited: 'v' };
    const carrier = Object.create(proto) as Record<string, string>;
    for (let i = 0; i < MAX_SCANNED_KEYS; i++) carrier[`k${i}`] = 'v';
    expect(Object.keys(carrier).length).toBe(MAX_SCANNED_KEYS);
    expect(plainCarrierScan(carrier, defaultTextMapGetter, names, false)).toBe(SCAN_MAYBE);
  });

  test('random carriers of at most 40 keys: as the oracle', () => {
    const pool = ['b3', 'B3', 'x-b3-traceid', 'X-B3-TRACEID', 'uberctx-a', 'UberCtx-B', 'host'];
    const pool2 = ['accept', 'bee', 'x-b3-spanid', 'uber', 'user-agent', 'b', 'x'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const carrier: Record<string, string> = {};
      const count = next(40);
      for (let i = 0; i < count; i++) {
        const key = next(8) === 0 ? pool[next(pool.length)] : `${pool2[next(pool2.length)]}${i}`;
        carrier[key] = 'v';
      }
      expect(plainCarrierScan(carrier, defaultTextMapGetter, names, false)).toBe(expected(carrier));
    }
  });
});
