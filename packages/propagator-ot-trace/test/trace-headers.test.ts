/**
 * Conformance of the `ot-tracer-*` headers, extract and inject: each row quotes the line of
 * REQUIREMENTS §12 / §1 (or the decision in the README) it checks. Expected values are written by
 * hand from the rule, not captured from the code.
 */
import { ROOT_CONTEXT, trace, TraceFlags, type Span } from '@opentelemetry/api';
import { suppressTracing, TraceState } from '@opentelemetry/core';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import {
  extract,
  inject,
  spanContextOf,
  SPAN_ID,
  TRACE_ID,
  TRACE_ID_64,
  withBaggage,
  withSpan,
} from './helpers';

const p = new OTTracePropagator();
const T = TRACE_ID;
const S = SPAN_ID;

describe('extract: valid', () => {
  test.each<[string, Record<string, unknown>, string, string, number]>([
    [
      '§12 ot-tracer-traceid (32 hex), ot-tracer-spanid, ot-tracer-sampled: true',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'true' },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      '§12 ot-tracer-sampled: false',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'false' },
      T,
      S,
      TraceFlags.NONE,
    ],
    [
      '§12 ot-tracer-traceid (16 hex) — left-padded to 32',
      { 'ot-tracer-traceid': TRACE_ID_64, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'true' },
      '0000000000000000' + TRACE_ID_64,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      'issue 19: ot-tracer-sampled 1 / 0 "as other OT tracers send" — 1',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': '1' },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      'issue 19: ot-tracer-sampled 1 / 0 — 0',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': '0' },
      T,
      S,
      TraceFlags.NONE,
    ],
    [
      'decision: true / false in any ASCII case (TRUE)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'TRUE' },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      'decision: true / false in any ASCII case (False)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'False' },
      T,
      S,
      TraceFlags.NONE,
    ],
    [
      'decision: ot-tracer-sampled absent → not sampled (as the official package)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S },
      T,
      S,
      TraceFlags.NONE,
    ],
    [
      '§1 header names case-insensitive (Kafka/AMQP keep case)',
      { 'OT-Tracer-TraceId': T, 'Ot-Tracer-Spanid': S, 'OT-TRACER-SAMPLED': 'true' },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      '§1 arrays: use the first value',
      { 'ot-tracer-traceid': [T, 'x'], 'ot-tracer-spanid': [S], 'ot-tracer-sampled': ['true'] },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
    [
      '§1 Buffers (Kafka headers) read as latin1',
      {
        'ot-tracer-traceid': Buffer.from(T),
        'ot-tracer-spanid': Buffer.from(S),
        'ot-tracer-sampled': Buffer.from('true'),
      },
      T,
      S,
      TraceFlags.SAMPLED,
    ],
  ])('%s', (_rule, carrier, traceId, spanId, traceFlags) => {
    expect(spanContextOf(extract(p, carrier))).toEqual({
      traceId,
      spanId,
      traceFlags,
      isRemote: true,
    });
  });

  test('§1 the lowercase name wins over a differently-cased duplicate', () => {
    const ctx = extract(p, {
      'OT-Tracer-SpanId': '1111111111111111',
      'ot-tracer-traceid': T,
      'ot-tracer-spanid': S,
    });
    expect(spanContextOf(ctx)?.spanId).toBe(S);
  });
});

describe('extract: invalid → the input context itself', () => {
  test.each<[string, Record<string, unknown>]>([
    ['§1 nothing present', {}],
    ['§12 trace id without span id', { 'ot-tracer-traceid': T }],
    ['§12 span id without trace id', { 'ot-tracer-spanid': S }],
    [
      '§1 ids are lowercase hex: uppercase trace id',
      { 'ot-tracer-traceid': T.toUpperCase(), 'ot-tracer-spanid': S },
    ],
    [
      '§1 ids are lowercase hex: uppercase span id',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': 'ABCDEF0123456789' },
    ],
    [
      '§12 trace id 16 or 32 hex: 15',
      { 'ot-tracer-traceid': T.slice(0, 15), 'ot-tracer-spanid': S },
    ],
    [
      '§12 trace id 16 or 32 hex: 17',
      { 'ot-tracer-traceid': T.slice(0, 17), 'ot-tracer-spanid': S },
    ],
    ['§12 trace id 16 or 32 hex: 31', { 'ot-tracer-traceid': T.slice(1), 'ot-tracer-spanid': S }],
    ['§12 trace id 16 or 32 hex: 33', { 'ot-tracer-traceid': T + '0', 'ot-tracer-spanid': S }],
    ['§12 span id 16 hex: 15', { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S.slice(1) }],
    ['§12 span id 16 hex: 32', { 'ot-tracer-traceid': T, 'ot-tracer-spanid': T }],
    ['§1 not all zero: trace id', { 'ot-tracer-traceid': '0'.repeat(32), 'ot-tracer-spanid': S }],
    [
      '§1 not all zero: 16-char trace id',
      { 'ot-tracer-traceid': '0'.repeat(16), 'ot-tracer-spanid': S },
    ],
    ['§1 not all zero: span id', { 'ot-tracer-traceid': T, 'ot-tracer-spanid': '0'.repeat(16) }],
    ['§1 non-hex', { 'ot-tracer-traceid': 'g'.repeat(32), 'ot-tracer-spanid': S }],
    [
      '§1 surrounding space is not hex',
      { 'ot-tracer-traceid': ` ${T.slice(1)}`, 'ot-tracer-spanid': S },
    ],
    [
      'decision: an unknown ot-tracer-sampled value invalidates the context (yes)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'yes' },
    ],
    [
      'decision: an unknown ot-tracer-sampled value invalidates the context (empty)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': '' },
    ],
    [
      'decision: an unknown ot-tracer-sampled value invalidates the context (truee)',
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'truee' },
    ],
    ['§1 non-string values', { 'ot-tracer-traceid': 42, 'ot-tracer-spanid': {} }],
    ['decision: baggage travels with a valid trace context only', { 'ot-baggage-user': 'alice' }],
    [
      'decision: baggage travels with a valid trace context only (invalid ids)',
      { 'ot-tracer-traceid': 'x', 'ot-tracer-spanid': S, 'ot-baggage-user': 'alice' },
    ],
  ])('%s', (_rule, carrier) => {
    expect(extract(p, carrier)).toBe(ROOT_CONTEXT);
  });

  test('§1 a malformed value never replaces a valid SpanContext already in the context', () => {
    const before = withSpan('11111111111111111111111111111111', '2222222222222222');
    expect(extract(p, { 'ot-tracer-traceid': 'bad', 'ot-tracer-spanid': S }, before)).toBe(before);
  });

  test('issue 19: the tracestate of an identical span context is kept', () => {
    const traceState = new TraceState('vendor=1');
    const stateful = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: T,
      spanId: S,
      traceFlags: 1,
      isRemote: true,
      traceState,
    });
    const same = extract(p, { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S }, stateful);
    expect(spanContextOf(same)?.traceState).toBe(traceState);
    // A different span: its own context, no tracestate borrowed.
    const other = extract(
      p,
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': '1111111111111111' },
      stateful,
    );
    expect(spanContextOf(other)?.spanId).toBe('1111111111111111');
    expect(spanContextOf(other)?.traceState).toBeUndefined();
  });
});

describe('inject', () => {
  test.each<[string, number, Record<string, string>]>([
    [
      'issue 19: inject writes the 32-hex trace id; sampled → true',
      TraceFlags.SAMPLED,
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'true' },
    ],
    [
      'not sampled → false',
      TraceFlags.NONE,
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'false' },
    ],
    [
      'only the sampled bit counts (W3C random bit 0x02 is not "sampled")',
      0x02,
      { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'false' },
    ],
  ])('%s', (_rule, flags, expected) => {
    expect(inject(p, withSpan(T, S, flags))).toEqual(expected);
  });

  test('a 64-bit trace id is written as 32 chars by default', () => {
    expect(inject(p, withSpan('0'.repeat(16) + TRACE_ID_64))['ot-tracer-traceid']).toBe(
      '0'.repeat(16) + TRACE_ID_64,
    );
  });

  test('emit64BitTraceIds: a 64-bit trace id as its 16 chars, a 128-bit one whole', () => {
    const p64 = new OTTracePropagator({ emit64BitTraceIds: true });
    expect(inject(p64, withSpan('0'.repeat(16) + TRACE_ID_64))['ot-tracer-traceid']).toBe(
      TRACE_ID_64,
    );
    expect(inject(p64, withSpan(T))['ot-tracer-traceid']).toBe(T);
  });

  test.each<[string, string, string]>([
    ['§1 no valid span context, no trace headers: all-zero trace id', '0'.repeat(32), S],
    ['§1 … uppercase trace id', T.toUpperCase(), S],
    ['§1 … short span id', T, 'abc'],
    ['§1 … all-zero span id', T, '0'.repeat(16)],
  ])('%s', (_rule, traceId, spanId) => {
    expect(inject(p, withBaggage({ a: '1' }, withSpan(traceId, spanId)))).toEqual({});
  });

  test('§1 no span context: nothing, baggage included (decision: baggage only with a trace)', () => {
    expect(inject(p, withBaggage({ a: '1' }))).toEqual({});
  });

  test('§1 suppressTracing: nothing injected, baggage included', () => {
    expect(inject(p, suppressTracing(withBaggage({ a: '1' }, withSpan())))).toEqual({});
  });

  test('§1 a span whose spanContext() throws: inject does not throw, writes nothing', () => {
    const span = {
      spanContext() {
        throw new Error('boom');
      },
    } as unknown as Span;
    expect(inject(p, trace.setSpan(ROOT_CONTEXT, span))).toEqual({});
  });

  test('§1 fields() returns exactly the fixed keys inject can write, lowercase', () => {
    expect(p.fields()).toEqual(['ot-tracer-traceid', 'ot-tracer-spanid', 'ot-tracer-sampled']);
    const written = Object.keys(inject(p, withSpan()));
    expect(written.sort()).toEqual([...p.fields()].sort());
  });
});
