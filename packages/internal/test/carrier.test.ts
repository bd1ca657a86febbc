import { defaultTextMapGetter, type TextMapGetter } from '@opentelemetry/api';
import {
  plainValueIgnoreCase,
  getHeader,
  readHeader,
  joinedValue,
  firstValue,
  equalsIgnoreAsciiCase,
  plainCarrierKeys,
  safeGet,
  startsWithIgnoreAsciiCase,
  headerNames,
  MAX_SCANNED_KEYS,
  plainCarrierLacks,
  safeKeys,
  ownValue,
} from '@baton/internal';

// REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys() only
// when the lowercase lookup misses (Kafka/AMQP carriers keep case)."
describe('getHeader', () => {
  test('direct lowercase hit does not call keys()', () => {
    const keys = jest.fn(() => ['b3']);
    const getter: TextMapGetter<Record<string, string>> = { get: (c, k) => c[k], keys };
    expect(getHeader({ b3: 'x' }, getter, 'b3')).toBe('x');
    expect(keys).not.toHaveBeenCalled();
  });
  test('falls back to a case-insensitive scan on a miss', () => {
    expect(getHeader({ 'X-B3-TraceId': 'abc' }, defaultTextMapGetter, 'x-b3-traceid')).toBe('abc');
    expect(getHeader({ 'Uber-Trace-Id': 'u' }, defaultTextMapGetter, 'uber-trace-id')).toBe('u');
  });
  test('absent, null and undefined carriers', () => {
    expect(getHeader({}, defaultTextMapGetter, 'b3')).toBeUndefined();
    expect(getHeader(undefined, defaultTextMapGetter, 'b3')).toBeUndefined();
    expect(getHeader(null, defaultTextMapGetter, 'b3')).toBeUndefined();
  });
  test('a getter that throws reads as absent', () => {
    const getter: TextMapGetter = {
      get: () => {
        throw new Error('boom');
      },
      keys: () => {
        throw new Error('boom');
      },
    };
    expect(getHeader({}, getter, 'b3')).toBeUndefined();
    const throwingKeys: TextMapGetter = {
      get: () => undefined,
      keys: () => {
        throw new Error('x');
      },
    };
    expect(getHeader({}, throwingKeys, 'b3')).toBeUndefined();
  });
  test('keys() returning a non-array reads as absent', () => {
    const getter = { get: () => undefined, keys: () => 'b3' } as unknown as TextMapGetter;
    expect(getHeader({}, getter, 'b3')).toBeUndefined();
  });
});

describe('firstValue / joinedValue / readHeader', () => {
  test('arrays give their first value', () => {
    expect(firstValue(['a', 'b'], 10)).toBe('a');
    expect(firstValue([], 10)).toBeUndefined();
  });
  test('Buffers are read as latin1', () => {
    expect(firstValue(Buffer.from('abc'), 10)).toBe('abc');
    expect(firstValue(new Uint8Array([0x61, 0xff]), 10)).toBe('a\u00ff');
  });
  test('values longer than the cap are rejected before any work', () => {
    expect(firstValue('x'.repeat(11), 10)).toBeUndefined();
    expect(firstValue(Buffer.alloc(11), 10)).toBeUndefined();
  });
  test('non-text values are absent', () => {
    expect(firstValue(42, 10)).toBeUndefined();
    expect(firstValue({}, 10)).toBeUndefined();
  });
  test('joinedValue joins in order and respects the cap', () => {
    expect(joinedValue(['a=1', 'b=2'], 100)).toBe('a=1,b=2');
    expect(joinedValue(['a=1', 7, 'b=2'], 100)).toBe('a=1,b=2');
    expect(joinedValue(['aaaa', 'bbbb'], 6)).toBeUndefined();
    expect(joinedValue('single', 100)).toBe('single');
  });
  test('readHeader composes lookup and normalisation', () => {
    expect(readHeader({ B3: ['x', 'y'] }, defaultTextMapGetter, 'b3', 10)).toBe('x');
  });
  test('equalsIgnoreAsciiCase folds ASCII only', () => {
    expect(equalsIgnoreAsciiCase('X-B3-Flags', 'x-b3-flags')).toBe(true);
    expect(equalsIgnoreAsciiCase('x-b3-flag', 'x-b3-flags')).toBe(false);
    expect(equalsIgnoreAsciiCase('\u212a', 'k')).toBe(false);
  });
});

// Found in review: REQUIREMENTS §1 "Extract never throws, for any carrier" — including an array
// whose element is a throwing getter.
describe('hostile values', () => {
  const hostileArray = (): unknown[] => {
    const a: unknown[] = [];
    Object.defineProperty(a, 0, {
      get() {
        throw new Error('boom');
      },
    });
    return a;
  };
  test('firstValue and joinedValue of an array with a throwing element are absent', () => {
    expect(firstValue(hostileArray(), 100)).toBeUndefined();
    expect(joinedValue(hostileArray(), 100)).toBeUndefined();
  });
  // REQUIREMENTS §2 Decision: "any invalid member ... → discard the whole tracestate". A value too
  // long to read must not be skipped while the others are forwarded as the complete list.
  test('one oversized value makes the joined header unusable', () => {
    expect(joinedValue(['a=1', 'x'.repeat(101), 'b=2'], 100)).toBeUndefined();
    expect(joinedValue(['a=1', Buffer.alloc(101), 'b=2'], 100)).toBeUndefined();
  });
  test('a getter returning null falls back to the case-insensitive scan', () => {
    const map = new Map([['TraceParent', 'x']]);
    const getter: TextMapGetter<Map<string, string>> = {
      get: (c, k) => c.get(k) ?? (null as unknown as undefined),
      keys: (c) => [...c.keys()],
    };
    expect(getHeader(map, getter, 'traceparent')).toBe('x');
  });
});

describe('startsWithIgnoreAsciiCase and safeGet', () => {
  test('prefix match folds ASCII case only', () => {
    expect(startsWithIgnoreAsciiCase('Uberctx-User', 'uberctx-')).toBe(true);
    expect(startsWithIgnoreAsciiCase('uberctx-', 'uberctx-')).toBe(true);
    expect(startsWithIgnoreAsciiCase('uberct', 'uberctx-')).toBe(false);
    expect(startsWithIgnoreAsciiCase('\u212aey', 'key')).toBe(false);
  });
  test('safeGet: a throw or null is absent', () => {
    const throwing = {
      get: () => {
        throw new Error('x');
      },
      keys: () => [],
    };
    expect(safeGet({}, throwing, 'b3')).toBeUndefined();
    const nulls = { get: () => null as unknown as undefined, keys: () => [] };
    expect(safeGet({}, nulls, 'b3')).toBeUndefined();
    expect(safeGet({ b3: 'x' }, defaultTextMapGetter, 'b3')).toBe('x');
  });
});

describe('plainCarrierKeys: the keys of plain objects read through the default getter only', () => {
  test('plain and null-prototype objects: their keys', () => {
    expect(plainCarrierKeys({ a: '1', B: '2' }, defaultTextMapGetter)).toEqual(['a', 'B']);
    const bare = Object.create(null) as Record<string, string>;
    bare.x = '1';
    expect(plainCarrierKeys(bare, defaultTextMapGetter)).toEqual(['x']);
  });

  test('anything else: undefined (the caller looks names up)', () => {
    const own: TextMapGetter = { get: () => undefined, keys: () => [] };
    class Headers {}
    for (const [carrier, getter] of [
      [{ a: '1' }, own],
      [new Headers(), defaultTextMapGetter],
      [new Map([['a', '1']]), defaultTextMapGetter],
      [new Proxy({ a: '1' }, {}), defaultTextMapGetter], // may serve names it does not list
      [['a'], defaultTextMapGetter],
      [null, defaultTextMapGetter],
      ['text', defaultTextMapGetter],
    ] as const) {
      expect(plainCarrierKeys(carrier, getter)).toBeUndefined();
    }
  });
});

describe('plainValueIgnoreCase (the allocation-free fallback for plain carriers)', () => {
  test.each<[string, Record<string, unknown>, unknown]>([
    ['another case is found', { 'X-Cloud-Trace-Context': 'v' }, 'v'],
    [
      'the lowercase name itself is the caller’s lookup, not this scan',
      { 'x-cloud-trace-context': 'v' },
      undefined,
    ],
    [
      'an undefined value is skipped for a later key',
      { 'X-Cloud-Trace-Context': undefined, 'X-CLOUD-TRACE-CONTEXT': 'w' },
      'w',
    ],
    ['absent', { host: 'h' }, undefined],
  ])('%s', (_name, carrier, expected) => {
    expect(plainValueIgnoreCase(carrier, 'x-cloud-trace-context')).toBe(expected);
  });

  test('an inherited key (prototype pollution) is not a header', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['X-Polluted'] = 'p';
    try {
      expect(plainValueIgnoreCase({}, 'x-polluted')).toBeUndefined();
    } finally {
      delete proto['X-Polluted'];
    }
  });

  test('at most MAX_SCANNED_KEYS keys are looked at', () => {
    const carrier: Record<string, string> = {};
    for (let i = 0; i < 1024; i++) carrier[`k${i}`] = 'v';
    carrier['X-Late'] = 'late';
    expect(plainValueIgnoreCase(carrier, 'x-late')).toBeUndefined();
  });
});

// The default getter's fallback walks the carrier with for…in instead of keys(): the same answer as
// a scan of `Object.keys` (REQUIREMENTS §1), with no array built (§9: absent rows allocate nothing).
describe('getHeader through the default getter: the same answer as a scan of Object.keys', () => {
  test('an inherited property is not a header, as with Object.keys', () => {
    const carrier = Object.create({ TraceParent: 'inherited' }) as Record<string, string>;
    carrier.accept = '*/*';
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBeUndefined();
    carrier.TRACEPARENT = 'own';
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBe('own');
  });

  test('the first matching own key wins, in Object.keys order', () => {
    const carrier = { accept: '*/*', TraceParent: 'first', TRACEPARENT: 'second' };
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBe('first');
  });

  test('at most MAX_SCANNED_KEYS keys are looked at', () => {
    const carrier: Record<string, string> = {};
    for (let i = 0; i < MAX_SCANNED_KEYS; i++) carrier[`x-filler-${i}`] = 'f';
    carrier.TraceParent = 'beyond the cap';
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBeUndefined();
    delete carrier['x-filler-0'];
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBe('beyond the cap');
  });

  // One scan behind getHeader and plainValueIgnoreCase: a case variant holding nothing (undefined,
  // null, a throwing accessor) is not the header, and a later variant is still found.
  test('a case variant with no value is skipped for a later one, as plainValueIgnoreCase does', () => {
    const carrier: Record<string, unknown> = { TraceParent: undefined, TRACEPARENT: null };
    Object.defineProperty(carrier, 'TraceParenT', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    carrier.tRACEPARENT = 'found';
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBe('found');
    expect(plainValueIgnoreCase(carrier, 'traceparent')).toBe('found');
  });

  test('arrays, Maps, class instances and Proxies: as Object.keys lists them', () => {
    class Headers {
      'Platform-Id' = 'p';
    }
    expect(getHeader(new Headers(), defaultTextMapGetter, 'platform-id')).toBe('p');
    expect(getHeader(new Map([['B3', 'x']]), defaultTextMapGetter, 'b3')).toBeUndefined();
    expect(getHeader(['a'], defaultTextMapGetter, 'b3')).toBeUndefined();
    expect(getHeader(new Proxy({ B3: 'p' }, {}), defaultTextMapGetter, 'b3')).toBe('p');
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(getHeader(throwing, defaultTextMapGetter, 'b3')).toBeUndefined();
  });
});

describe('plainCarrierLacks: "certainly absent" only when no own key can be one of the names', () => {
  const names = headerNames(['uber-trace-id', 'jaeger-baggage'], ['uberctx-']);

  test('no key matches in any case: true', () => {
    const carrier = { host: 'h', accept: '*/*', 'user-agent': 'u', 'x-request-id': 'r' };
    expect(plainCarrierLacks(carrier, defaultTextMapGetter, names, false)).toBe(true);
    expect(plainCarrierLacks({}, defaultTextMapGetter, names, true)).toBe(true);
  });

  test('a name or a prefix in any case: false', () => {
    for (const key of [
      'uber-trace-id',
      'Uber-Trace-Id',
      'JAEGER-BAGGAGE',
      'Uberctx-User',
      'uberctx-',
    ]) {
      expect(plainCarrierLacks({ host: 'h', [key]: 'v' }, defaultTextMapGetter, names, false)).toBe(
        false,
      );
    }
  });

  test('cannot tell: false (the caller reads as usual)', () => {
    const own: TextMapGetter = { get: () => undefined, keys: () => [] };
    expect(plainCarrierLacks({ host: 'h' }, own, names, false)).toBe(false);
    expect(plainCarrierLacks(null, defaultTextMapGetter, names, false)).toBe(false);
    expect(plainCarrierLacks('text', defaultTextMapGetter, names, false)).toBe(false);
    // A Proxy may answer `get` for names it does not list: excluded on request.
    expect(plainCarrierLacks(new Proxy({}, {}), defaultTextMapGetter, names, true)).toBe(false);
    expect(plainCarrierLacks(new Proxy({}, {}), defaultTextMapGetter, names, false)).toBe(true);
    const many: Record<string, string> = {};
    for (let i = 0; i <= MAX_SCANNED_KEYS; i++) many[`x-filler-${i}`] = 'f';
    expect(plainCarrierLacks(many, defaultTextMapGetter, names, false)).toBe(false);
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(plainCarrierLacks(throwing, defaultTextMapGetter, names, false)).toBe(false);
  });

  test('an inherited matching key makes it "maybe", never "absent"', () => {
    const carrier = Object.create({ 'Uber-Trace-Id': 'inherited' }) as Record<string, string>;
    expect(plainCarrierLacks(carrier, defaultTextMapGetter, names, false)).toBe(false);
  });

  test('headerNames rejects a name that is not lowercase (a configuration mistake)', () => {
    expect(() => headerNames(['Uber-Trace-Id'])).toThrow(/lowercase/);
    expect(() => headerNames([''])).toThrow(/lowercase/);
  });
});

describe('ASCII case folding: A–Z only, the edges of the range included', () => {
  // REQUIREMENTS §1: "Header names are looked up case-insensitively". Field names are ASCII tokens:
  // only the 26 letters fold. "@" (0x40) and "[" (0x5b), just outside A–Z, are 0x20 below "`" and "{".
  test.each([
    ['xA', 'xa', true],
    ['xZ', 'xz', true],
    ['x@', 'x`', false],
    ['x[', 'x{', false],
  ])('equalsIgnoreAsciiCase(%j, %j) = %j', (key, lower, expected) => {
    expect(equalsIgnoreAsciiCase(key, lower)).toBe(expected);
  });
  test.each([
    ['Ab-rest', 'ab-', true],
    ['Zb-rest', 'zb-', true],
    ['@b-rest', '`b-', false],
    ['[b-rest', '{b-', false],
  ])('startsWithIgnoreAsciiCase(%j, %j) = %j', (key, lower, expected) => {
    expect(startsWithIgnoreAsciiCase(key, lower)).toBe(expected);
  });
});

describe('bounds and edges of the lookups (mutation survivors of src/carrier.ts)', () => {
  // REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys()
  // only when the lowercase lookup misses". §9: "at most 1,024 keys read".
  const keysOf = (n: number): Record<string, string> => {
    const carrier: Record<string, string> = {};
    for (let i = 0; i < n; i++) carrier[`k${i}`] = 'v';
    return carrier;
  };

  test('equalsIgnoreAsciiCase: a longer key with the name as its start is another name', () => {
    expect(equalsIgnoreAsciiCase('X-B3-Flagsx', 'x-b3-flags')).toBe(false);
  });
  test('startsWithIgnoreAsciiCase: the prefix at the end of the key is not a prefix', () => {
    expect(startsWithIgnoreAsciiCase('a-uberctx-', 'uberctx-')).toBe(false);
  });
  test('safeKeys: keys() that throws or returns no array gives []', () => {
    const notArray = { get: () => undefined, keys: () => 'b3' as unknown as string[] };
    const throwing = {
      get: () => undefined,
      keys: (): string[] => {
        throw new Error('x');
      },
    };
    expect(safeKeys({}, notArray)).toEqual([]);
    expect(safeKeys({}, throwing)).toEqual([]);
    expect(safeKeys({ b3: 'x' }, defaultTextMapGetter)).toEqual(['b3']);
  });
  test('ownValue: null and a throwing accessor are absent', () => {
    const hostile = Object.defineProperty({}, 'b3', {
      enumerable: true,
      get() {
        throw new Error('x');
      },
    });
    expect(ownValue({ b3: null }, 'b3')).toBeUndefined();
    expect(ownValue(hostile, 'b3')).toBeUndefined();
    expect(ownValue({ b3: 'x' }, 'b3')).toBe('x');
  });
  test('plainValueIgnoreCase: the 1,024th key is read, the 1,025th is not', () => {
    const at1024 = keysOf(1023);
    at1024['X-Late'] = 'late';
    expect(plainValueIgnoreCase(at1024, 'x-late')).toBe('late');
  });
  test('plainCarrierLacks: 1,024 keys are all read; at 1,025 it cannot tell', () => {
    const names = headerNames(['b3']);
    expect(plainCarrierLacks(keysOf(MAX_SCANNED_KEYS), defaultTextMapGetter, names, true)).toBe(
      true,
    );
    expect(plainCarrierLacks(keysOf(MAX_SCANNED_KEYS + 1), defaultTextMapGetter, names, true)).toBe(
      false,
    );
  });
  test('headerNames without prefixes has none', () => {
    expect(headerNames(['b3']).prefixes).toEqual([]);
  });
  test('headerNames keeps its own copy of the names and prefixes', () => {
    const names = ['b3'];
    const prefixes = ['uberctx-'];
    const prepared = headerNames(names, prefixes);
    names.push('x-b3-traceid');
    prefixes.push('ot-baggage-');
    expect(prepared.names).toEqual(['b3']);
    expect(prepared.prefixes).toEqual(['uberctx-']);
  });
  test('names prepared in this test: a key with one of them in another case is "maybe"', () => {
    const prepared = headerNames(['x-b3-traceid'], ['uberctx-']);
    expect(plainCarrierLacks({ 'X-B3-TraceId': 'a' }, defaultTextMapGetter, prepared, true)).toBe(
      false,
    );
    expect(plainCarrierLacks({ 'UberCtx-k': 'v' }, defaultTextMapGetter, prepared, true)).toBe(
      false,
    );
    expect(plainCarrierLacks({ other: 'v' }, defaultTextMapGetter, prepared, true)).toBe(true);
  });
  test('default getter: a lowercase key holding null is skipped, the same name in another case is read', () => {
    // null counts as a miss (getters backed by a Map return it): the fallback must not stop at the
    // lowercase key it has already read.
    const carrier = { traceparent: null, TraceParent: 'x' };
    expect(getHeader(carrier, defaultTextMapGetter, 'traceparent')).toBe('x');
  });
  test('other getters: the same, from keys()', () => {
    const map = new Map<string, string | null>([
      ['traceparent', null],
      ['TraceParent', 'x'],
    ]);
    const getter: TextMapGetter<Map<string, string | null>> = {
      get: (c, k) => c.get(k) ?? undefined,
      keys: (c) => [...c.keys()],
    };
    expect(getHeader(map, getter, 'traceparent')).toBe('x');
  });
  test('other getters: keys that are other names are passed over', () => {
    const map = new Map([
      ['Other', 'o'],
      ['TraceParent', 'x'],
    ]);
    const getter: TextMapGetter<Map<string, string>> = {
      get: (c, k) => c.get(k),
      keys: (c) => [...c.keys()],
    };
    expect(getHeader(map, getter, 'traceparent')).toBe('x');
  });
  test('other getters: keys() elements that are not strings are skipped, a String object included', () => {
    const getter: TextMapGetter<unknown> = {
      get: (_c, k) => (typeof k === 'string' ? undefined : 'from a String object'),
      keys: () => [new String('TraceParent') as unknown as string],
    };
    expect(getHeader({}, getter, 'traceparent')).toBeUndefined();
  });
  test('a null or undefined carrier is absent, whatever the getter would answer', () => {
    const ignoresCarrier = { get: () => 'x', keys: () => ['b3'] };
    expect(getHeader(null, ignoresCarrier, 'b3')).toBeUndefined();
    expect(getHeader(undefined, ignoresCarrier, 'b3')).toBeUndefined();
  });
  test('values exactly at the cap are read: string, Buffer, joined list', () => {
    expect(firstValue('abc', 3)).toBe('abc');
    expect(firstValue(Buffer.from('abc'), 3)).toBe('abc');
    expect(joinedValue(['a', 'b'], 3)).toBe('a,b');
    expect(joinedValue(['a', 'bc'], 3)).toBeUndefined();
  });
});
