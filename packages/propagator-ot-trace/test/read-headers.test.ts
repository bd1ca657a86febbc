/**
 * The key walk's own checks (src/read-headers.ts), against the rule they implement.
 *
 * REQUIREMENTS §12: "ot-baggage-* with Jaeger's caps"; §1: header names are matched ignoring ASCII
 * case. isBaggageHeader is an unrolled form of @baton/internal's hasPrefixIgnoreCase(key,
 * 'ot-baggage-'), kept local for speed (issue 19): the two must agree on every key.
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type TextMapGetter,
} from '@opentelemetry/api';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { hasPrefixIgnoreCase } from '@baton/internal';
import { isBaggageHeader } from '../src/read-headers';

const PREFIX = 'ot-baggage-';

describe('isBaggageHeader: `ot-baggage-` in any ASCII case, then at least one char', () => {
  test.each<[string, boolean]>([
    ['ot-baggage-k', true],
    ['OT-BAGGAGE-K', true],
    ['Ot-Baggage-user-id', true],
    ['ot-baggage-', false], // the prefix alone names no item
    ['ot-baggage', false],
    ['', false],
    ['ot-tracer-traceid', false],
    // Each position of the prefix, changed to a char that differs from it: not the prefix.
    ['xt-baggage-k', false],
    ['ox-baggage-k', false],
    ['ot_baggage-k', false],
    ['ot-xaggage-k', false],
    ['ot-bxggage-k', false],
    ['ot-baxgage-k', false],
    ['ot-bagxage-k', false],
    ['ot-baggxge-k', false],
    ['ot-baggaxe-k', false],
    ['ot-baggagx-k', false],
    ['ot-baggage_k', false],
    // `-` is matched exactly: CR (0x0d) and `M` (0x4d) share its low five bits.
    ['ot\rbaggage-k', false],
    ['ot-baggage\rk', false],
    ['otMbaggage-k', false],
    ['ot-baggageMk', false],
    // Folding is ASCII letters only: chars 0x20 away from a letter that are not its uppercase.
    ['\u004ft-baggage-k', true], // 'O'
    ['\u000ft-baggage-k', false],
    ['o\u0014-baggage-k', false],
    ['ot-\u0002aggage-k', false],
    ['ot-b\u0001ggage-k', false],
    ['ot-ba\u0007gage-k', false],
    ['ot-bag\u0007age-k', false],
    ['ot-bagg\u0001ge-k', false],
    ['ot-bagga\u0007e-k', false],
    ['ot-baggag\u0005-k', false],
  ])('%j → %s', (key, expected) => {
    expect(isBaggageHeader(key)).toBe(expected);
    expect(hasPrefixIgnoreCase(key, PREFIX)).toBe(expected);
  });

  test('agrees with hasPrefixIgnoreCase on keys near the prefix', () => {
    // Each char of the prefix kept, case-swapped, or replaced by a char that shares its low five
    // bits (what a `| 0x20` fold could confuse), then a tail of 0–2 chars.
    const near = (c: string) => {
      const code = c.charCodeAt(0);
      return fc.constantFrom(c, c.toUpperCase(), String.fromCharCode(code ^ 0x20), 'x', '\r');
    };
    const key = fc
      .tuple(
        fc.tuple(...[...PREFIX].map(near)).map((cs) => cs.join('')),
        fc.string({ maxLength: 2 }),
      )
      .map(([head, tail]) => head + tail);
    fc.assert(
      fc.property(key, (k) => isBaggageHeader(k) === hasPrefixIgnoreCase(k, PREFIX)),
      { numRuns: 5000 },
    );
  });
});

describe('the key walk (extract), against §1 and §9', () => {
  const p = new OTTracePropagator();
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  const S = '00f067aa0ba902b7';
  /** A getter that is not the default one: the walk reads `keys()` and `get`. */
  const recordGetter: TextMapGetter<Record<string, unknown>> = {
    get: (c, k) => c[k] as string | undefined,
    keys: (c) => Object.keys(c),
  };
  const getters: [string, TextMapGetter][] = [
    ['plain object, default getter', defaultTextMapGetter],
    ['keys() of another getter', recordGetter as TextMapGetter],
  ];

  /** `ot-tracer-traceid` first, `filler` other headers, then the span id in another case. */
  function spanIdAfter(filler: number): Record<string, unknown> {
    const c: Record<string, unknown> = { 'ot-tracer-traceid': T };
    for (let i = 0; i < filler; i++) c['x-filler-' + i] = 'v';
    c['OT-Tracer-SpanId'] = S;
    return c;
  }

  describe.each(getters)('%s', (_name, getter) => {
    test('§9 "at most 1,024 keys read": a name that is the 1,024th key is found', () => {
      const ctx = p.extract(ROOT_CONTEXT, spanIdAfter(1022), getter);
      expect(trace.getSpanContext(ctx)?.spanId).toBe(S);
    });

    test('§9 "at most 1,024 keys read": a name that is the 1,025th key is not', () => {
      expect(p.extract(ROOT_CONTEXT, spanIdAfter(1023), getter)).toBe(ROOT_CONTEXT);
    });

    test('§1 case-insensitive fallback: the first key of the name that holds a value', () => {
      // The lowercase key holds null (absent, §1), so the other spelling after it is read.
      const carrier = {
        'ot-tracer-traceid': null,
        'OT-TRACER-TRACEID': T,
        'ot-tracer-spanid': S,
        'ot-tracer-sampled': null,
        'OT-Tracer-Sampled': 'true',
      };
      const sc = trace.getSpanContext(p.extract(ROOT_CONTEXT, carrier, getter));
      expect(sc?.traceId).toBe(T);
      expect(sc?.traceFlags).toBe(TraceFlags.SAMPLED);
    });

    test.each<[string, Record<string, unknown>, string, string, number]>([
      ['trace id in another case', { 'Ot-Tracer-TraceId': T, 'ot-tracer-spanid': S }, T, S, 0],
      ['span id in another case', { 'ot-tracer-traceid': T, 'OT-TRACER-SPANID': S }, T, S, 0],
      [
        'sampled in another case',
        { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'OT-TRACER-SAMPLED': 'true' },
        T,
        S,
        TraceFlags.SAMPLED,
      ],
      [
        'every name in another case',
        { 'OT-Tracer-TraceId': T, 'OT-Tracer-SpanId': S, 'OT-Tracer-Sampled': '1' },
        T,
        S,
        TraceFlags.SAMPLED,
      ],
    ])('§1 %s is found', (_rule, carrier, traceId, spanId, flags) => {
      const sc = trace.getSpanContext(p.extract(ROOT_CONTEXT, carrier, getter));
      expect(sc).toEqual({ traceId, spanId, traceFlags: flags, isRemote: true });
    });

    test.each<[string, Record<string, unknown>, string | undefined]>([
      // §1: the first key equal to the name ignoring ASCII case wins; a later spelling is not read.
      [
        'trace id: the first of two other spellings',
        { 'OT-TRACER-TRACEID': T, 'Ot-Tracer-TraceId': 'z', 'ot-tracer-spanid': S },
        T,
      ],
      [
        'span id: the first of two other spellings',
        { 'ot-tracer-traceid': T, 'OT-TRACER-SPANID': S, 'Ot-Tracer-SpanId': 'z' },
        T,
      ],
      [
        'sampled: the first of two other spellings',
        {
          'ot-tracer-traceid': T,
          'ot-tracer-spanid': S,
          'OT-TRACER-SAMPLED': 'true',
          'Ot-Tracer-Sampled': 'z',
        },
        T,
      ],
      // A key of a name's length that is not that name (one char off) is not read as it.
      ['not the trace id name', { 'OT-TRACER-TRACEIX': T, 'ot-tracer-spanid': S }, undefined],
      ['not the span id name', { 'ot-tracer-traceid': T, 'OT-TRACER-SPANIX': S }, undefined],
      [
        'not the sampled name (a bad sampled value would void the context)',
        { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'OT-TRACER-SAMPLEX': 'z' },
        T,
      ],
    ])('§1 %s', (_rule, carrier, traceId) => {
      expect(trace.getSpanContext(p.extract(ROOT_CONTEXT, carrier, getter))?.traceId).toBe(traceId);
    });
  });
});

describe('the key walk over a carrier that is not a plain object', () => {
  const p = new OTTracePropagator();
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  const S = '00f067aa0ba902b7';
  const mapGetter: TextMapGetter<Map<string, unknown>> = {
    get: (c, k) => c.get(k) as string | undefined,
    keys: (c) => [...c.keys()],
  };

  test('§1 names in another case in a Map are read through the getter', () => {
    const carrier = new Map<string, unknown>([
      ['OT-Tracer-TraceId', T],
      ['OT-Tracer-SpanId', S],
      ['OT-Baggage-user', 'alice'],
    ]);
    const ctx = p.extract(ROOT_CONTEXT, carrier, mapGetter as TextMapGetter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S);
    expect(propagation.getBaggage(ctx)?.getEntry('user')?.value).toBe('alice');
  });

  test('§1 "a case-insensitive scan of keys()": an index past the end of keys(), inherited from a polluted Object.prototype, is not a key', () => {
    // What `{"__proto__": {"1": "OT-Tracer-SpanId", "OT-Tracer-SpanId": …}}` merged into an object
    // does: every array answers index 1 past its end, every object answers the name.
    const getter: TextMapGetter<Record<string, unknown>> = {
      get: (c, k) => c[k] as string | undefined,
      keys: (c) => Object.keys(c),
    };
    const carrier = { 'ot-tracer-traceid': T };
    const proto = Object.prototype as Record<string, unknown>;
    let ctx: unknown;
    proto[1] = 'OT-Tracer-SpanId';
    proto['OT-Tracer-SpanId'] = S;
    try {
      ctx = p.extract(ROOT_CONTEXT, carrier, getter as TextMapGetter);
    } finally {
      delete proto[1];
      delete proto['OT-Tracer-SpanId'];
    }
    // keys() is ['ot-tracer-traceid']: no span id among the keys, so no trace context.
    expect(ctx).toBe(ROOT_CONTEXT);
  });

  test('§1 a key that is not a string is skipped, not a reason to give up', () => {
    const getter: TextMapGetter<Record<string, unknown>> = {
      get: (c, k) => c[k] as string | undefined,
      keys: () => [42 as unknown as string, 'OT-Tracer-SpanId'],
    };
    const carrier = { 'ot-tracer-traceid': T, 'OT-Tracer-SpanId': S };
    const ctx = p.extract(ROOT_CONTEXT, carrier, getter as TextMapGetter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S);
  });
});
