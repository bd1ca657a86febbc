/**
 * traceparent conformance (REQUIREMENTS §2, W3C-TC Level 2 §traceparent Header). Table-driven:
 * every row quotes the rule it checks; the invalid rows are the forms of the W3C test suite.
 */
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { SPAN_ID, TRACE_ID, extractSpan, getter, setter, spanCtx, tc } from './helpers';

const T = TRACE_ID;
const S = SPAN_ID;

describe('extract: valid traceparent values', () => {
  const valid: [rule: string, value: string, flags: number][] = [
    ['"00-{32 lc hex}-{16 lc hex}-{2 lc hex}"', `00-${T}-${S}-01`, 1],
    ['flags 00: not sampled', `00-${T}-${S}-00`, 0],
    ['"keep sampled (0x01) and random (0x02)"', `00-${T}-${S}-03`, 3],
    ['random alone (0x02)', `00-${T}-${S}-02`, 2],
    ['"reserved bits cleared": 0xff keeps only sampled + random', `00-${T}-${S}-ff`, 3],
    ['reserved bit 0x10 alone is cleared', `00-${T}-${S}-10`, 0],
    ['"Versions above 00: parse the fixed positions" (cc)', `cc-${T}-${S}-01`, 1],
    [
      '"require - or end after the flags" (cc + future fields)',
      `cc-${T}-${S}-01-what-the-future-will-be-like`,
      1,
    ],
    ['version fe is the highest valid', `fe-${T}-${S}-01`, 1],
    ['"One leading/trailing space or tab is tolerated": leading space', ` 00-${T}-${S}-01`, 1],
    ['leading tab', `\t00-${T}-${S}-01`, 1],
    ['trailing space', `00-${T}-${S}-01 `, 1],
    ['trailing tab', `00-${T}-${S}-01\t`, 1],
    ['OWS both sides, as the W3C suite sends it ("\\t 00-…-01 \\t")', `\t 00-${T}-${S}-01 \t`, 1],
    [
      'Decision "longer than this (512), OWS included, is rejected": exactly 512 is read',
      `cc-${T}-${S}-01-${'a'.repeat(512 - 56)}`,
      1,
    ],
  ];
  it.each(valid)('%s', (_rule, value, flags) => {
    const sc = extractSpan({ traceparent: value });
    expect(sc).toEqual({ traceId: T, spanId: S, traceFlags: flags, isRemote: true });
  });
});

describe('extract: invalid traceparent values restart the trace', () => {
  const invalid: [rule: string, value: string][] = [
    ['"version 00 followed by anything": trailing "."', `00-${T}-${S}-01.`],
    [
      '"version 00 followed by anything": future fields',
      `00-${T}-${S}-01-what-the-future-will-be-like`,
    ],
    ['"version ff" is invalid', `ff-${T}-${S}-01`],
    ['version illegal char ".0"', `.0-${T}-${S}-01`],
    ['version illegal char "0."', `0.-${T}-${S}-01`],
    ['version too long (000)', `000-${T}-${S}-01`],
    ['version too long (0000)', `0000-${T}-${S}-01`],
    ['version too short (0)', `0-${T}-${S}-01`],
    ['"reject uppercase": version', `CC-${T}-${S}-01`],
    ['"all-zero ids": trace id', `00-${'0'.repeat(32)}-${S}-01`],
    ['"all-zero ids": span id', `00-${T}-${'0'.repeat(16)}-01`],
    ['trace id illegal char first', `00-.2345678901234567890123456789012-${S}-01`],
    ['trace id illegal char last', `00-1234567890123456789012345678901.-${S}-01`],
    ['"wrong lengths": trace id 33', `00-${T}3-${S}-01`],
    ['"wrong lengths": trace id 31', `00-${T.slice(1)}-${S}-01`],
    ['"reject uppercase": trace id hex letters', `00-ABCDEF78901234567890123456789012-${S}-01`],
    ['span id illegal char first', `00-${T}-.234567890123456-01`],
    ['span id illegal char last', `00-${T}-123456789012345.-01`],
    ['"wrong lengths": span id 17', `00-${T}-${S}7-01`],
    ['"wrong lengths": span id 15', `00-${T}-${S.slice(1)}-01`],
    ['"reject uppercase": span id', `00-${T}-ABCDEF7890123456-01`],
    ['flags illegal char ".0"', `00-${T}-${S}-.0`],
    ['flags illegal char "0."', `00-${T}-${S}-0.`],
    ['"reject uppercase": flags', `00-${T}-${S}-0A`],
    ['"wrong lengths": flags 001', `00-${T}-${S}-001`],
    ['"wrong lengths": flags 1', `00-${T}-${S}-1`],
    [
      'future version: flags followed by "." instead of "-"',
      `cc-${T}-${S}-01.what-the-future-will-be-like`,
    ],
    ['future version: shorter than 55', `cc-${T}-${S}-0`],
    ['wrong separator', `00_${T}-${S}-01`],
    ['OWS inside the value', `00- ${T}-${S}-01`],
    ['a newline is not OWS', `\n00-${T}-${S}-01`],
    ['empty', ''],
    ['only whitespace', ' \t '],
    ['non-ASCII look-alike digit (fullwidth 1)', `00-${T.slice(0, 31)}\uff11-${S}-01`],
    ['"Two traceparent values" as Node joins them', `00-${T}-${S}-01, 00-${T}-${S}-01`],
    ['"Two traceparent values" of a future version, joined', `cc-${T}-${S}-01, cc-${T}-${S}-01`],
    ['longer than the 512-char cap', `cc-${T}-${S}-01-${'a'.repeat(600)}`],
    ['513 chars: one past the cap', `cc-${T}-${S}-01-${'a'.repeat(513 - 56)}`],
    [
      '513 chars with the extra one OWS: "OWS included"',
      `cc-${T}-${S}-01-${'a'.repeat(512 - 56)} `,
    ],
  ];
  it.each(invalid)('%s', (_rule, value) => {
    expect(extractSpan({ traceparent: value })).toBeUndefined();
  });

  it('"Two traceparent values (an array of two) → invalid"', () => {
    expect(extractSpan({ traceparent: [`00-${T}-${S}-01`, `00-${T}-${S}-01`] })).toBeUndefined();
  });

  it('an array of one value is that value', () => {
    expect(extractSpan({ traceparent: [`00-${T}-${S}-01`] })?.traceId).toBe(T);
  });

  it('"Extract of a malformed value never replaces a valid SpanContext already in the context"', () => {
    const existing = spanCtx({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) });
    const out = tc.extract(existing, { traceparent: `ff-${T}-${S}-01` }, getter);
    expect(out).toBe(existing);
  });

  it('"returns the input context unchanged when nothing valid is found"', () => {
    expect(tc.extract(ROOT_CONTEXT, { traceparent: 'nope' }, getter)).toBe(ROOT_CONTEXT);
    expect(tc.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  });
});

describe('inject: traceparent', () => {
  const cases: [rule: string, flags: number, expected: string][] = [
    ['"inject exactly two lowercase hex digits": sampled', 1, '01'],
    ['not sampled', 0, '00'],
    ['"keep ... random (0x02)"', 2, '02'],
    ['sampled + random', 3, '03'],
    ['"reserved bits cleared" (0x10: core writes "-010")', 0x10, '00'],
    ['"reserved bits cleared" (0x11)', 0x11, '01'],
    ['"reserved bits cleared" (0xff)', 0xff, '03'],
  ];
  it.each(cases)('%s', (_rule, flags, expected) => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx({ traceFlags: flags }), out, setter);
    expect(out.traceparent).toBe(`00-${T}-${S}-${expected}`);
  });

  it('"re-emit as 00" a context extracted from a future version', () => {
    const out: Record<string, string> = {};
    const ctx = tc.extract(ROOT_CONTEXT, { traceparent: `cc-${T}-${S}-01-future` }, getter);
    tc.inject(ctx, out, setter);
    expect(out.traceparent).toBe(`00-${T}-${S}-01`);
  });

  it('ids set by code in uppercase are sent lowercase (a W3C parser rejects uppercase)', () => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx({ traceId: 'ABCDEF' + T.slice(6), spanId: 'ABCDEF7890123456' }), out, setter);
    expect(out.traceparent).toBe(`00-abcdef${T.slice(6)}-abcdef7890123456-01`);
  });

  const noInject: [rule: string, fields: Record<string, unknown>][] = [
    [
      '"Inject with no valid span context writes no trace headers": zero trace id',
      { traceId: '0'.repeat(32) },
    ],
    ['zero span id', { spanId: '0'.repeat(16) }],
    ['short trace id', { traceId: 'abc' }],
    ['non-hex span id', { spanId: 'zzzzzzzzzzzzzzzz' }],
    ['trace id not a string', { traceId: 42 }],
  ];
  it.each(noInject)('%s', (_rule, fields) => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx(fields as never), out, setter);
    expect(out).toEqual({});
  });

  it('no span in the context: nothing', () => {
    const out: Record<string, string> = {};
    tc.inject(ROOT_CONTEXT, out, setter);
    expect(out).toEqual({});
  });

  it('inject∘extract keeps trace id, span id and flags', () => {
    const out: Record<string, string> = {};
    tc.inject(
      trace.setSpanContext(ROOT_CONTEXT, extractSpan({ traceparent: `00-${T}-${S}-03` })!),
      out,
      setter,
    );
    expect(out.traceparent).toBe(`00-${T}-${S}-03`);
  });
});
