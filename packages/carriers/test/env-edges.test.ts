/**
 * Edges of the environment carrier (issue 20, mutation testing of src/env): the ends of each char
 * range of the name rule, surrogate pairs at the ends of their ranges, odd carriers and values, and
 * which inherited variables a child's copy leaves out.
 *
 * REQUIREMENTS §11: "Names are normalized: ASCII letters uppercased; any character other than
 * `A-Z 0-9 _` becomes `_`; empty → `_`; a leading digit gets a `_` prefix (`^[A-Z_][A-Z0-9_]*$`).
 * Get never reads a non-normalized variable; keys returns only normalized names. Values are opaque
 * strings." and "Injection for a child returns a copy of the environment; `process.env` is never
 * mutated." The oracle below is written from that rule, one code point at a time, with regular
 * expressions; src/env/normalize.ts works on UTF-16 code units.
 */
import { ROOT_CONTEXT, trace, type Context, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import fc from 'fast-check';
import {
  envForChild,
  envGetter,
  envSetter,
  isNormalizedEnvName,
  normalizeEnvName,
  type EnvCarrier,
  type Injector,
} from '@baton/carriers';

/** §11's rule, per code point (the package's decision: a surrogate pair is one character). */
function oracle(name: string): string {
  if (name === '') return '_';
  let out = '';
  for (const ch of name) {
    if (/^[a-z]$/.test(ch)) out += ch.toUpperCase();
    else if (/^[A-Z0-9_]$/.test(ch)) out += ch;
    else out += '_';
  }
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const spanCtx = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags: 1,
});

describe('"ASCII letters uppercased; any character other than A-Z 0-9 _ becomes _": the ends of each range', () => {
  // The chars just outside and at the ends of a-z, A-Z, 0-9, and "_" itself.
  test.each([
    ['`', '_'], // 0x60, before a
    ['a', 'A'],
    ['z', 'Z'],
    ['{', '_'], // 0x7b, after z
    ['@', '_'], // 0x40, before A
    ['A', 'A'],
    ['Z', 'Z'],
    ['[', '_'], // 0x5b, after Z
    ['/', '_'], // 0x2f, before 0
    ['x0', 'X0'],
    ['x9', 'X9'],
    [':', '_'], // 0x3a, after 9
    ['^', '_'], // 0x5e, before _
    ['_', '_'],
    ['ab_yz', 'AB_YZ'],
  ])('%j → %s', (name, expected) => {
    expect(normalizeEnvName(name)).toBe(expected);
    expect(normalizeEnvName(name)).toBe(oracle(name));
  });

  test.each([
    ['0', '_0'],
    ['0abc', '_0ABC'],
    ['9z', '_9Z'],
    ['/abc', '_ABC'], // "/" is not a digit: it becomes "_", no prefix
    [':abc', '_ABC'],
  ])('"a leading digit gets a _ prefix": %j → %s', (name, expected) => {
    expect(normalizeEnvName(name)).toBe(expected);
    expect(normalizeEnvName(name)).toBe(oracle(name));
  });

  test.each([
    ['\ud800\udc00', '_'], // the first surrogate pair (U+10000)
    ['\udbff\udfff', '_'], // the last (U+10FFFF)
    ['k\ud800\udc00v', 'K_V'],
    ['k\udbff\udfffv', 'K_V'],
    ['\ud7ff', '_'], // just below the surrogates: one character
    ['\udc00', '_'], // a lone low surrogate
    ['\udfff\udfff', '__'], // two lone low surrogates
    ['\ud800', '_'], // a lone high surrogate at the end
    ['\ud800a', '_A'], // a high surrogate followed by a letter
    ['\ud800\ud800\udc00', '__'], // a lone high one, then a pair
    ['\ud800\ue000', '__'], // a high surrogate followed by a char just past the low ones
    ['\udbff\udbff', '__'],
    ['-\udc00', '__'], // another replaced char, then a lone low surrogate: two characters
    ['\ud7ff\udfff', '__'], // the char just below the high surrogates, then a lone low one
  ])('a surrogate pair is one character: %j → %s', (name, expected) => {
    expect(normalizeEnvName(name)).toBe(expected);
    expect(normalizeEnvName(name)).toBe(oracle(name));
  });

  test('any string: as the oracle', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (name) => {
        expect(normalizeEnvName(name)).toBe(oracle(name));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[\x2f-\x3a\x40-\x5b\x5e-\x60\x7a\x7b]{0,6}$/), (name) => {
        expect(normalizeEnvName(name)).toBe(oracle(name));
      }),
      { numRuns: 3000 },
    );
  });

  test('the same answer the second time (a name looked up again)', () => {
    for (const name of ['x-b3-traceid', 'uberctx-k', '0lead', 'k\ud800\udc00v', 'ß']) {
      const first = normalizeEnvName(name);
      expect(normalizeEnvName(name)).toBe(first);
      expect(first).toBe(oracle(name));
    }
  });

  test('a long name (past any cache): as the oracle, twice', () => {
    const name = 'x-'.repeat(100) + 'z';
    expect(normalizeEnvName(name)).toBe(oracle(name));
    expect(normalizeEnvName(name)).toBe(oracle(name));
  });

  test('a name that is not a string: "_" (never a throw)', () => {
    expect(normalizeEnvName(42 as unknown as string)).toBe('_');
    expect(normalizeEnvName(undefined as unknown as string)).toBe('_');
    expect(normalizeEnvName(['ab'] as unknown as string)).toBe('_');
  });
});

describe('isNormalizedEnvName: "^[A-Z_][A-Z0-9_]*$"', () => {
  test.each(['', '0', '9A', 'a', 'A-B', '@', '[', '`', '{', '/', ':', '^', 'A\u00c0', 'AZ '])(
    '%j does not match',
    (name) => {
      expect(/^[A-Z_][A-Z0-9_]*$/.test(name)).toBe(false);
      expect(isNormalizedEnvName(name)).toBe(false);
    },
  );
  test.each(['A', 'Z', '_', 'A0', 'Z9', '_0', '__', 'AZ_09'])('%j matches', (name) => {
    expect(/^[A-Z_][A-Z0-9_]*$/.test(name)).toBe(true);
    expect(isNormalizedEnvName(name)).toBe(true);
  });
  test('any string: as the pattern', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x2f-\x3a\x40-\x5b\x5e-\x60\x7a\x7b]{0,5}$/), (name) => {
        expect(isNormalizedEnvName(name)).toBe(/^[A-Z_][A-Z0-9_]*$/.test(name));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('"Get never reads a non-normalized variable; keys returns only normalized names": odd carriers', () => {
  const fn = Object.assign(() => undefined, { TRACEPARENT: 'from a function' });

  test('a carrier that is not an object (a function with the variable, null) is empty', () => {
    expect(envGetter.get(fn as unknown as EnvCarrier, 'traceparent')).toBeUndefined();
    expect(envGetter.keys(fn as unknown as EnvCarrier)).toEqual([]);
    expect(envGetter.keys(null as unknown as EnvCarrier)).toEqual([]);
    expect(envGetter.get(null as unknown as EnvCarrier, 'traceparent')).toBeUndefined();
  });

  test('a carrier whose keys cannot be listed: [] (never a throw)', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(envGetter.keys(proxy)).toEqual([]);
  });

  test('the setter writes only strings, only into objects', () => {
    const env: EnvCarrier = {};
    envSetter.set(env, 'traceparent', 42 as unknown as string);
    envSetter.set(env, 'tracestate', undefined as unknown as string);
    expect(env).toEqual({});
    const target = Object.assign(() => undefined, {}) as unknown as EnvCarrier;
    envSetter.set(target, 'traceparent', 'x');
    expect(Object.keys(target)).toEqual([]);
    expect(() => envSetter.set(null as unknown as EnvCarrier, 'traceparent', 'x')).not.toThrow();
    envSetter.set(env, 'x-b3-traceid', TRACE_ID);
    expect(env).toEqual({ X_B3_TRACEID: TRACE_ID });
  });
});

describe('envForChild: "Injection for a child returns a copy of the environment"', () => {
  const w3c = new W3CTraceContextPropagator();

  /** Every variable that holds trace context, by the header names of the formats (normalized by hand). */
  const FORMAT_VARIABLES = [
    'TRACEPARENT', // traceparent
    'TRACESTATE', // tracestate
    'BAGGAGE', // baggage
    'B3', // b3
    'X_B3_TRACEID', // x-b3-traceid
    'X_B3_SPANID', // x-b3-spanid
    'X_B3_PARENTSPANID', // x-b3-parentspanid
    'X_B3_SAMPLED', // x-b3-sampled
    'X_B3_FLAGS', // x-b3-flags
    'UBER_TRACE_ID', // uber-trace-id
    'JAEGER_BAGGAGE', // jaeger-baggage
    'OT_TRACER_TRACEID', // ot-tracer-traceid
    'OT_TRACER_SPANID', // ot-tracer-spanid
    'OT_TRACER_SAMPLED', // ot-tracer-sampled
    'X_AMZN_TRACE_ID', // x-amzn-trace-id
    'X_CLOUD_TRACE_CONTEXT', // x-cloud-trace-context
    'UBERCTX_USER', // uberctx-user (Jaeger baggage prefix)
    'OT_BAGGAGE_USER', // ot-baggage-user (OT baggage prefix)
  ];

  test('every inherited trace variable of every format is left out; others are copied', () => {
    const env: EnvCarrier = { PATH: '/bin', HOME: '/root', _X_AMZN_TRACE_ID: 'lambda' };
    for (const name of FORMAT_VARIABLES) env[name] = 'stale';
    const copy = envForChild({ env, propagator: w3c, context: ROOT_CONTEXT });
    expect(copy).toEqual({ PATH: '/bin', HOME: '/root', _X_AMZN_TRACE_ID: 'lambda' });
    for (const name of FORMAT_VARIABLES) expect(env[name]).toBe('stale'); // the source is not changed
  });

  test('a prefix counts only at the start of the name', () => {
    const env: EnvCarrier = {
      X_UBERCTX_: 'a',
      MY_OT_BAGGAGE_K: 'b',
      UBERCTX: 'c',
      XTRACEPARENT: 'd',
    };
    expect(envForChild({ env, propagator: w3c, context: ROOT_CONTEXT })).toEqual(env);
  });

  test('the propagator’s own fields are left out too; a field that is not a string adds nothing', () => {
    const custom: Injector = {
      inject: () => undefined,
      fields: () => ['platform-id', 42 as never],
    };
    const env: EnvCarrier = { PLATFORM_ID: 'stale', _: 'underscore', PATH: '/bin' };
    expect(envForChild({ env, propagator: custom, context: ROOT_CONTEXT })).toEqual({
      _: 'underscore',
      PATH: '/bin',
    });
  });

  test('fields() that throws, or is not an array: only the fixed list is left out', () => {
    // STRYKER_WAS_HERE: the name a non-empty list (Stryker's `[]` → `["Stryker was here"]`) would
    // add; no field means no name beyond the fixed list.
    const env: EnvCarrier = { P: 'p', PATH: '/bin', TRACEPARENT: 'stale', STRYKER_WAS_HERE: 's' };
    const throwing: Injector = {
      inject: () => undefined,
      fields: () => {
        throw new Error('boom');
      },
    };
    expect(envForChild({ env, propagator: throwing, context: ROOT_CONTEXT })).toEqual({
      P: 'p',
      PATH: '/bin',
      STRYKER_WAS_HERE: 's',
    });
    const notArray: Injector = { inject: () => undefined, fields: () => 'PATH' as never };
    expect(envForChild({ env, propagator: notArray, context: ROOT_CONTEXT })).toEqual({
      P: 'p',
      PATH: '/bin',
      STRYKER_WAS_HERE: 's',
    });
  });

  test('variables whose value is not a string are not copied', () => {
    const env = { PATH: '/bin', UNSET: undefined, N: 42 } as unknown as EnvCarrier;
    expect(envForChild({ env, propagator: w3c, context: ROOT_CONTEXT })).toEqual({ PATH: '/bin' });
  });

  test('the given context is injected, through the env setter, into the copy', () => {
    const env: EnvCarrier = { PATH: '/bin', TRACEPARENT: 'stale' };
    const copy = envForChild({ env, propagator: w3c, context: spanCtx });
    expect(copy).toEqual({ PATH: '/bin', TRACEPARENT: `00-${TRACE_ID}-${SPAN_ID}-01` });
    expect(env.TRACEPARENT).toBe('stale');
  });

  test('a propagator whose inject throws: the copy without context, never a throw', () => {
    const seen: Context[] = [];
    const throwing: Injector = {
      inject: (ctx: Context, carrier: unknown, setter: TextMapSetter) => {
        seen.push(ctx);
        setter.set(carrier, 'partial', 'x');
        throw new Error('boom');
      },
      fields: () => [],
    };
    const copy = envForChild({ env: { PATH: '/bin' }, propagator: throwing, context: spanCtx });
    expect(copy).toEqual({ PATH: '/bin', PARTIAL: 'x' });
    expect(seen).toEqual([spanCtx]);
  });
});
