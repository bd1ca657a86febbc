/**
 * Interop with the official @opentelemetry/propagator-ot-trace 0.29 on valid input, both ways
 * (issue 19: "Interop both ways with the official packages on valid input"), and one test per
 * documented difference (README "What differs from the official package").
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  TraceFlags,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { OTTracePropagator as OfficialOT } from '@opentelemetry/propagator-ot-trace';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import {
  baggageOf,
  spanContextOf,
  withBaggage,
  withSpan,
  SPAN_ID,
  TRACE_ID,
  TRACE_ID_64,
} from './helpers';

const baton = new OTTracePropagator();
const official = new OfficialOT();

function headersFrom(p: TextMapPropagator, ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  return out;
}
const read = (p: TextMapPropagator, c: Record<string, unknown>) =>
  p.extract(ROOT_CONTEXT, c, defaultTextMapGetter);

const id = (len: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
    .map((n) => n.toString(16).padStart(len, '0'));
const key = fc.string({
  unit: fc.constantFrom(...'abcz09-_'.split('')),
  minLength: 1,
  maxLength: 8,
});
const safeValue = fc
  .string({ unit: fc.constantFrom(...'abz09 %+/=,;'.split('')), maxLength: 10 })
  .map((v) => v.trim());

describe('on valid input both packages read the same, whoever wrote the headers', () => {
  test.each([
    ['Baton → official', baton],
    ['official → Baton', official],
  ])('%s: span context and baggage, 2,000 generated contexts', (_name, writer) => {
    fc.assert(
      fc.property(
        // 64-bit trace ids (what OT tracers make) and 128-bit ones (OpenTelemetry's).
        fc.oneof(
          id(32),
          id(16).map((t) => t.padStart(32, '0')),
        ),
        id(16),
        fc.boolean(),
        fc.dictionary(key, safeValue, { maxKeys: 4 }),
        (t, s, sampled, bag) => {
          const ctx = withBaggage(
            bag,
            withSpan(t, s, sampled ? TraceFlags.SAMPLED : TraceFlags.NONE),
          );
          const headers = headersFrom(writer, ctx);
          const ours = read(baton, headers);
          const theirs = read(official, headers);
          expect(spanContextOf(ours)).toEqual(spanContextOf(theirs));
          expect(baggageOf(ours)).toEqual(baggageOf(theirs));
          // What a receiver sees is the sender's context, except the official writer's cut ids.
          expect(spanContextOf(ours)).toEqual({
            traceId: writer === baton ? t : t.slice(16).padStart(32, '0'),
            spanId: s,
            traceFlags: sampled ? 1 : 0,
            isRemote: true,
          });
          expect(baggageOf(ours)).toEqual(Object.keys(bag).length === 0 ? undefined : bag);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  test('the same header names and values, except the trace id width', () => {
    const ctx = withBaggage({ user: 'alice' }, withSpan());
    const ours = headersFrom(baton, ctx);
    const theirs = headersFrom(official, ctx);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect({ ...ours, 'ot-tracer-traceid': '' }).toEqual({ ...theirs, 'ot-tracer-traceid': '' });
    expect(baton.fields()).toEqual(official.fields());
  });

  test('emit64BitTraceIds writes a 64-bit trace id exactly as the official package does', () => {
    const ctx = withSpan('0'.repeat(16) + TRACE_ID_64);
    expect(headersFrom(new OTTracePropagator({ emit64BitTraceIds: true }), ctx)).toEqual(
      headersFrom(official, ctx),
    );
  });
});

describe('documented differences (invalid input and edge cases)', () => {
  test('a 128-bit trace id: the official package writes its low half (another trace), Baton all 32', () => {
    const ctx = withSpan(TRACE_ID);
    expect(headersFrom(official, ctx)['ot-tracer-traceid']).toBe(TRACE_ID.slice(16));
    expect(headersFrom(baton, ctx)['ot-tracer-traceid']).toBe(TRACE_ID);
  });

  test('ot-tracer-sampled: 1 — not sampled for the official package, sampled for Baton', () => {
    const c = {
      'ot-tracer-traceid': TRACE_ID,
      'ot-tracer-spanid': SPAN_ID,
      'ot-tracer-sampled': '1',
    };
    expect(spanContextOf(read(official, c))?.traceFlags).toBe(TraceFlags.NONE);
    expect(spanContextOf(read(baton, c))?.traceFlags).toBe(TraceFlags.SAMPLED);
  });

  test('an unreadable ot-tracer-sampled: official "not sampled", Baton rejects the context', () => {
    const c = {
      'ot-tracer-traceid': TRACE_ID,
      'ot-tracer-spanid': SPAN_ID,
      'ot-tracer-sampled': 'maybe',
    };
    expect(spanContextOf(read(official, c))?.traceId).toBe(TRACE_ID);
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test('uppercase ids: accepted (and kept uppercase) by the official package, rejected by Baton', () => {
    const c = { 'ot-tracer-traceid': TRACE_ID.toUpperCase(), 'ot-tracer-spanid': SPAN_ID };
    expect(spanContextOf(read(official, c))?.traceId).toBe(TRACE_ID.toUpperCase());
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test('ot-baggage-*: the official package keeps every header, Baton stops at 64', () => {
    const c: Record<string, string> = {
      'ot-tracer-traceid': TRACE_ID,
      'ot-tracer-spanid': SPAN_ID,
    };
    for (let i = 0; i < 100; i++) c[`ot-baggage-k${i}`] = 'v';
    expect(Object.keys(baggageOf(read(official, c)) ?? {})).toHaveLength(100);
    expect(Object.keys(baggageOf(read(baton, c)) ?? {})).toHaveLength(64);
  });

  test('header names in another case: missed by the official package, read by Baton', () => {
    const c = { 'OT-Tracer-TraceId': TRACE_ID, 'OT-Tracer-SpanId': SPAN_ID };
    expect(read(official, c)).toBe(ROOT_CONTEXT);
    expect(spanContextOf(read(baton, c))?.traceId).toBe(TRACE_ID);
  });

  test('a getter that throws: the official extract throws, Baton returns the context', () => {
    const getter = {
      get: () => {
        throw new Error('get');
      },
      keys: () => [],
    };
    expect(() => official.extract(ROOT_CONTEXT, {}, getter)).toThrow('get');
    expect(baton.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  });

  test('a non-ASCII baggage value: the official package sends latin1 bytes, Baton drops the item', () => {
    const ctx = withBaggage({ name: 'José' }, withSpan());
    expect(headersFrom(official, ctx)['ot-baggage-name']).toBe('José');
    expect(headersFrom(baton, ctx)['ot-baggage-name']).toBeUndefined();
  });
});
