/**
 * The environment carrier, line by line against OpenTelemetry `specification/context/env-carriers.md`
 * (Release Candidate), as REQUIREMENTS §11 and issue 17 restate it. Each `describe` quotes its line.
 */
import { ROOT_CONTEXT, trace, propagation } from '@opentelemetry/api';
import {
  W3CTraceContextPropagator as OfficialW3C,
  W3CBaggagePropagator,
} from '@opentelemetry/core';
import { B3Propagator, B3InjectEncoding } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { CompositePropagator } from '@baton/propagator-composite';
import fc from 'fast-check';
import {
  envGetter,
  envSetter,
  isNormalizedEnvName,
  normalizeEnvName,
  type EnvCarrier,
} from '@baton/carriers';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const spanCtx = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags: 1,
});

describe('"ASCII letters uppercased; any character other than A-Z 0-9 _ becomes _; empty → _; a leading digit gets a _ prefix"', () => {
  test.each([
    ['traceparent', 'TRACEPARENT'],
    ['TraceParent', 'TRACEPARENT'],
    ['x-b3-traceid', 'X_B3_TRACEID'],
    ['uber-trace-id', 'UBER_TRACE_ID'],
    ['uberctx-user.tier', 'UBERCTX_USER_TIER'],
    ['ot-baggage-k', 'OT_BAGGAGE_K'],
    ['b3', 'B3'],
    ['', '_'],
    ['1abc', '_1ABC'],
    ['9', '_9'],
    ['_x', '_X'],
    ['a b\tc', 'A_B_C'],
    ['é', '_'], // not an ASCII letter
    ['ß', '_'],
    ['k😀v', 'K_V'], // one character (a surrogate pair) → one _
    ['k\ud800v', 'K_V'], // a lone surrogate → one _
    ['ALREADY_OK_1', 'ALREADY_OK_1'],
  ])('%j → %s', (name, expected) => {
    expect(normalizeEnvName(name)).toBe(expected);
  });

  test('"(^[A-Z_][A-Z0-9_]*$)": every normalized name matches, and normalizing is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const n = normalizeEnvName(name);
        expect(n).toMatch(/^[A-Z_][A-Z0-9_]*$/);
        expect(normalizeEnvName(n)).toBe(n);
        expect(isNormalizedEnvName(n)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('a name that already matches is returned as is (the same string)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/), (name) => {
        expect(normalizeEnvName(name)).toBe(name);
      }),
    );
  });
});

describe('"Get never reads a non-normalized variable"', () => {
  test('get(traceparent) reads TRACEPARENT', () => {
    expect(envGetter.get({ TRACEPARENT }, 'traceparent')).toBe(TRACEPARENT);
  });

  test('lowercase or mixed-case variables are not read, even when they are the only ones', () => {
    const env: EnvCarrier = { traceparent: TRACEPARENT, TraceParent: TRACEPARENT };
    expect(envGetter.get(env, 'traceparent')).toBeUndefined();
    expect(envGetter.get(env, 'TraceParent')).toBeUndefined();
    const ctx = new W3CTraceContextPropagator().extract(ROOT_CONTEXT, env, envGetter);
    expect(ctx).toBe(ROOT_CONTEXT);
  });

  test('a hyphenated variable (possible on Linux) is not read: X_B3_TRACEID is', () => {
    const env: EnvCarrier = { 'x-b3-traceid': 'f'.repeat(32), X_B3_TRACEID: TRACE_ID };
    expect(envGetter.get(env, 'x-b3-traceid')).toBe(TRACE_ID);
    expect(envGetter.get({ 'x-b3-traceid': TRACE_ID }, 'x-b3-traceid')).toBeUndefined();
  });
});

describe('"keys returns only normalized names"', () => {
  test('non-normalized names are left out; order kept', () => {
    const env: EnvCarrier = {
      PATH: '/bin',
      traceparent: 'x',
      UBERCTX_TIER: 'gold',
      'x-b3-traceid': 'y',
      '1BAD': 'z',
      Home: '/root',
      _UNDERSCORE: 'ok',
    };
    expect(envGetter.keys(env)).toEqual(['PATH', 'UBERCTX_TIER', '_UNDERSCORE']);
  });

  test('process.env itself: every key returned matches the pattern', () => {
    for (const key of envGetter.keys(process.env)) expect(key).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });
});

describe('"Values are opaque strings"', () => {
  test('a value is returned exactly, spaces and all; the setter stores it exactly', () => {
    const value = ' \t00-odd value;k=v%20 ';
    const env: EnvCarrier = {};
    envSetter.set(env, 'some-header', value);
    expect(env).toEqual({ SOME_HEADER: value });
    expect(envGetter.get(env, 'some-header')).toBe(value);
  });

  test('a non-string value (a hostile carrier) reads as absent, never throws', () => {
    const env = { TRACEPARENT: 42, B3: ['a'], BAGGAGE: null } as unknown as EnvCarrier;
    expect(envGetter.get(env, 'traceparent')).toBeUndefined();
    expect(envGetter.get(env, 'b3')).toBeUndefined();
    expect(envGetter.get(env, 'baggage')).toBeUndefined();
    const throwing = Object.defineProperty({}, 'TRACEPARENT', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(envGetter.get(throwing, 'traceparent')).toBeUndefined();
    expect(envGetter.get(undefined as unknown as EnvCarrier, 'traceparent')).toBeUndefined();
    expect(envGetter.keys(null as unknown as EnvCarrier)).toEqual([]);
  });
});

describe('"Any propagator works through it, so TRACEPARENT, TRACESTATE, BAGGAGE, B3, X_B3_TRACEID, UBER_TRACE_ID, … follow from the configured chain"', () => {
  const bag = propagation.setBaggage(
    spanCtx,
    propagation.createBaggage({ 'user.tier': { value: 'gold' } }),
  );

  test('a Baton composite writes the normalized names of every member', () => {
    const chain = new CompositePropagator({
      propagators: [
        new W3CTraceContextPropagator(),
        new W3CBaggagePropagator(),
        new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
        new B3Propagator(),
        new JaegerPropagator(),
      ],
    });
    const env: EnvCarrier = {};
    chain.inject(bag, env, envSetter);
    expect(Object.keys(env).sort()).toEqual(
      [
        'B3',
        'BAGGAGE',
        'TRACEPARENT',
        'UBERCTX_USER_TIER',
        'UBER_TRACE_ID',
        'X_B3_SAMPLED',
        'X_B3_SPANID',
        'X_B3_TRACEID',
      ].sort(),
    );
    expect(env.TRACEPARENT).toBe(TRACEPARENT);
    expect(env.X_B3_TRACEID).toBe(TRACE_ID);
    expect(env.UBER_TRACE_ID).toMatch(new RegExp(`^${TRACE_ID}:${SPAN_ID}:0:0?1$`)); // Jaeger flags, one or two digits
  });

  test.each([
    ['tracecontext (Baton)', new W3CTraceContextPropagator(), { TRACEPARENT }],
    ['tracecontext (official core)', new OfficialW3C(), { TRACEPARENT }],
    ['b3 single', new B3Propagator(), { B3: `${TRACE_ID}-${SPAN_ID}-1` }],
    [
      'b3 multi',
      new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
      { X_B3_TRACEID: TRACE_ID, X_B3_SPANID: SPAN_ID, X_B3_SAMPLED: '1' },
    ],
    ['jaeger', new JaegerPropagator(), { UBER_TRACE_ID: `${TRACE_ID}:${SPAN_ID}:0:1` }],
  ])('%s extracts the span context from the environment', (_name, propagator, env) => {
    const sc = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, env, envGetter));
    expect(sc).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
  });

  test('W3C baggage (official core) round-trips through BAGGAGE', () => {
    const env: EnvCarrier = {};
    new W3CBaggagePropagator().inject(bag, env, envSetter);
    expect(env.BAGGAGE).toBe('user.tier=gold');
    const back = new W3CBaggagePropagator().extract(ROOT_CONTEXT, env, envGetter);
    expect(propagation.getBaggage(back)?.getEntry('user.tier')?.value).toBe('gold');
  });
});

describe('hostile input: never throws, bounded', () => {
  test('1 MB names and values', () => {
    const big = 'a-'.repeat(1 << 19);
    const env: EnvCarrier = { TRACEPARENT: big };
    expect(envGetter.get(env, 'traceparent') === big).toBe(true);
    const normalized = normalizeEnvName(big);
    expect(normalized.length).toBe(1 << 20);
    expect(normalized.startsWith('A_A_') && normalized.endsWith('A_')).toBe(true);
    expect(isNormalizedEnvName(normalized)).toBe(true);
    expect(() => envSetter.set(Object.freeze({}) as EnvCarrier, 'traceparent', 'x')).not.toThrow();
    expect(() => envGetter.get(env, 42 as unknown as string)).not.toThrow();
  });
});
