/**
 * Conformance of `X-Cloud-Trace-Context`, extract and inject: each row quotes the line of
 * REQUIREMENTS §12 / §1 or issue 19 it checks. Expected values are written by hand from the rule
 * (decimal ↔ hex pairs checked against BigInt in decimal.test.ts), not captured from the code.
 */
import { ROOT_CONTEXT, trace, TraceFlags, type Span } from '@opentelemetry/api';
import { suppressTracing, TraceState } from '@opentelemetry/core';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';
import { extract, inject, spanContextOf, SPAN_DEC, SPAN_ID, TRACE_ID, withSpan } from './helpers';

const gcp = new CloudTracePropagator();
const oneway = new CloudTraceOneWayPropagator();
const T = TRACE_ID;
const H = 'x-cloud-trace-context';

describe.each([
  ['CloudTracePropagator', gcp],
  ['CloudTraceOneWayPropagator', oneway],
])('%s extract', (_name, p) => {
  test.each<[string, string, string, number]>([
    [
      '§12 {32hex}/{u64 decimal};o=1 → sampled',
      `${T}/${SPAN_DEC};o=1`,
      SPAN_ID,
      TraceFlags.SAMPLED,
    ],
    ['§12 ;o=0 → not sampled', `${T}/${SPAN_DEC};o=0`, SPAN_ID, TraceFlags.NONE],
    [
      '§12 [;o=0|1] is optional: absent → not sampled',
      `${T}/${SPAN_DEC}`,
      SPAN_ID,
      TraceFlags.NONE,
    ],
    ['§12 exact decimal → hex: 1', `${T}/1;o=1`, '0000000000000001', TraceFlags.SAMPLED],
    [
      '§12 the shortest value: {32hex}/{one digit}, no option (34 chars)',
      `${T}/7`,
      '0000000000000007',
      TraceFlags.NONE,
    ],
    [
      '§12 exact decimal → hex: 2^64 - 1',
      `${T}/18446744073709551615;o=1`,
      'ffffffffffffffff',
      TraceFlags.SAMPLED,
    ],
    [
      '§12 exact decimal → hex: 2^53 + 1 (beyond float precision)',
      `${T}/9007199254740993`,
      '0020000000000001',
      TraceFlags.NONE,
    ],
    [
      '§12 exact decimal → hex: 2^63',
      `${T}/9223372036854775808`,
      '8000000000000000',
      TraceFlags.NONE,
    ],
    [
      'decision: leading zeros are read (within the 128-char cap)',
      `${T}/000042;o=1`,
      '000000000000002a',
      TraceFlags.SAMPLED,
    ],
  ])('%s', (_rule, value, spanId, traceFlags) => {
    expect(spanContextOf(extract(p, { [H]: value }))).toEqual({
      traceId: T,
      spanId,
      traceFlags,
      isRemote: true,
    });
  });

  test.each<[string, unknown]>([
    [
      'issue 19: uppercase hex trace id rejected (0.22 accepts it)',
      `${T.toUpperCase()}/${SPAN_DEC};o=1`,
    ],
    ['issue 19: non-hex trace id', `${'g'.repeat(32)}/${SPAN_DEC};o=1`],
    ['§1 all-zero trace id', `${'0'.repeat(32)}/${SPAN_DEC};o=1`],
    ['§12 trace id 32 hex: 31', `${T.slice(1)}/${SPAN_DEC};o=1`],
    ['§12 trace id 32 hex: 33', `${T}0/${SPAN_DEC};o=1`],
    ['issue 19: zero span id rejected', `${T}/0;o=1`],
    ['issue 19: zero span id rejected (leading zeros)', `${T}/0000;o=1`],
    ['issue 19: overflow rejected: 2^64', `${T}/18446744073709551616;o=1`],
    ['issue 19: overflow rejected: 21 digits', `${T}/100000000000000000000;o=1`],
    ['issue 19: trailing garbage rejected: /123abc (0.22 reads 123)', `${T}/123abc`],
    ['issue 19: trailing garbage after the options', `${T}/123;o=1x`],
    ['§12 o={0|1} only: o=2', `${T}/123;o=2`],
    ['§12 o={0|1} only: o=', `${T}/123;o=`],
    ['§12 o={0|1} only: o=true', `${T}/123;o=true`],
    ['§12 o={0|1} only: a second option', `${T}/123;o=1;o=1`],
    ['§12 empty span id', `${T}/;o=1`],
    ['§12 no span id', `${T}`],
    ['§12 no slash', `${T}-123;o=1`],
    ['§12 a sign is not a digit', `${T}/+123`],
    ['§12 a space is not a digit', `${T}/ 123`],
    ['§1 longer than the cap (leading zeros) is rejected unread', `${T}/${'0'.repeat(100)}1`],
    ['§1 non-string value', 42],
    ['§1 empty value', ''],
  ])('%s → the input context itself', (_rule, value) => {
    expect(extract(p, { [H]: value })).toBe(ROOT_CONTEXT);
  });

  test('issue 19: never an invalid context in place of a valid one (span 0, overflow)', () => {
    const before = withSpan('11111111111111111111111111111111', '2222222222222222');
    for (const bad of [`${T}/0;o=1`, `${T}/99999999999999999999;o=1`]) {
      expect(extract(p, { [H]: bad }, before)).toBe(before);
    }
  });

  test.each<[string, Record<string, unknown>]>([
    ['§1 case-insensitive header name', { 'X-Cloud-Trace-Context': `${T}/${SPAN_DEC};o=1` }],
    ['§1 arrays: the first value', { [H]: [`${T}/${SPAN_DEC};o=1`, 'junk'] }],
    ['§1 Buffers read as latin1', { [H]: Buffer.from(`${T}/${SPAN_DEC};o=1`) }],
  ])('%s', (_rule, carrier) => {
    expect(spanContextOf(extract(p, carrier))?.spanId).toBe(SPAN_ID);
  });

  test('issue 19: the tracestate of an identical span context is kept', () => {
    const traceState = new TraceState('vendor=1');
    const stateful = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: T,
      spanId: SPAN_ID,
      traceFlags: 1,
      isRemote: true,
      traceState,
    });
    expect(spanContextOf(extract(p, { [H]: `${T}/${SPAN_DEC};o=1` }, stateful))?.traceState).toBe(
      traceState,
    );
    const other = spanContextOf(extract(p, { [H]: `${T}/1;o=1` }, stateful));
    expect(other?.spanId).toBe('0000000000000001');
    expect(other?.traceState).toBeUndefined();
  });
});

describe('CloudTracePropagator inject', () => {
  test.each<[string, string, number, string]>([
    [
      '§12 {32hex}/{u64 decimal};o=1 for a sampled span',
      SPAN_ID,
      TraceFlags.SAMPLED,
      `${T}/${SPAN_DEC};o=1`,
    ],
    ['§12 ;o=0 for a span not sampled', SPAN_ID, TraceFlags.NONE, `${T}/${SPAN_DEC};o=0`],
    [
      'only the sampled bit: the W3C random bit alone is o=0',
      SPAN_ID,
      0x02,
      `${T}/${SPAN_DEC};o=0`,
    ],
    ['§12 exact hex → decimal: 2^64 - 1', 'ffffffffffffffff', 1, `${T}/18446744073709551615;o=1`],
    ['§12 exact hex → decimal: 2^53 + 1', '0020000000000001', 1, `${T}/9007199254740993;o=1`],
    ['§12 exact hex → decimal: 1', '0000000000000001', 1, `${T}/1;o=1`],
    [
      '§12 exact hex → decimal: 10^18 (remainder with zeros)',
      '0de0b6b3a7640000',
      1,
      `${T}/1000000000000000000;o=1`,
    ],
  ])('%s', (_rule, spanId, flags, expected) => {
    expect(inject(gcp, withSpan(T, spanId, flags))).toEqual({ [H]: expected });
  });

  test.each<[string, string, string]>([
    ['§1 no valid span context, no header: all-zero span id', T, '0'.repeat(16)],
    ['§1 … uppercase trace id', T.toUpperCase(), SPAN_ID],
    ['§1 … short span id', T, 'abc'],
  ])('%s', (_rule, traceId, spanId) => {
    expect(inject(gcp, withSpan(traceId, spanId))).toEqual({});
  });

  test('§1 no span context: nothing', () => {
    expect(inject(gcp, ROOT_CONTEXT)).toEqual({});
  });

  test('§1 suppressTracing: nothing', () => {
    expect(inject(gcp, suppressTracing(withSpan()))).toEqual({});
  });

  test('§1 a span whose spanContext() throws: no throw, nothing written', () => {
    const span = {
      spanContext() {
        throw new Error('boom');
      },
    } as unknown as Span;
    expect(inject(gcp, trace.setSpan(ROOT_CONTEXT, span))).toEqual({});
  });

  test('§1 a setter that throws', () => {
    const setter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => gcp.inject(withSpan(), {}, setter)).not.toThrow();
  });

  test('§1 fields() is exactly what inject writes', () => {
    expect(gcp.fields()).toEqual([H]);
    expect(Object.keys(inject(gcp, withSpan()))).toEqual(gcp.fields());
  });
});

describe('CloudTraceOneWayPropagator inject', () => {
  test('§12 oneway-gcp "reads it and writes nothing of its own"', () => {
    expect(inject(oneway, withSpan())).toEqual({});
    expect(oneway.fields()).toEqual([]);
  });
});

test('toString() names the format (describePropagator)', () => {
  expect(String(gcp)).toBe('CloudTrace');
  expect(String(oneway)).toBe('CloudTrace(one-way)');
});
