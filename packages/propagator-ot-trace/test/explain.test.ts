/**
 * The explain API (explainOTTrace, explainOTBaggage): every rejection rule of REQUIREMENTS §12
 * (OT Trace) has a case whose rule id names it, and explain's verdict equals extract's.
 *
 * REQUIREMENTS §12: "**OT Trace** (`ottrace`): `ot-tracer-traceid` (16 or 32 hex),
 * `ot-tracer-spanid`, `ot-tracer-sampled`, `ot-baggage-*` with Jaeger's caps."
 * Issue 19: "`ot-tracer-sampled` (`true` / `false`, and `1` / `0` as other OT tracers send)".
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter, propagation, trace } from '@opentelemetry/api';
import { OTTracePropagator, explainOTBaggage, explainOTTrace } from '@baton/propagator-ot-trace';
import { diagnoseOTTrace } from '../src/explain';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const ot = new OTTracePropagator();

describe('explainOTTrace: every rejection names its rule', () => {
  test.each<[string, Record<string, unknown>, string, number]>([
    // [quoted rule, headers, rule id, position]
    [
      '"(16 or 32 hex)": 20 chars',
      { traceId: T.slice(0, 20), spanId: S },
      'ot-tracer-traceid/length',
      0,
    ],
    [
      '"(16 or 32 hex)": lowercase (REQUIREMENTS §1)',
      { traceId: T.toUpperCase(), spanId: S },
      'ot-tracer-traceid/uppercase',
      1,
    ],
    [
      '"(16 or 32 hex)": hex',
      { traceId: `${T.slice(0, 31)}g`, spanId: S },
      'ot-tracer-traceid/not-hex',
      31,
    ],
    [
      'REQUIREMENTS §1 "not all zero"',
      { traceId: '0'.repeat(16), spanId: S },
      'ot-tracer-traceid/all-zero',
      0,
    ],
    ['both ids are needed', { spanId: S }, 'ot-tracer-traceid/missing', -1],
    [
      '"`ot-tracer-spanid`": 16 hex',
      { traceId: T, spanId: S.slice(1) },
      'ot-tracer-spanid/length',
      0,
    ],
    [
      '"`ot-tracer-spanid`": lowercase',
      { traceId: T, spanId: 'B7AD6B7169203331' },
      'ot-tracer-spanid/uppercase',
      0,
    ],
    [
      '"`ot-tracer-spanid`": hex',
      { traceId: T, spanId: `${S.slice(0, 15)}z` },
      'ot-tracer-spanid/not-hex',
      15,
    ],
    [
      '"`ot-tracer-spanid`": not all zero',
      { traceId: T, spanId: '0'.repeat(16) },
      'ot-tracer-spanid/all-zero',
      0,
    ],
    ['"`ot-tracer-spanid`" is needed', { traceId: T }, 'ot-tracer-spanid/missing', -1],
    [
      '"`true` / `false`, and `1` / `0`"',
      { traceId: T, spanId: S, sampled: 'yes' },
      'ot-tracer-sampled/value',
      0,
    ],
  ])('%s', (_rule, headers, ruleId, position) => {
    const e = explainOTTrace(headers);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toMatch(/^OT Trace|REQUIREMENTS §12/);
  });

  test('"16 … hex" is left-padded; "`true` / `false`" in any case, "`1` / `0`"', () => {
    expect(explainOTTrace({ traceId: S, spanId: S, sampled: 'TRUE' })).toEqual({
      valid: true,
      error: undefined,
      fields: {
        traceId: `${'0'.repeat(16)}${S}`,
        traceId64: true,
        spanId: S,
        sampled: true,
        sampledSent: 'TRUE',
      },
    });
    expect(explainOTTrace({ traceId: T, spanId: S, sampled: '0' }).fields?.sampled).toBe(false);
    expect(explainOTTrace({ traceId: T, spanId: S }).fields?.sampledSent).toBeUndefined();
  });
});

describe('explainOTBaggage: "`ot-baggage-*`"', () => {
  test('the key is the rest of the name (a token), the value as sent', () => {
    expect(explainOTBaggage('OT-Baggage-User', 'a b')).toEqual({
      valid: true,
      error: undefined,
      fields: { key: 'User', value: 'a b' },
    });
    expect(explainOTBaggage('ot-baggage-a b', 'v').error?.rule).toBe('ot-baggage/key');
    expect(explainOTBaggage('ot-baggage-', 'v').error?.rule).toBe('ot-baggage/name');
  });

  test('explain and extract agree on an item', () => {
    const carrier = { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-baggage-k': 'x%20y' };
    const got = propagation.getBaggage(ot.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
    expect(got?.getEntry('k')?.value).toBe(explainOTBaggage('ot-baggage-k', 'x%20y').fields?.value);
  });
});

const HEX = [...'0123456789abcdefA0'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
const headers = fc.record(
  {
    traceId: fc.oneof(hex(15, 17), hex(31, 33), fc.string({ maxLength: 34 })),
    spanId: fc.oneof(hex(15, 17), fc.string({ maxLength: 18 })),
    sampled: fc.constantFrom('true', 'false', 'True', '1', '0', 'yes', '', 'falsey'),
  },
  { requiredKeys: [] },
);

test('explainOTTrace(h).valid === extract finds a span context, and every rejection has a rule', () => {
  fc.assert(
    fc.property(headers, (h) => {
      const carrier: Record<string, string> = {};
      if (h.traceId !== undefined) carrier['ot-tracer-traceid'] = h.traceId;
      if (h.spanId !== undefined) carrier['ot-tracer-spanid'] = h.spanId;
      if (h.sampled !== undefined) carrier['ot-tracer-sampled'] = h.sampled;
      const sc = trace.getSpanContext(ot.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
      const e = explainOTTrace(h);
      expect(e.valid).toBe(sc !== undefined);
      expect(diagnoseOTTrace(h) === undefined).toBe(e.valid);
      if (sc)
        expect([e.fields?.traceId, e.fields?.spanId, e.fields?.sampled]).toEqual([
          sc.traceId,
          sc.spanId,
          sc.traceFlags === 1,
        ]);
    }),
    { numRuns: 5_000 },
  );
});
