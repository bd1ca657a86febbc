/**
 * The explain API (explainUberTraceId, explainUberctx, explainJaegerBaggage): every rejection rule
 * of REQUIREMENTS §5 has a case whose rule id names it, and explain's verdict equals extract's.
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter, propagation, trace } from '@opentelemetry/api';
import {
  JaegerPropagator,
  explainJaegerBaggage,
  explainUberTraceId,
  explainUberctx,
} from '@baton/propagator-jaeger';
import { diagnoseUberTraceId } from '../src/explain';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const jaeger = new JaegerPropagator();

describe('explainUberTraceId: REQUIREMENTS §5 "`uber-trace-id: {trace}:{span}:{parent}:{flags}`"', () => {
  test.each([
    // [quoted rule, value, rule id, position]
    ['reject longer (trace id 33)', `${T}a:${S}:0:1`, 'uber-trace-id/trace-id-length', 32],
    ['reject longer (span id 17)', `${T}:${S}a:0:1`, 'uber-trace-id/span-id-length', 49],
    ['reject non-hex', `${T}:${S.slice(0, 15)}g:0:1`, 'uber-trace-id/span-id-not-hex', 48],
    ['reject uppercase', `${T.toUpperCase()}:${S}:0:1`, 'uber-trace-id/trace-id-uppercase', 1],
    ['reject empty fields', `:${S}:0:1`, 'uber-trace-id/trace-id-empty', 0],
    ['reject all-zero ids', `${T}:0:0:1`, 'uber-trace-id/span-id-all-zero', 33],
    ['not exactly four fields (3)', `${T}:${S}:1`, 'uber-trace-id/field-count', 51],
    ['not exactly four fields (5)', `${T}:${S}:0:1:x`, 'uber-trace-id/field-count', 53],
    [
      '"unparsable flags → header invalid (never sampled)"',
      `${T}:${S}:0:x1`,
      'uber-trace-id/flags',
      52,
    ],
    ['flags: one or two hex digits', `${T}:${S}:0:101`, 'uber-trace-id/flags', 52],
    ['parent field hex', `${T}:${S}:zz:1`, 'uber-trace-id/parent-span-id-not-hex', 50],
    [
      '"URL-encoded — decode first": a bad escape',
      `${T}%3G${S}%3A0%3A1`,
      'uber-trace-id/percent-encoding',
      32,
    ],
    ['capped before any work', `${T}:${S}:0:${'1'.repeat(300)}`, 'uber-trace-id/too-long', 256],
  ])('%s: %s', (_rule, value, ruleId, position) => {
    const e = explainUberTraceId(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toMatch(/^Jaeger Propagation Format §/);
  });

  test('"the whole value may be URL-encoded"; "Left-pad"; "0x02 debug (kept only with sampled)"; "0x08 firehose ignored"', () => {
    expect(explainUberTraceId(`abc%3A${S.slice(2)}%3A0%3A0b`).fields).toEqual({
      traceId: '0'.repeat(29) + 'abc',
      spanId: '00' + S.slice(2),
      parentSpanId: '0',
      flags: 0x0b,
      sampled: true,
      debug: true,
      firehose: true,
      urlEncoded: true,
    });
    expect(explainUberTraceId(`${T}:${S}:0:2`).fields).toMatchObject({
      sampled: false,
      debug: false,
    });
  });
});

describe('Jaeger baggage: REQUIREMENTS §5', () => {
  test('"`uberctx-{key}` → Baggage, value percent-decoded with `+` read as space"; "undecodable value kept raw"', () => {
    expect(explainUberctx('Uberctx-User', 'J%C3%BCrgen+M')).toMatchObject({
      valid: true,
      fields: { key: 'User', value: 'Jürgen M', decoded: true },
    });
    expect(explainUberctx('uberctx-k', '%zz').fields).toMatchObject({
      value: '%zz',
      decoded: false,
    });
    expect(explainUberctx('uberctx-a b', 'v').error?.rule).toBe('uberctx/key');
  });

  test('"`jaeger-baggage: k1=v1, k2=v2` extracted too": skipped items are named', () => {
    const e = explainJaegerBaggage('k1=v1, k2=a=b, =x, k3=v%203');
    expect(e.fields?.items.map((i) => [i.key, i.value])).toEqual([
      ['k1', 'v1'],
      ['k3', 'v 3'],
    ]);
    expect(e.fields?.skipped).toEqual(['k2=a=b', '=x']);
    expect(e.error?.rule).toBe('jaeger-baggage/item');
  });

  test('explain and extract agree on the baggage', () => {
    const carrier = { 'uberctx-a': 'x+y', 'jaeger-baggage': 'b=2, c' };
    const got = propagation.getBaggage(jaeger.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
    expect(got?.getEntry('a')?.value).toBe(explainUberctx('uberctx-a', 'x+y').fields?.value);
    expect(got?.getEntry('b')?.value).toBe(explainJaegerBaggage('b=2, c').fields?.items[0].value);
  });
});

const HEX = [...'0123456789abcdefA0'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
const uberLike = fc.oneof(
  fc
    .tuple(
      hex(0, 33),
      hex(0, 17),
      hex(0, 17),
      hex(0, 3),
      fc.constantFrom(':', '%3A', '%3a', '::', '%3'),
    )
    .map(([t, s, p, f, sep]) => [t, s, p, f].join(sep)),
  fc
    .tuple(hex(0, 33), hex(0, 17), fc.constantFrom('', ':x', ':0:1:1'))
    .map(([t, s, tail]) => `${t}:${s}:0${tail}`),
  fc.string({ maxLength: 80 }),
);

test('explainUberTraceId(v).valid === extract finds a span context, and a rule is found for every rejection', () => {
  fc.assert(
    fc.property(uberLike, (v) => {
      const sc = trace.getSpanContext(
        jaeger.extract(ROOT_CONTEXT, { 'uber-trace-id': v }, defaultTextMapGetter),
      );
      const e = explainUberTraceId(v);
      expect(e.valid).toBe(sc !== undefined);
      expect(diagnoseUberTraceId(v) === undefined).toBe(e.valid);
      if (sc)
        expect([e.fields?.traceId, e.fields?.spanId, e.fields?.sampled]).toEqual([
          sc.traceId,
          sc.spanId,
          sc.traceFlags === 1,
        ]);
    }),
    { numRuns: 20_000 },
  );
});
