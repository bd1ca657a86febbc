/**
 * Edges of the B3 parsers that mutation testing (issue 20, `npm run mutate -- --package
 * propagator-b3`) found unguarded: each row is one rule of REQUIREMENTS §4 at a place where the
 * parser checks it on its own — the fixed-position fast path of `{t32}-{s16}-{state}[-{p16}]`, the
 * general path of the 64-bit and no-sampling shapes, and each char of the `x-b3-sampled` booleans.
 * Expected outcomes are written from the rule, not captured from the code.
 */
import { defaultTextMapGetter, ROOT_CONTEXT } from '@opentelemetry/api';
import { B3Propagator } from '@baton/propagator-b3';
import {
  outcome,
  P,
  recordGetter,
  S,
  samplingOnly,
  span,
  T16,
  T16_PADDED,
  T32,
  unchanged,
  type Outcome,
} from './helpers';

const GRAMMAR =
  'R4: "`b3` grammar: `{trace}-{span}[-{0|1|d}[-{parent16}]]`; trace id 16 (left-pad to 32) or 32 lowercase hex; span id 16."';
const REJECT =
  'R4: "Reject other lengths, uppercase, non-hex, all-zero, trailing `-`, more than 4 fields, a traceparent-shaped value."';
const DEFERRED_PARENT =
  'R4: "Decision: `{t}-{s}-{parent16}` (no sampling field) → deferred (Brave)."';
const SAMPLED_HEADER =
  'R4: "`x-b3-sampled` accepts `1`, `0`, `true`, `false` (booleans case-insensitive); anything else invalidates the multi context."';
const FLAGS =
  'R4: "`x-b3-flags: 1` → debug + sampled, even with `x-b3-sampled: 0`; other flags values ignored."';
const SAMPLING_ONLY =
  'R4: "Sampling-only headers (`b3: 0|1|d`, `x-b3-sampled` alone) produce no SpanContext. Decision: record the decision"';

interface Row {
  quote: string;
  name: string;
  carrier: Record<string, unknown>;
  want: Outcome;
}

const ZERO16 = '0'.repeat(16);

const single: Row[] = [
  // The parent is "{parent16}": 16 lowercase hex, nothing more is asked of it (B3 never uses it),
  // so an all-zero parent is a valid value — in the fast path (32-hex trace) and the general one.
  {
    quote: GRAMMAR,
    name: 'all-zero parent, 128-bit trace id',
    carrier: { b3: `${T32}-${S}-1-${ZERO16}` },
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: GRAMMAR,
    name: 'all-zero parent, 64-bit trace id',
    carrier: { b3: `${T16}-${S}-0-${ZERO16}` },
    want: span(T16_PADDED, S, { sampled: false }),
  },
  {
    quote: GRAMMAR,
    name: '64-bit trace id with sampling and parent',
    carrier: { b3: `${T16}-${S}-1-${P}` },
    want: span(T16_PADDED, S, { sampled: true }),
  },
  {
    quote: GRAMMAR,
    name: '64-bit trace id, debug with parent',
    carrier: { b3: `${T16}-${S}-d-${P}` },
    want: span(T16_PADDED, S, { sampled: true, debug: true }),
  },
  {
    quote: DEFERRED_PARENT,
    name: '64-bit trace id, {t}-{s}-{parent}',
    carrier: { b3: `${T16}-${S}-${P}` },
    want: span(T16_PADDED, S, { sampled: false, deferred: true }),
  },
  // Each separator is a `-` at its own position: any other char there is not B3.
  {
    quote: REJECT,
    name: 'no dash between span and sampling (128-bit trace id)',
    carrier: { b3: `${T32}-${S}_1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash between sampling and parent (128-bit trace id)',
    carrier: { b3: `${T32}-${S}-1_${P}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash between trace and span, no sampling field',
    carrier: { b3: `${T32}_${S}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash between span and sampling (64-bit trace id)',
    carrier: { b3: `${T16}-${S}_1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash between sampling and parent (64-bit trace id)',
    carrier: { b3: `${T16}-${S}-1_${P}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash between span and parent, no sampling field',
    carrier: { b3: `${T32}-${S}_${P}` },
    want: unchanged,
  },
  // Uppercase in every field of the general path (the fast path's are in extract-conformance).
  {
    quote: REJECT,
    name: 'uppercase 64-bit trace id',
    carrier: { b3: `${T16.toUpperCase()}-${S}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'uppercase span id, no sampling field',
    carrier: { b3: `${T32}-${S.toUpperCase()}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'uppercase parent, no sampling field',
    carrier: { b3: `${T32}-${S}-${P.toUpperCase()}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'uppercase parent, 64-bit trace id',
    carrier: { b3: `${T16}-${S}-1-${P.toUpperCase()}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'sampling state D (uppercase), 64-bit trace id',
    carrier: { b3: `${T16}-${S}-D` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'sampling state 2 with parent, 64-bit trace id',
    carrier: { b3: `${T16}-${S}-2-${P}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'span id cut short by the end of the value',
    carrier: { b3: `${T16}-${S.slice(0, 8)}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trailing dash after the parent, 64-bit trace id',
    carrier: { b3: `${T16}-${S}-1-${P}-` },
    want: unchanged,
  },
];

const multi = (extra: Record<string, unknown>) => ({
  'x-b3-traceid': T32,
  'x-b3-spanid': S,
  ...extra,
});

const multiRows: Row[] = [
  // Booleans "case-insensitive": any ASCII case of exactly `true` / `false`, and nothing else.
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: tRuE',
    carrier: multi({ 'x-b3-sampled': 'tRuE' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: FaLsE',
    carrier: multi({ 'x-b3-sampled': 'FaLsE' }),
    want: span(T32, S, { sampled: false }),
  },
  ...['xrue', 'tXue', 'trXe', 'truX', 'trues', 'tru', 't', 'xalse', 'fXlse', 'faXse', 'falXe']
    .concat(['falsX', 'fals', 'f', 'falsee', '10', '01'])
    .map((v) => ({
      quote: SAMPLED_HEADER,
      name: `x-b3-sampled: ${v}`,
      carrier: multi({ 'x-b3-sampled': v }),
      want: unchanged,
    })),
  {
    quote: FLAGS,
    name: 'x-b3-flags: 0 alone records nothing',
    carrier: { 'x-b3-flags': '0' },
    want: unchanged,
  },
  {
    quote: FLAGS,
    name: 'x-b3-flags: 11 ignored',
    carrier: multi({ 'x-b3-flags': '11', 'x-b3-sampled': '0' }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'x-b3-flags: 1 alone is a debug decision',
    carrier: { 'x-b3-flags': '1' },
    want: samplingOnly('debug'),
  },
];

describe.each([
  ['a plain-object carrier', defaultTextMapGetter],
  ['a case-preserving getter', recordGetter],
])('B3 parser edges, %s', (_label, getter) => {
  const propagator = new B3Propagator();
  test.each([...single, ...multiRows])('$name — $quote', ({ carrier, want }) => {
    expect(outcome(ROOT_CONTEXT, propagator.extract(ROOT_CONTEXT, carrier, getter))).toEqual(want);
  });
});
