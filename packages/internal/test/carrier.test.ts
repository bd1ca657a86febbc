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
