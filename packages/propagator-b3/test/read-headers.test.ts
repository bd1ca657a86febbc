/**
 * The two readers of the B3 header names (issue 20: `src/read-headers.ts`), tested on their own
 * against an oracle written from the rule, not from the module:
 *
 * REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys()
 * only when the lowercase lookup misses (Kafka/AMQP carriers keep case)"; "Bound every loop […]
 * at most 1024 keys scanned" (MAX_SCANNED_KEYS). §4: "a valid `b3` wins over `x-b3-*`", so the
 * scan also finds `b3` in another case.
 *
 * The oracle, per name: the value under the lowercase name when it holds one (not null or
 * undefined); else the value of the first key, among the first 1024, equal to the name ignoring
 * ASCII case, that holds one; else undefined. readPlainHeaders reads `b3` that way too;
 * readMultiHeaders looks for `b3` by the scan only (its caller has already looked it up in
 * lowercase), and only when asked.
 */
import fc from 'fast-check';
import type { TextMapGetter } from '@opentelemetry/api';
import { readMultiHeaders, readPlainHeaders } from '../src/read-headers';

const RULE =
  '§1 "try the lowercase name, then fall back to a case-insensitive scan of keys() only when the lowercase lookup misses"';
const CAP = 1024;
const NAMES = {
  b3: 'b3',
  traceId: 'x-b3-traceid',
  spanId: 'x-b3-spanid',
  sampled: 'x-b3-sampled',
  flags: 'x-b3-flags',
} as const;
type Field = keyof typeof NAMES;
const FIELDS = Object.keys(NAMES) as Field[];

type Entries = Array<[string, unknown]>;

/** ASCII-only lowercase, written out (the rule is ASCII case, not Unicode case). */
const asciiLower = (s: string) =>
  s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const holds = (v: unknown) => v !== undefined && v !== null;

/** The oracle over a case-preserving list of entries (first entry of a key wins, as in a Map). */
function expected(
  entries: Entries,
  lookForB3: boolean,
  scanKeys: string[] | undefined,
  b3ByName: boolean,
): Record<Field, unknown> {
  const map = new Map(entries);
  const out = {} as Record<Field, unknown>;
  for (const field of FIELDS) {
    const name = NAMES[field];
    let v: unknown = field === 'b3' && !b3ByName ? undefined : map.get(name);
    if (!holds(v)) v = undefined;
    if (v === undefined && (field !== 'b3' || lookForB3) && scanKeys !== undefined) {
      for (const key of scanKeys.slice(0, CAP)) {
        if (asciiLower(key) === name && holds(map.get(key))) {
          v = map.get(key);
          break;
        }
      }
    }
    out[field] = v;
  }
  return out;
}

/** A case-preserving getter over a Map (a Kafka/AMQP-like carrier). */
const mapGetter: TextMapGetter<Map<string, unknown>> = {
  get: (c, k) => c.get(k) as string | string[] | undefined,
  keys: (c) => [...c.keys()],
};

const KEYS = [
  'b3',
  'B3',
  'b4',
  'x3',
  'x-b3-traceid',
  'X-B3-TraceId',
  'X-B3-TRACEID',
  'x-b3-spanid',
  'X-B3-SpanId',
  'x-b3-sampled',
  'X-B3-Sampled',
  'x-B3-SAMPLED',
  'x-b3-flags',
  'X-B3-Flags',
  'x-b3-flagz',
  'y-b3-flags',
  'x-b3-spanix',
  'x-b3-traceix',
  'x-b3-sampleX',
  'b-b3-traceid',
  'Xb3-spanid-x',
  'accept',
];
const VALUES: unknown[] = ['v1', 'v2', '', undefined, null, ['a', 'b']];
const entriesArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), {
  selector: ([k]) => k,
  maxLength: 10,
});

describe('readPlainHeaders: a plain object, one walk of its own keys', () => {
  const rows: Array<[string, Entries]> = [
    [
      'all lowercase',
      [
        ['b3', '1'],
        ['x-b3-traceid', 't'],
        ['x-b3-spanid', 's'],
        ['x-b3-sampled', '1'],
        ['x-b3-flags', '1'],
      ],
    ],
    [
      'all in another case',
      [
        ['B3', '1'],
        ['X-B3-TraceId', 't'],
        ['X-B3-SpanId', 's'],
        ['X-B3-Sampled', '1'],
        ['X-B3-Flags', '1'],
      ],
    ],
    [
      'the lowercase name wins, after another case',
      [
        ['B3', 'no'],
        ['b3', 'yes'],
        ['X-B3-Flags', 'no'],
        ['x-b3-flags', 'yes'],
        ['X-B3-SpanId', 'no'],
        ['x-b3-spanid', 'yes'],
        ['X-B3-TraceId', 'no'],
        ['x-b3-traceid', 'yes'],
        ['X-B3-Sampled', 'no'],
        ['x-b3-sampled', 'yes'],
      ],
    ],
    [
      'the lowercase name wins, before another case',
      [
        ['b3', 'yes'],
        ['B3', 'no'],
        ['x-b3-flags', 'yes'],
        ['X-B3-Flags', 'no'],
        ['x-b3-spanid', 'yes'],
        ['X-B3-SpanId', 'no'],
        ['x-b3-traceid', 'yes'],
        ['X-B3-TraceId', 'no'],
        ['x-b3-sampled', 'yes'],
        ['X-B3-Sampled', 'no'],
      ],
    ],
    [
      'the first of two other cases wins',
      [
        ['X-B3-TraceId', 'first'],
        ['X-B3-TRACEID', 'second'],
        ['X-B3-Sampled', 'first'],
        ['x-B3-SAMPLED', 'second'],
      ],
    ],
    [
      'a lowercase name without a value does not hide another case',
      [
        ['b3', undefined],
        ['B3', 'v'],
        ['x-b3-traceid', null],
        ['X-B3-TraceId', 'v'],
        ['x-b3-sampled', undefined],
        ['X-B3-Sampled', 'v'],
        ['x-b3-spanid', null],
        ['X-B3-SpanId', 'v'],
        ['x-b3-flags', undefined],
        ['X-B3-Flags', 'v'],
      ],
    ],
    [
      'another case without a value does not hide the next',
      [
        ['B3', null],
        ['X-B3-TraceId', undefined],
        ['X-B3-TRACEID', 't'],
        ['X-B3-Sampled', null],
        ['x-B3-SAMPLED', 's'],
      ],
    ],
    [
      'names of the right length that are not B3 names',
      [
        ['b4', 'x'],
        ['x3', 'x'],
        ['x-b3-flagz', 'x'],
        ['y-b3-flags', 'x'],
        ['x-b3-spanix', 'x'],
        ['x-b3-traceix', 'x'],
        ['x-b3-sampleX', 'x'],
        ['b-b3-traceid', 'x'],
      ],
    ],
  ];
  test.each(rows)(`%s — ${RULE}`, (_what, entries) => {
    const carrier = Object.fromEntries(entries);
    expect(readPlainHeaders(carrier)).toEqual(expected(entries, true, Object.keys(carrier), true));
  });

  test('property: any mix of names, cases and values', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const carrier = Object.fromEntries(entries);
        expect(readPlainHeaders(carrier)).toEqual(
          expected(entries, true, Object.keys(carrier), true),
        );
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('readMultiHeaders: lookups by name, then one scan of keys()', () => {
  test('property: any mix of names, cases and values, with or without `b3`', () => {
    fc.assert(
      fc.property(entriesArb, fc.boolean(), (entries, lookForB3) => {
        const carrier = new Map(entries);
        expect(readMultiHeaders(carrier, mapGetter, lookForB3)).toEqual(
          expected(entries, lookForB3, [...carrier.keys()], false),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  test('`b3` is found in another case when asked, even when every x-b3 name is there in lowercase', () => {
    const entries: Entries = [
      ['B3', 'single'],
      ['x-b3-traceid', 't'],
      ['x-b3-spanid', 's'],
      ['x-b3-sampled', '1'],
      ['x-b3-flags', '1'],
    ];
    const carrier = new Map(entries);
    expect(readMultiHeaders(carrier, mapGetter, true)).toEqual(
      expected(entries, true, [...carrier.keys()], false),
    );
    expect(readMultiHeaders(carrier, mapGetter, true).b3).toBe('single');
    expect(readMultiHeaders(carrier, mapGetter, false).b3).toBeUndefined();
  });

  test('`knownKeys` are scanned instead of asking keys() again', () => {
    const carrier = new Map<string, unknown>([['X-B3-TraceId', 't']]);
    const throwingKeys: TextMapGetter<Map<string, unknown>> = {
      get: mapGetter.get,
      keys: () => {
        throw new Error('keys() must not be called');
      },
    };
    expect(readMultiHeaders(carrier, throwingKeys, true, ['X-B3-TraceId']).traceId).toBe('t');
    // Without them, keys() throws: the lowercase lookups are all there is (§1 never throws).
    expect(readMultiHeaders(carrier, throwingKeys, true).traceId).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ['an object', { 0: 'X-B3-TraceId', length: 1 }],
    ['a string', 'X-B3-TraceId'],
    ['undefined', undefined],
  ])('keys() returning %s (not an array) means no scan', (_what, keys) => {
    const carrier = new Map<string, unknown>([['X-B3-TraceId', 't']]);
    const getter: TextMapGetter<Map<string, unknown>> = {
      get: mapGetter.get,
      keys: () => keys as string[],
    };
    expect(readMultiHeaders(carrier, getter, true).traceId).toBeUndefined();
  });

  test('non-string keys are skipped', () => {
    const carrier = new Map<string, unknown>([['X-B3-SpanId', 's']]);
    expect(readMultiHeaders(carrier, mapGetter, true, [42, null, 'X-B3-SpanId']).spanId).toBe('s');
  });

  test.each([
    [CAP - 1, 't'],
    [CAP, undefined],
  ])('§1 "at most 1024 keys scanned": another-case name at index %i → %j', (at, want) => {
    const keys = Array.from({ length: at }, (_, i) => `other-${i}`);
    keys.push('X-B3-TraceId');
    const carrier = new Map<string, unknown>([['X-B3-TraceId', 't']]);
    expect(readMultiHeaders(carrier, mapGetter, true, keys).traceId).toBe(want);
  });
});

describe('readMultiHeaders: the scan of keys() happens only after a miss', () => {
  const LOWER: Entries = [
    ['x-b3-traceid', 't'],
    ['x-b3-spanid', 's'],
    ['x-b3-sampled', '1'],
    ['x-b3-flags', '1'],
  ];
  const countingGetter = () => {
    const calls = { keys: 0 };
    const getter: TextMapGetter<Map<string, unknown>> = {
      get: mapGetter.get,
      keys: (c) => {
        calls.keys++;
        return [...c.keys()];
      },
    };
    return { calls, getter };
  };

  test(`${RULE}: every x-b3 name found in lowercase and \`b3\` not asked for → keys() is not called`, () => {
    const { calls, getter } = countingGetter();
    const carrier = new Map<string, unknown>([...LOWER, ['X-B3-TraceId', 'other case']]);
    expect(readMultiHeaders(carrier, getter, false)).toEqual(
      expected(LOWER, false, undefined, false),
    );
    expect(calls.keys).toBe(0);
    // The same carrier with `b3` asked for: that name has no lowercase lookup here, so it scans.
    readMultiHeaders(carrier, getter, true);
    expect(calls.keys).toBe(1);
  });

  test.each(LOWER.map(([name]) => name))(
    `${RULE}: only %s misses in lowercase (the other three hit, \`b3\` not asked for) → the scan finds it in another case`,
    (name) => {
      const entries: Entries = LOWER.map(([k, v]) =>
        k === name ? [k.toUpperCase(), 'upper'] : [k, v],
      );
      const { calls, getter } = countingGetter();
      const carrier = new Map(entries);
      const got = readMultiHeaders(carrier, getter, false);
      expect(got).toEqual(expected(entries, false, [...carrier.keys()], false));
      expect(Object.values(got)).toContain('upper');
      expect(calls.keys).toBe(1);
    },
  );

  test('§1 "a case-insensitive scan of keys()": an index past the end of keys(), inherited from a polluted Object.prototype, is not a key', () => {
    const carrier = new Map<string, unknown>([['X-B3-TraceId', 't']]);
    const getter: TextMapGetter<Map<string, unknown>> = {
      get: mapGetter.get,
      keys: () => ['accept'],
    };
    const proto = Object.prototype as Record<string, unknown>;
    let got: unknown;
    proto[1] = 'X-B3-TraceId'; // what `{"__proto__": {"1": …}}` merged into an object does
    try {
      got = readMultiHeaders(carrier, getter, true);
    } finally {
      delete proto[1];
    }
    expect(got).toEqual({
      b3: undefined,
      traceId: undefined,
      spanId: undefined,
      sampled: undefined,
      flags: undefined,
    });
  });
});

describe('readPlainHeaders: at most 1024 keys walked', () => {
  test.each([
    [CAP, 't'],
    [CAP + 1, undefined],
  ])(
    '§1 "at most 1024 keys scanned": a carrier of %i own keys, another-case name last → traceId %j (past the cap the walk takes nothing; the caller\'s lookups by name see past it)',
    (size, want) => {
      const carrier: Record<string, unknown> = {};
      for (let i = 0; i < size - 1; i++) carrier[`other-${i}`] = 'x';
      carrier['X-B3-TraceId'] = 't';
      expect(Object.keys(carrier)).toHaveLength(size);
      const got = readPlainHeaders(carrier);
      expect(got?.traceId).toBe(want);
      // Past the cap: no answer (the caller takes the general path), or one that holds nothing.
      if (want === undefined && got !== undefined) {
        expect(Object.values(got).every((v) => v === undefined)).toBe(true);
      }
    },
  );
});
