/**
 * Conformance of `uber-trace-id` extract and inject: each table row quotes the line of
 * REQUIREMENTS §5 / §1 (or the Jaeger docs) it checks. Expected values are written by hand from
 * the rule, not captured from the code.
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Baggage,
  type Span,
} from '@opentelemetry/api';
import { suppressTracing, TraceState } from '@opentelemetry/core';
import { isDebugTrace, setDebugTrace } from '@baton/internal';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { extract, inject, spanContextOf, SPAN_ID, TRACE_ID, withSpan } from './helpers';

const p = new JaegerPropagator();

interface Valid {
  rule: string;
  header: string;
  traceId: string;
  spanId: string;
  sampled: boolean;
  debug: boolean;
}

const T = TRACE_ID;
const S = SPAN_ID;

const valid: Valid[] = [
  {
    rule: 'JAEGER: {trace-id}:{span-id}:{parent-span-id}:{flags}',
    header: `${T}:${S}:0:1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 flags: one or two hex digits',
    header: `${T}:${S}:0:01`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 flags: 0x01 sampled (0 → not sampled)',
    header: `${T}:${S}:0:0`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
  {
    rule: '§5 flags: 0x02 debug (kept only with sampled)',
    header: `${T}:${S}:0:3`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: true,
  },
  {
    rule: '§5 flags: 0x02 debug (kept only with sampled) — debug alone is dropped',
    header: `${T}:${S}:0:2`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
  {
    rule: '§5 flags: 0x08 firehose ignored',
    header: `${T}:${S}:0:9`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 flags: 0x08 firehose ignored (two digits, debug+sampled+firehose)',
    header: `${T}:${S}:0:0b`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: true,
  },
  {
    rule: '§5 flags read as hex (0x10 has no sampled bit)',
    header: `${T}:${S}:0:10`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
  {
    rule: '§5 flags read as hex (0x11 is sampled)',
    header: `${T}:${S}:0:11`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 flags read as hex (ff)',
    header: `${T}:${S}:0:ff`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: true,
  },
  {
    rule: '§5 Left-pad trace ids shorter than 32 (64-bit trace id)',
    header: `a3ce929d0e0e4736:${S}:0:1`,
    traceId: '0000000000000000a3ce929d0e0e4736',
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 Left-pad trace ids shorter than 32 (leading zeros stripped)',
    header: `1:2:0:1`,
    traceId: '00000000000000000000000000000001',
    spanId: '0000000000000002',
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 Left-pad span ids shorter than 16',
    header: `${T}:f067aa0ba902b7:0:1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 Left-pad trace ids shorter than 32 (17 digits)',
    header: `1a3ce929d0e0e4736:${S}:0:1`,
    traceId: '0000000000000001a3ce929d0e0e4736',
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 the whole value may be URL-encoded (%3A) — decode first',
    header: `${T}%3A${S}%3A0%3A1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 the whole value may be URL-encoded (lowercase %3a)',
    header: `${T}%3a${S}%3a0%3a1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 the whole value may be URL-encoded (mixed)',
    header: `${T}:${S}%3A0:1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 decode first: full-width ids with only the last colon encoded',
    header: `${T}:${S}:0%3A1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 decode first: full-width ids with an encoded parent digit',
    header: `${T}:${S}:%30:3`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: true,
  },
  {
    rule: '§5 The parent field is ignored (a real parent id)',
    header: `${T}:${S}:53995c3f42cd8ad8:1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: '§5 The parent field is ignored (parent equal to span)',
    header: `${T}:${S}:${S}:0`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
];

describe('extract: valid uber-trace-id', () => {
  test.each(valid)('$rule: $header', ({ header, traceId, spanId, sampled, debug }) => {
    const ctx = extract(p, { 'uber-trace-id': header });
    expect(spanContextOf(ctx)).toEqual({
      traceId,
      spanId,
      isRemote: true,
      traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    });
    expect(isDebugTrace(ctx, traceId)).toBe(debug);
  });
});

const invalid: Array<[string, string]> = [
  ['§5 reject longer (trace id of 33)', `0${T}:${S}:0:1`],
  ['§5 reject longer (span id of 17)', `${T}:0${S}:0:1`],
  ['§5 reject longer (parent of 17)', `${T}:${S}:0${S}:1`],
  ['§5 reject non-hex (trace)', `${T.slice(0, 31)}g:${S}:0:1`],
  ['§5 reject non-hex (span)', `${T}:${S.slice(0, 15)}x:0:1`],
  ['§5 reject non-hex (parent)', `${T}:${S}:zz:1`],
  ['§5 reject flags that decode to a space', `${T}:${S}:0:1%20`],
  ['§5 reject a fifth field after full-width ids', `${T}:${S}:0:1:1`],
  ['§5 reject a fifth field, encoded, after full-width ids', `${T}:${S}:0:1%3A1`],
  ['§5 reject an empty parent after full-width ids', `${T}:${S}::1`],
  ['§5 reject three flag digits after full-width ids', `${T}:${S}:0:001`],
  ['§5 reject uppercase (trace)', `${T.toUpperCase()}:${S}:0:1`],
  ['§5 reject uppercase (span)', `${T}:00F067AA0BA902B7:0:1`],
  ['§5 reject uppercase (flags)', `${T}:${S}:0:0B`],
  ['§5 reject empty fields (trace)', `:${S}:0:1`],
  ['§5 reject empty fields (span)', `${T}::0:1`],
  ['§5 reject empty fields (parent)', `${T}:${S}::1`],
  ['§5 reject empty fields (flags)', `${T}:${S}:0:`],
  ['§5 reject all-zero ids (trace)', `00000000000000000000000000000000:${S}:0:1`],
  ['§5 reject all-zero ids (short trace)', `0:${S}:0:1`],
  ['§5 reject all-zero ids (span)', `${T}:0000000000000000:0:1`],
  ['§5 reject not exactly four fields (three)', `${T}:${S}:1`],
  ['§5 reject not exactly four fields (five)', `${T}:${S}:0:1:1`],
  ['§5 reject not exactly four fields (trailing colon)', `${T}:${S}:0:1:`],
  ['§5 reject not exactly four fields (one)', T],
  ['§5 unparsable flags → header invalid (never "sampled")', `${T}:${S}:0:x`],
  ['§5 unparsable flags → header invalid (three digits)', `${T}:${S}:0:001`],
  ['§5 unparsable flags → header invalid (decimal-looking "-1")', `${T}:${S}:0:-1`],
  ['§5 unparsable flags → header invalid (space)', `${T}:${S}:0: 1`],
  ['§5 decode first: a bad escape is invalid', `${T}%3G${S}:0:1`],
  ['§5 decode first: a truncated escape is invalid', `${T}:${S}:0:1%`],
  ['§1 values are not trimmed into validity (leading space)', ` ${T}:${S}:0:1`],
  ['§1 the empty value', ''],
  ['§1 a traceparent is not an uber-trace-id', `00-${T}-${S}-01`],
  ['§1 non-ASCII digits', `${T}:${S}:0:\u0661`],
];

describe('extract: invalid uber-trace-id', () => {
  test.each(invalid)('%s: %j', (_rule, header) => {
    const ctx = extract(p, { 'uber-trace-id': header });
    // §1: "returns the input context unchanged when nothing valid is found"
    expect(ctx).toBe(ROOT_CONTEXT);
  });

  test('§1 Extract of a malformed value never replaces a valid SpanContext already in the context', () => {
    const before = withSpan('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331');
    for (const [, header] of invalid) {
      expect(extract(p, { 'uber-trace-id': header }, before)).toBe(before);
    }
  });

  test('§1 caps before work: a 1 MB value is rejected as it is', () => {
    const huge = `${T}:${S}:0:1` + ' '.repeat(1024 * 1024);
    expect(extract(p, { 'uber-trace-id': huge })).toBe(ROOT_CONTEXT);
  });
});

describe('inject: uber-trace-id', () => {
  // §5: "Inject {32}:{16}:0:{1|0|3} — never copy the W3C random bit (0x02) into Jaeger flags."
  // Written as two digits, as the official package writes them (README: drop-in decision).
  test.each([
    ['sampled → 01', TraceFlags.SAMPLED, false, `${T}:${S}:0:01`],
    ['not sampled → 00', TraceFlags.NONE, false, `${T}:${S}:0:00`],
    ['sampled + debug for this trace → 03', TraceFlags.SAMPLED, true, `${T}:${S}:0:03`],
    // §4: debug "belongs to the trace it arrived with, and every span of that trace carries it on
    // inject, sampled locally or not"; Jaeger's debug bit is only meaningful with sampled: 03.
    [
      'a span of the debug trace the local sampler did not sample → 03',
      TraceFlags.NONE,
      true,
      `${T}:${S}:0:03`,
    ],
    ['W3C random bit (0x02) with sampled → 01, never 03', 0x03, false, `${T}:${S}:0:01`],
    ['W3C random bit (0x02) alone → 00, never 02', 0x02, false, `${T}:${S}:0:00`],
    ['reserved W3C bits are not copied', 0xff, false, `${T}:${S}:0:01`],
  ])('%s', (_name, flags, debug, expected) => {
    let ctx = withSpan(T, S, flags);
    if (debug) ctx = setDebugTrace(ctx, T);
    expect(inject(p, ctx)).toEqual({ 'uber-trace-id': expected });
  });

  test('§4/§5 debug never leaks onto a different trace', () => {
    const ctx = setDebugTrace(
      withSpan(T, S, TraceFlags.SAMPLED),
      '0af7651916cd43dd8448eb211c80319c',
    );
    expect(inject(p, ctx)).toEqual({ 'uber-trace-id': `${T}:${S}:0:01` });
  });

  test('extract of flags 3 then inject of a child span of the same trace keeps debug', () => {
    const extracted = extract(p, { 'uber-trace-id': `${T}:${S}:0:03` });
    const child = withSpan(T, '1111111111111111', TraceFlags.SAMPLED, extracted);
    expect(inject(p, child)).toEqual({ 'uber-trace-id': `${T}:1111111111111111:0:03` });
  });

  test.each([
    ['§1 no span context', ROOT_CONTEXT],
    ['§1 invalid span context (all-zero trace id)', withSpan('0'.repeat(32), S)],
    ['§1 invalid span context (all-zero span id)', withSpan(T, '0'.repeat(16))],
    ['§1 invalid span context (uppercase)', withSpan(T.toUpperCase(), S)],
    ['§1 invalid span context (short id)', withSpan('abc', S)],
    ['§1 invalid span context (header injection attempt)', withSpan(`${T}\r\nx: y`, S)],
  ])('%s: "Inject with no valid span context writes no trace headers"', (_name, ctx) => {
    expect(inject(p, ctx)).toEqual({});
  });

  test('the validated-ids memo never lets an invalid id through', () => {
    const fresh = new JaegerPropagator();
    expect(inject(fresh, withSpan('', ''))).toEqual({});
    expect(inject(fresh, withSpan(T, S))).toEqual({ 'uber-trace-id': `${T}:${S}:0:01` });
    // same trace id (a memo hit), invalid span ids
    expect(inject(fresh, withSpan(T, ''))).toEqual({});
    expect(inject(fresh, withSpan(T, 'ZZZZZZZZZZZZZZZZ'))).toEqual({});
    expect(inject(fresh, withSpan(T, '0000000000000000'))).toEqual({});
    // same span id (was valid), invalid trace ids
    expect(inject(fresh, withSpan(T.toUpperCase(), S))).toEqual({});
    expect(inject(fresh, withSpan('0'.repeat(32), S))).toEqual({});
    expect(inject(fresh, withSpan(T, S))).toEqual({ 'uber-trace-id': `${T}:${S}:0:01` });
  });

  test('§1 Honour suppressTracing: nothing injected', () => {
    expect(inject(p, suppressTracing(withSpan()))).toEqual({});
  });

  test('a custom trace header is used for inject and extract', () => {
    const custom = new JaegerPropagator('x-my-trace');
    expect(inject(custom, withSpan())).toEqual({ 'x-my-trace': `${T}:${S}:0:01` });
    expect(spanContextOf(extract(custom, { 'x-my-trace': `${T}:${S}:0:01` }))?.spanId).toBe(S);
    expect(extract(custom, { 'uber-trace-id': `${T}:${S}:0:01` })).toBe(ROOT_CONTEXT);
  });
});

// Found in review. REQUIREMENTS §1: "Extract never throws, for any carrier" and "Inject never throws".
describe('hostile carriers, spans and baggage (review findings)', () => {
  const hostileArray = (): unknown[] => {
    const a: unknown[] = [];
    Object.defineProperty(a, 0, {
      get() {
        throw new Error('boom');
      },
    });
    return a;
  };
  const p = new JaegerPropagator();

  it('extract with throwing array values or keys() elements returns the context unchanged', () => {
    for (const name of ['uber-trace-id', 'uberctx-a', 'jaeger-baggage']) {
      expect(p.extract(ROOT_CONTEXT, { [name]: hostileArray() }, defaultTextMapGetter)).toBe(
        ROOT_CONTEXT,
      );
    }
    const getter = { get: () => undefined, keys: () => hostileArray() as string[] };
    expect(p.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  });

  it('inject with a throwing span or baggage does not throw', () => {
    const span = {
      spanContext: () => {
        throw new Error('boom');
      },
    } as unknown as Span;
    const badBaggage = {
      getAllEntries: () => {
        throw new Error('boom');
      },
    } as unknown as Baggage;
    const carrier: Record<string, string> = {};
    expect(() =>
      p.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter),
    ).not.toThrow();
    expect(() =>
      p.inject(propagation.setBaggage(ROOT_CONTEXT, badBaggage), carrier, defaultTextMapSetter),
    ).not.toThrow();
  });

  it('keeps the tracestate of a span context with the same ids (as B3)', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const S = 'b7ad6b7169203331';
    const ts = new TraceState('rojo=00f067aa0ba902b7');
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: T,
      spanId: S,
      traceFlags: 1,
      isRemote: true,
      traceState: ts,
    });
    const out = p.extract(before, { 'uber-trace-id': `${T}:${S}:0:1` }, defaultTextMapGetter);
    expect(trace.getSpanContext(out)?.traceState).toBe(ts);
    const other = p.extract(before, { 'uber-trace-id': `${T}:1:0:1` }, defaultTextMapGetter);
    expect(trace.getSpanContext(other)?.traceState).toBeUndefined();
  });

  it('R4: "keep that context\'s traceState and flag bits" — the W3C random bit (0x02) of the same ids', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const S = 'b7ad6b7169203331';
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: T,
      spanId: S,
      traceFlags: 0x03,
      isRemote: true,
    });
    const flagsAfter = (header: string) =>
      trace.getSpanContext(p.extract(before, { 'uber-trace-id': header }, defaultTextMapGetter))
        ?.traceFlags;
    expect(flagsAfter(`${T}:${S}:0:1`)).toBe(0x03);
    expect(flagsAfter(`${T}:${S}:0:0`)).toBe(0x02); // Jaeger decides the sampled bit
    expect(flagsAfter(`${T}:1111111111111111:0:1`)).toBe(0x01); // another span: nothing carried
  });
});

// REQUIREMENTS §1: "Work per call is bounded" — the keys() walk looks at the first 1024 keys only,
// like every other Baton scan (found in review: Jaeger's walk had no bound).
it('the keys() walk stops after 1024 keys', () => {
  const p = new JaegerPropagator();
  const carrier: Record<string, string> = {};
  for (let i = 0; i < 1024; i++) carrier[`x-filler-${i}`] = 'v';
  carrier['uberctx-late'] = 'ignored';
  expect(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
  const early: Record<string, string> = { 'uberctx-early': 'kept' };
  for (let i = 0; i < 1024; i++) early[`x-filler-${i}`] = 'v';
  const bag = propagation.getBaggage(p.extract(ROOT_CONTEXT, early, defaultTextMapGetter));
  expect(bag?.getEntry('early')?.value).toBe('kept');
});
