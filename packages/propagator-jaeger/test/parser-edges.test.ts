/**
 * Edges of the `uber-trace-id` parser that mutation testing (issue 20, `npm run mutate -- --package
 * propagator-jaeger`) found unguarded. The parser has two paths — a fast one for full-width ids at
 * fixed positions (`{32}:{16}:…`) and a general one (short ids, percent-encoding) — and each checks
 * every rule of REQUIREMENTS §5 on its own, so each row exercises one rule in the path that the
 * conformance table in trace-header.test.ts does not reach. Expected values are written from the
 * rule, not captured from the code.
 */
import { ROOT_CONTEXT, TraceFlags } from '@opentelemetry/api';
import { isDebugTrace } from '@baton/internal';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { extract, spanContextOf, SPAN_ID, TRACE_ID } from './helpers';

const p = new JaegerPropagator();
const T = TRACE_ID;
const S = SPAN_ID;
const PAD_T1 = '00000000000000000000000000000001';
const PAD_S2 = '0000000000000002';

const FIELDS =
  '§5 "`uber-trace-id: {trace}:{span}:{parent}:{flags}`"; "reject longer, non-hex, uppercase, empty fields, all-zero ids, not exactly four fields"';
const PARENT = '§5 "The parent field is ignored" (it must still be a 64-bit hex number)';
const FLAGS =
  '§5 "Flags: one or two hex digits; 0x01 sampled, 0x02 debug (kept only with sampled), 0x08 firehose ignored; unparsable flags → header invalid (never "sampled")"';
const DECODE = '§5 "the whole value may be URL-encoded (`%3A`) — decode first"';

interface Valid {
  rule: string;
  header: string;
  traceId: string;
  spanId: string;
  sampled: boolean;
  debug: boolean;
}

const valid: Valid[] = [
  // The general path (short ids): a parent of up to 16 hex digits, all-zero or not.
  {
    rule: PARENT,
    header: `1:2:${'f'.repeat(16)}:1`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: true,
    debug: false,
  },
  {
    rule: PARENT,
    header: `1:2:${'0'.repeat(16)}:0`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: false,
    debug: false,
  },
  // The flags of the general path, one and two digits.
  {
    rule: FLAGS,
    header: `1:2:0:2`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: false,
    debug: false,
  },
  {
    rule: FLAGS,
    header: `1:2:0:3`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: true,
    debug: true,
  },
  {
    rule: FLAGS,
    header: `1:2:0:01`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: true,
    debug: false,
  },
  {
    rule: FLAGS,
    header: `1:2:0:0a`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: false,
    debug: false,
  },
  // Full-width ids: a parent of exactly 16 digits, and 0x02 alone, in the fast path.
  {
    rule: PARENT,
    header: `${T}:${S}:${'0'.repeat(16)}:1`,
    traceId: T,
    spanId: S,
    sampled: true,
    debug: false,
  },
  {
    rule: FLAGS,
    header: `${T}:${S}:0:02`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
  {
    rule: FLAGS,
    header: `${T}:${S}:0:f0`,
    traceId: T,
    spanId: S,
    sampled: false,
    debug: false,
  },
  // Decoding, then the same rules (an encoded value always takes the general path).
  {
    rule: DECODE,
    header: `1%3A2%3A0%3A3`,
    traceId: PAD_T1,
    spanId: PAD_S2,
    sampled: true,
    debug: true,
  },
];

describe('uber-trace-id parser edges: valid', () => {
  test.each(valid)('$header — $rule', ({ header, traceId, spanId, sampled, debug }) => {
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
  // A colon at each fixed position of the fast path, and nothing else there.
  [FIELDS, `${T}_${S}:0:1`],
  [FIELDS, `${T}:${S}_0:1`],
  [FIELDS, `${T}:${S}:0_1`],
  // The parent of the fast path: at most 16 lowercase hex digits.
  [PARENT, `${T}:${S}:${'1'.repeat(17)}:1`],
  [PARENT, `${T}:${S}:AB:1`],
  [PARENT, `${T}:${S}:0x1:1`],
  // The general path (short ids): each field on its own.
  [FIELDS, `G:2:0:1`],
  [FIELDS, `A:2:0:1`],
  [FIELDS, `1:G:0:1`],
  [FIELDS, `1:A:0:1`],
  [FIELDS, `1:0:0:1`],
  [FIELDS, `0:2:0:1`],
  [FIELDS, `1:2::1`],
  [FIELDS, `1:2:0:`],
  [FIELDS, `1:2:0`],
  [FIELDS, `1:2`],
  [FIELDS, `1:2:0:1:`],
  [FIELDS, `1:2:0:1:1`],
  [FIELDS, `1::2:0:1`],
  [PARENT, `1:2:${'1'.repeat(17)}:1`],
  [PARENT, `1:2:AB:1`],
  [PARENT, `1:2:0x1:1`],
  [FLAGS, `1:2:0:x`],
  [FLAGS, `1:2:0:x1`],
  [FLAGS, `1:2:0:1x`],
  [FLAGS, `1:2:0:001`],
  [FLAGS, `1:2:0:0B`],
  // Decoding: a bad escape anywhere makes the value invalid (it is never read half-decoded).
  [DECODE, `1%3G:2:0:1`],
  [DECODE, `1%3A2%3A0%3A1%`],
  [DECODE, `1%3A2%3A0%3Ax`],
];

describe('uber-trace-id parser edges: invalid', () => {
  test.each(invalid)('%s: %j', (_rule, header) => {
    // §1: "returns the input context unchanged when nothing valid is found"
    expect(extract(p, { 'uber-trace-id': header })).toBe(ROOT_CONTEXT);
  });
});
