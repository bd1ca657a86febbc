/**
 * Interop with the official @opentelemetry/propagator-jaeger 2.x on valid input, both ways
 * (the issue: "same headers as the official package for valid input"), and one test per
 * documented difference on invalid input (README "Differences from the official package").
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
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { baggageOf, spanContextOf, withBaggage, withSpan, SPAN_ID, TRACE_ID } from './helpers';

const baton = new JaegerPropagator();
const official = new OfficialJaeger();

function headersFrom(p: TextMapPropagator, ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  return out;
}
const read = (p: TextMapPropagator, c: Record<string, string>) =>
  p.extract(ROOT_CONTEXT, c, defaultTextMapGetter);

describe('Baton inject → official extract', () => {
  test.each([
    ['sampled', TraceFlags.SAMPLED],
    ['not sampled', TraceFlags.NONE],
  ])('%s span context and baggage', (_name, flags) => {
    const ctx = withBaggage({ user: 'alice', path: '/a b' }, withSpan(TRACE_ID, SPAN_ID, flags));
    const back = read(official, headersFrom(baton, ctx));
    expect(spanContextOf(back)).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: flags,
      isRemote: true,
    });
    expect(baggageOf(back)).toEqual({ user: 'alice', path: '/a b' });
  });

  test('custom headers, both sides configured alike', () => {
    const cfg = { customTraceHeader: 'x-trace', customBaggageHeaderPrefix: 'x-bag' };
    const headers = headersFrom(new JaegerPropagator(cfg), withBaggage({ a: '1' }, withSpan()));
    expect(headers).toEqual({ 'x-trace': `${TRACE_ID}:${SPAN_ID}:0:01`, 'x-bag-a': '1' });
    const back = read(new OfficialJaeger(cfg), headers);
    expect(spanContextOf(back)?.traceId).toBe(TRACE_ID);
    expect(baggageOf(back)).toEqual({ a: '1' });
  });
});

// README: "same headers for valid input" — byte for byte, flags as two digits (`:0:01`).
describe('drop-in: the same headers as the official package for valid input', () => {
  test.each([
    ['sampled', TraceFlags.SAMPLED],
    ['not sampled', TraceFlags.NONE],
  ])('%s span context and baggage', (_name, flags) => {
    const ctx = withBaggage({ user: 'alice', path: '/a b' }, withSpan(TRACE_ID, SPAN_ID, flags));
    expect(headersFrom(baton, ctx)).toEqual(headersFrom(official, ctx));
  });

  test('custom header names', () => {
    const cfg = { customTraceHeader: 'x-trace', customBaggageHeaderPrefix: 'x-bag' };
    const ctx = withBaggage({ a: '1' }, withSpan());
    expect(headersFrom(new JaegerPropagator(cfg), ctx)).toEqual(
      headersFrom(new OfficialJaeger(cfg), ctx),
    );
  });
});

describe('official inject → Baton extract', () => {
  test.each([
    ['sampled', TraceFlags.SAMPLED],
    ['not sampled', TraceFlags.NONE],
  ])('%s span context and baggage', (_name, flags) => {
    const ctx = withBaggage(
      { user: 'alice', path: '/a b', utf: 'José' },
      withSpan(TRACE_ID, SPAN_ID, flags),
    );
    const headers = headersFrom(official, ctx);
    const back = read(baton, headers);
    expect(spanContextOf(back)).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: flags,
      isRemote: true,
    });
    expect(baggageOf(back)).toEqual({ user: 'alice', path: '/a b', utf: 'José' });
  });
});

test('on valid input both packages extract the same, and the same trace header is written', () => {
  const id = (len: number) =>
    fc
      .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
      .map((n) => n.toString(16).padStart(len, '0'));
  const key = fc.string({
    unit: fc.constantFrom(...'abcz09-_'.split('')),
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(
      id(32),
      id(16),
      fc.boolean(),
      fc.dictionary(key, fc.string({ maxLength: 10 }), { maxKeys: 4 }),
      (t, s, sampled, bag) => {
        const ctx = withBaggage(
          bag,
          withSpan(t, s, sampled ? TraceFlags.SAMPLED : TraceFlags.NONE),
        );
        const ours = headersFrom(baton, ctx);
        const theirs = headersFrom(official, ctx);
        // README: "same headers for valid input" — the very same names and values, the trace
        // header's flags written as two digits by both.
        expect(ours).toEqual(theirs);
        expect(ours['uber-trace-id']).toBe(`${t}:${s}:0:${sampled ? '01' : '00'}`);
        for (const c of [ours, theirs]) {
          expect(spanContextOf(read(baton, c))).toEqual(spanContextOf(read(official, c)));
          expect(baggageOf(read(baton, c))).toEqual(baggageOf(read(official, c)));
        }
      },
    ),
    { numRuns: 2_000 },
  );
});

describe('documented differences (invalid input and edge cases)', () => {
  test('garbage ids: the official package stores them, Baton rejects the header', () => {
    const c = { 'uber-trace-id': 'not-hex:xyz:0:1' };
    expect(spanContextOf(read(official, c))?.traceId).toBe('not-hex'.padStart(32, '0'));
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test('unreadable flags: the official package treats them as sampled, Baton rejects the header', () => {
    const c = { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:zz` };
    expect(spanContextOf(read(official, c))?.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test('W3C random bit: the official package writes flags 03 (Jaeger debug), Baton writes 01', () => {
    const ctx = withSpan(TRACE_ID, SPAN_ID, 0x03);
    expect(headersFrom(official, ctx)['uber-trace-id']).toBe(`${TRACE_ID}:${SPAN_ID}:0:03`);
    expect(headersFrom(baton, ctx)['uber-trace-id']).toBe(`${TRACE_ID}:${SPAN_ID}:0:01`);
  });

  test('form-encoded baggage: "+" is a space for Baton, a literal "+" for the official package', () => {
    const c = { 'uberctx-q': 'a+b' };
    expect(baggageOf(read(official, c))).toEqual({ q: 'a+b' });
    expect(baggageOf(read(baton, c))).toEqual({ q: 'a b' });
  });

  test('an undecodable baggage value: the official package drops it, Baton keeps it raw', () => {
    const c = { 'uberctx-p': '100%' };
    expect(baggageOf(read(official, c))).toEqual({});
    expect(baggageOf(read(baton, c))).toEqual({ p: '100%' });
  });

  test('jaeger-baggage: read by Baton only', () => {
    const c = { 'jaeger-baggage': 'k=v' };
    expect(read(official, c)).toBe(ROOT_CONTEXT);
    expect(baggageOf(read(baton, c))).toEqual({ k: 'v' });
  });

  test('baggage keys that are not header tokens: the official package writes them, Baton skips them', () => {
    const ctx = withBaggage({ 'a b': '1' });
    expect(headersFrom(official, ctx)).toEqual({ 'uberctx-a b': '1' });
    expect(headersFrom(baton, ctx)).toEqual({});
  });

  test('debug (flags 3) survives a Baton hop; the official package drops it', () => {
    const c = { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:3` };
    expect(headersFrom(official, read(official, c))['uber-trace-id']).toBe(
      `${TRACE_ID}:${SPAN_ID}:0:01`,
    );
    expect(headersFrom(baton, read(baton, c))['uber-trace-id']).toBe(`${TRACE_ID}:${SPAN_ID}:0:03`);
  });

  test('Baton merges into existing baggage like the official package', () => {
    const before = withBaggage({ keep: 'yes' });
    const c = { 'uberctx-a': '1' };
    expect(baggageOf(official.extract(before, c, defaultTextMapGetter))).toEqual({
      keep: 'yes',
      a: '1',
    });
    expect(baggageOf(baton.extract(before, c, defaultTextMapGetter))).toEqual({
      keep: 'yes',
      a: '1',
    });
  });

  test('fields() is the trace header only, as the official package', () => {
    expect(baton.fields()).toEqual(official.fields());
  });
});
