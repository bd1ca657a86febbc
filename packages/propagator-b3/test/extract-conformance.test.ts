/**
 * Extract conformance, table-driven. Every case quotes the line it checks: REQUIREMENTS.md §1/§4
 * (`R1`/`R4`) or the openzipkin/b3-propagation README (`B3`).
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import {
  CONTEXT_WITH_SPAN,
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

interface Case {
  quote: string;
  name: string;
  carrier: unknown;
  getter?: TextMapGetter;
  want: Outcome;
}

const GRAMMAR =
  'R4: "`b3` grammar: `{trace}-{span}[-{0|1|d}[-{parent16}]]`; trace id 16 (left-pad to 32) or 32 lowercase hex; span id 16."';
const REJECT =
  'R4: "Reject other lengths, uppercase, non-hex, all-zero, trailing `-`, more than 4 fields, a traceparent-shaped value."';
const DEFERRED_PARENT =
  'R4: "Decision: `{t}-{s}-{parent16}` (no sampling field) → deferred (Brave)."';
const SAMPLING =
  'R4: "Sampling: `1` sampled; `0` not; `d` debug → sampled + debug; absent → deferred."';
const SAMPLED_HEADER =
  'R4: "`x-b3-sampled` accepts `1`, `0`, `true`, `false` (booleans case-insensitive); anything else invalidates the multi context."';
const SAMPLED_JS =
  'R4: "and the JavaScript values `true`, `false`, `1`, `0` that non-HTTP carriers hand out (the official package accepts them)"';
const FLAGS =
  'R4: "`x-b3-flags: 1` → debug + sampled, even with `x-b3-sampled: 0`; other flags values ignored."';
const MULTI_IDS =
  'B3: "The TraceId header is encoded as 32 or 16 lower-hex characters" / "The SpanId header is encoded as 16 lower-hex characters"';
const SAMPLING_ONLY =
  'R4: "Sampling-only headers (`b3: 0|1|d`, `x-b3-sampled` alone) produce no SpanContext. Decision: record the decision"';
const BOTH =
  'R4: "Both encodings are extracted by every B3 propagator; a valid `b3` wins over `x-b3-*`."';
const FALLBACK = 'R4: "Decision: an invalid `b3` falls back to the multi headers (Go, Java)."';
const CASE =
  'R1: "Header names are looked up case-insensitively where the getter allows (`B3`, `X-B3-TraceId`, …)"';
const NEVER_THROWS =
  'R1: "Extract never throws, for any carrier: undefined/null, non-string values, arrays (use the first value …), Buffers, 1 MB strings, lone UTF-16 surrogates, a getter that throws."';

const multi = (t: unknown, s: unknown, extra: Record<string, unknown> = {}) => ({
  'x-b3-traceid': t,
  'x-b3-spanid': s,
  ...extra,
});
const throwingGetter: TextMapGetter = {
  get: () => {
    throw new Error('get');
  },
  keys: () => {
    throw new Error('keys');
  },
};

const cases: Case[] = [
  // --- single header: valid forms
  {
    quote: GRAMMAR,
    name: 'b3 32-hex trace, sampled',
    carrier: { b3: `${T32}-${S}-1` },
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLING,
    name: 'b3 -0 not sampled',
    carrier: { b3: `${T32}-${S}-0` },
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLING,
    name: 'b3 -d debug',
    carrier: { b3: `${T32}-${S}-d` },
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: SAMPLING,
    name: 'b3 no sampling field: deferred',
    carrier: { b3: `${T32}-${S}` },
    want: span(T32, S, { sampled: false, deferred: true }),
  },
  {
    quote: GRAMMAR,
    name: 'b3 with parent',
    carrier: { b3: `${T32}-${S}-1-${P}` },
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: GRAMMAR,
    name: 'b3 debug with parent',
    carrier: { b3: `${T32}-${S}-d-${P}` },
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: GRAMMAR,
    name: 'b3 64-bit trace id is left-padded',
    carrier: { b3: `${T16}-${S}-1` },
    want: span(T16_PADDED, S, { sampled: true }),
  },
  {
    quote: GRAMMAR,
    name: 'b3 64-bit trace id, deferred',
    carrier: { b3: `${T16}-${S}` },
    want: span(T16_PADDED, S, { sampled: false, deferred: true }),
  },
  {
    quote: DEFERRED_PARENT,
    name: 'b3 {t}-{s}-{parent}',
    carrier: { b3: `${T32}-${S}-${P}` },
    want: span(T32, S, { sampled: false, deferred: true }),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'b3: 0 deny only',
    carrier: { b3: '0' },
    want: samplingOnly('deny'),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'b3: 1 accept only',
    carrier: { b3: '1' },
    want: samplingOnly('accept'),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'b3: d debug only',
    carrier: { b3: 'd' },
    want: samplingOnly('debug'),
  },

  // --- single header: every rejection
  {
    quote: REJECT,
    name: 'uppercase trace id',
    carrier: { b3: `${T32.toUpperCase()}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'uppercase span id',
    carrier: { b3: `${T32}-${S.toUpperCase()}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'non-hex trace id',
    carrier: { b3: `${T32.slice(0, 31)}g-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'non-hex span id',
    carrier: { b3: `${T32}-${S.slice(0, 15)}z-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trace id of 20 chars',
    carrier: { b3: `${T32.slice(0, 20)}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trace id of 31 chars',
    carrier: { b3: `${T32.slice(1)}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trace id of 33 chars',
    carrier: { b3: `a${T32}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'span id of 15 chars',
    carrier: { b3: `${T32}-${S.slice(1)}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'span id of 17 chars',
    carrier: { b3: `${T32}-a${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'all-zero trace id',
    carrier: { b3: `${'0'.repeat(32)}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'all-zero 64-bit trace id',
    carrier: { b3: `${'0'.repeat(16)}-${S}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'all-zero span id',
    carrier: { b3: `${T32}-${'0'.repeat(16)}-1` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trailing dash after span',
    carrier: { b3: `${T32}-${S}-` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'trailing dash after sampling',
    carrier: { b3: `${T32}-${S}-1-` },
    want: unchanged,
  },
  { quote: REJECT, name: 'five fields', carrier: { b3: `${T32}-${S}-1-${P}-1` }, want: unchanged },
  {
    quote: REJECT,
    name: 'traceparent-shaped value',
    carrier: { b3: `00-${T32}-${S}-01` },
    want: unchanged,
  },
  { quote: REJECT, name: 'sampling state 2', carrier: { b3: `${T32}-${S}-2` }, want: unchanged },
  {
    quote: REJECT,
    name: 'sampling state D (uppercase)',
    carrier: { b3: `${T32}-${S}-D` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'sampling state "true"',
    carrier: { b3: `${T32}-${S}-true` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'parent of 15 chars',
    carrier: { b3: `${T32}-${S}-1-${P.slice(1)}` },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'uppercase parent',
    carrier: { b3: `${T32}-${S}-1-${P.toUpperCase()}` },
    want: unchanged,
  },
  { quote: REJECT, name: 'sampling-only "2"', carrier: { b3: '2' }, want: unchanged },
  { quote: REJECT, name: 'empty b3', carrier: { b3: '' }, want: unchanged },
  { quote: REJECT, name: 'leading space', carrier: { b3: ` ${T32}-${S}-1` }, want: unchanged },
  { quote: REJECT, name: 'trailing space', carrier: { b3: `${T32}-${S}-1 ` }, want: unchanged },
  {
    quote: REJECT,
    name: 'underscore separators',
    carrier: { b3: `${T32}_${S}_1` },
    want: unchanged,
  },

  // --- multi headers: valid forms
  {
    quote: MULTI_IDS,
    name: 'multi 32-hex trace, sampled 1',
    carrier: multi(T32, S, { 'x-b3-sampled': '1' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: MULTI_IDS,
    name: 'multi 64-bit trace is left-padded',
    carrier: multi(T16, S, { 'x-b3-sampled': '1' }),
    want: span(T16_PADDED, S, { sampled: true }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: 0',
    carrier: multi(T32, S, { 'x-b3-sampled': '0' }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: true',
    carrier: multi(T32, S, { 'x-b3-sampled': 'true' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: TRUE',
    carrier: multi(T32, S, { 'x-b3-sampled': 'TRUE' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: false',
    carrier: multi(T32, S, { 'x-b3-sampled': 'false' }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: False',
    carrier: multi(T32, S, { 'x-b3-sampled': 'False' }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: true (a JS boolean)',
    carrier: multi(T32, S, { 'x-b3-sampled': true }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: 1 (a JS number)',
    carrier: multi(T32, S, { 'x-b3-sampled': 1 }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: false (a JS boolean)',
    carrier: multi(T32, S, { 'x-b3-sampled': false }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: 0 (a JS number)',
    carrier: multi(T32, S, { 'x-b3-sampled': 0 }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: 0 (a JS number) with x-b3-flags: 1 is debug',
    carrier: multi(T32, S, { 'x-b3-sampled': 0, 'x-b3-flags': '1' }),
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: SAMPLED_JS,
    name: 'x-b3-sampled: true alone (sampling-only, a JS boolean)',
    carrier: { 'x-b3-sampled': true },
    want: samplingOnly('accept'),
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: 2 (any other JS number) invalidates the context',
    carrier: multi(T32, S, { 'x-b3-sampled': 2 }),
    want: unchanged,
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: NaN invalidates the context',
    carrier: multi(T32, S, { 'x-b3-sampled': NaN }),
    want: unchanged,
  },
  {
    quote: SAMPLING,
    name: 'no x-b3-sampled: deferred',
    carrier: multi(T32, S),
    want: span(T32, S, { sampled: false, deferred: true }),
  },
  {
    quote: FLAGS,
    name: 'x-b3-flags: 1',
    carrier: multi(T32, S, { 'x-b3-flags': '1' }),
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: FLAGS,
    name: 'x-b3-flags: 1 beats x-b3-sampled: 0',
    carrier: multi(T32, S, { 'x-b3-flags': '1', 'x-b3-sampled': '0' }),
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: FLAGS,
    name: 'x-b3-flags: 0 ignored',
    carrier: multi(T32, S, { 'x-b3-flags': '0', 'x-b3-sampled': '1' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: FLAGS,
    name: 'x-b3-flags: garbage ignored',
    carrier: multi(T32, S, { 'x-b3-flags': 'yes', 'x-b3-sampled': '0' }),
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: 'R4: "Never `x-b3-parentspanid`" (read or written: a bad parent does not matter)',
    name: 'x-b3-parentspanid ignored',
    carrier: multi(T32, S, { 'x-b3-sampled': '1', 'x-b3-parentspanid': 'not-hex' }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'x-b3-sampled: 1 alone',
    carrier: { 'x-b3-sampled': '1' },
    want: samplingOnly('accept'),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'x-b3-sampled: 0 alone',
    carrier: { 'x-b3-sampled': '0' },
    want: samplingOnly('deny'),
  },
  {
    quote: SAMPLING_ONLY,
    name: 'x-b3-flags: 1 alone',
    carrier: { 'x-b3-flags': '1' },
    want: samplingOnly('debug'),
  },

  // --- multi headers: rejections
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: yes',
    carrier: multi(T32, S, { 'x-b3-sampled': 'yes' }),
    want: unchanged,
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: 2',
    carrier: multi(T32, S, { 'x-b3-sampled': '2' }),
    want: unchanged,
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: empty',
    carrier: multi(T32, S, { 'x-b3-sampled': '' }),
    want: unchanged,
  },
  {
    quote: SAMPLED_HEADER,
    name: 'x-b3-sampled: yes alone',
    carrier: { 'x-b3-sampled': 'yes' },
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-traceid of 20 chars',
    carrier: multi(T32.slice(0, 20), S),
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-traceid of 1 char (the official pads it)',
    carrier: multi('1', S),
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-traceid uppercase',
    carrier: multi(T32.toUpperCase(), S),
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-spanid of 15 chars',
    carrier: multi(T32, S.slice(1)),
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-spanid absent',
    carrier: { 'x-b3-traceid': T32, 'x-b3-sampled': '1' },
    want: unchanged,
  },
  {
    quote: MULTI_IDS,
    name: 'x-b3-traceid absent',
    carrier: { 'x-b3-spanid': S, 'x-b3-sampled': '1' },
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'x-b3-traceid all zero',
    carrier: multi('0'.repeat(32), S),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'x-b3-spanid all zero',
    carrier: multi(T32, '0'.repeat(16)),
    want: unchanged,
  },

  // --- both encodings
  {
    quote: BOTH,
    name: 'valid b3 wins over different multi',
    carrier: { b3: `${T32}-${S}-0`, ...multi(T16, P, { 'x-b3-sampled': '1' }) },
    want: span(T32, S, { sampled: false }),
  },
  {
    quote: FALLBACK,
    name: 'invalid b3 falls back to multi',
    carrier: { b3: `${T32}-${S}-x`, ...multi(T16, P, { 'x-b3-sampled': '1' }) },
    want: span(T16_PADDED, P, { sampled: true }),
  },
  {
    quote: FALLBACK,
    name: 'empty b3 falls back to multi',
    carrier: { b3: '', ...multi(T32, S, { 'x-b3-flags': '1' }) },
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: BOTH + ' (a sampling-only `b3` is valid: Brave returns it without reading multi)',
    name: 'b3: 0 wins over valid multi',
    carrier: { b3: '0', ...multi(T32, S, { 'x-b3-sampled': '1' }) },
    want: samplingOnly('deny'),
  },
  {
    quote: FALLBACK,
    name: 'both invalid',
    carrier: { b3: 'garbage', ...multi('garbage', S) },
    want: unchanged,
  },

  // --- carriers: case, arrays, Buffers, throwing getters
  {
    quote: CASE,
    name: 'B3 in a case-preserving carrier',
    carrier: { B3: `${T32}-${S}-1` },
    getter: recordGetter,
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: CASE,
    name: 'X-B3-* in a case-preserving carrier',
    carrier: { 'X-B3-TraceId': T32, 'X-B3-SpanId': S, 'X-B3-Sampled': '1' },
    getter: recordGetter,
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: CASE,
    name: 'X-B3-Flags in a case-preserving carrier',
    carrier: { 'X-B3-TRACEID': T32, 'x-B3-spanId': S, 'X-B3-Flags': '1' },
    getter: recordGetter,
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: CASE + ' + ' + FALLBACK,
    name: 'invalid lowercase b3, multi in another case',
    carrier: { b3: 'nope', 'X-B3-TraceId': T32, 'X-B3-SpanId': S },
    getter: recordGetter,
    want: span(T32, S, { sampled: false, deferred: true }),
  },
  {
    quote: CASE,
    name: 'X-B3-Sampled alone in a case-preserving carrier',
    carrier: { 'X-B3-Sampled': '0' },
    getter: recordGetter,
    want: samplingOnly('deny'),
  },
  {
    quote: NEVER_THROWS,
    name: 'b3 array: first value used',
    carrier: { b3: [`${T32}-${S}-1`, `${T16}-${P}-0`] },
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: NEVER_THROWS,
    name: 'b3 array with an invalid first value',
    carrier: { b3: ['junk', `${T32}-${S}-1`] },
    want: unchanged,
  },
  { quote: NEVER_THROWS, name: 'empty b3 array', carrier: { b3: [] }, want: unchanged },
  {
    quote: NEVER_THROWS,
    name: 'multi arrays',
    carrier: multi([T32, T16], [S], { 'x-b3-sampled': ['1', '0'] }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: NEVER_THROWS,
    name: 'b3 Buffer (Kafka header)',
    carrier: { b3: Buffer.from(`${T32}-${S}-d`) },
    want: span(T32, S, { sampled: true, debug: true }),
  },
  {
    quote: NEVER_THROWS,
    name: 'multi Buffers',
    carrier: multi(Buffer.from(T32), Buffer.from(S), { 'x-b3-sampled': Buffer.from('1') }),
    want: span(T32, S, { sampled: true }),
  },
  {
    quote: NEVER_THROWS,
    name: 'Buffer with non-ASCII bytes',
    carrier: { b3: Buffer.from(`${T32}-${S}-é`) },
    want: unchanged,
  },
  {
    quote: NEVER_THROWS,
    name: 'non-string value (number)',
    carrier: { b3: 1, 'x-b3-traceid': 5 },
    want: unchanged,
  },
  {
    quote: NEVER_THROWS,
    name: 'non-string value (object)',
    carrier: { b3: { toString: () => `${T32}-${S}-1` } },
    want: unchanged,
  },
  {
    quote: NEVER_THROWS,
    name: '1 MB b3 of hex',
    carrier: { b3: 'a'.repeat(1 << 20) },
    want: unchanged,
  },
  { quote: NEVER_THROWS, name: '1 MB x-b3-traceid', carrier: multi('a'.repeat(1 << 20), S) },
  {
    quote: NEVER_THROWS,
    name: 'lone surrogate in b3',
    carrier: { b3: `${T32}-${S}-\ud800` },
    want: unchanged,
  },
  {
    quote: NEVER_THROWS,
    name: 'a getter that throws',
    carrier: { b3: `${T32}-${S}-1` },
    getter: throwingGetter,
    want: unchanged,
  },
  {
    quote: NEVER_THROWS,
    name: 'a keys() that throws, get works',
    carrier: { 'x-b3-sampled': '1' },
    getter: {
      get: (c: Record<string, string>, k: string) => c[k],
      keys: () => {
        throw new Error('keys');
      },
    },
    want: samplingOnly('accept'),
  },
  {
    quote: NEVER_THROWS,
    name: 'a keys() that returns garbage',
    carrier: {},
    getter: { get: () => undefined, keys: () => 42 as unknown as string[] },
    want: unchanged,
  },
  { quote: NEVER_THROWS, name: 'undefined carrier', carrier: undefined, want: unchanged },
  { quote: NEVER_THROWS, name: 'null carrier', carrier: null, want: unchanged },
  {
    quote: NEVER_THROWS,
    name: 'no B3 headers at all',
    carrier: { traceparent: `00-${T32}-${S}-01` },
    want: unchanged,
  },
].map((c) => ('want' in c ? c : { ...c, want: unchanged })) as Case[];

describe.each([
  ['B3Propagator (single inject)', new B3Propagator()],
  [
    'B3Propagator (multi inject)',
    new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  ],
])('%s extract', (_label, propagator) => {
  test.each(cases)('$name — $quote', ({ carrier, getter, want }) => {
    const g = getter ?? defaultTextMapGetter;
    expect(outcome(ROOT_CONTEXT, propagator.extract(ROOT_CONTEXT, carrier, g))).toEqual(want);
  });

  // R1: "Extract of a malformed value never replaces a valid SpanContext or Baggage already in the context."
  test.each(cases.filter((c) => c.want.kind === 'unchanged'))(
    'keeps an existing span context: $name',
    ({ carrier, getter }) => {
      const out = propagator.extract(CONTEXT_WITH_SPAN, carrier, getter ?? defaultTextMapGetter);
      expect(out).toBe(CONTEXT_WITH_SPAN);
    },
  );
});

// R1: "An extracted SpanContext has `isRemote: true`"
test('extracted span contexts are remote', () => {
  const ctx = new B3Propagator().extract(
    ROOT_CONTEXT,
    { b3: `${T32}-${S}-1` },
    defaultTextMapGetter,
  );
  expect(trace.getSpanContext(ctx)?.isRemote).toBe(true);
});

// Found in review. REQUIREMENTS §1: "Header names are looked up case-insensitively ... (Kafka/AMQP
// carriers keep case)" and §4: "a valid `b3` wins over `x-b3-*`"; §1: "Extract never throws".
describe('case-preserving carriers and hostile values (review findings)', () => {
  const mapGetter: TextMapGetter<Map<string, string>> = {
    get: (c, k) => c.get(k),
    keys: (c) => [...c.keys()],
  };
  const T1 = '463ac35c9f6413ad48485a3953bb6124';
  const T2 = '0af7651916cd43dd8448eb211c80319c';
  const S1 = 'e457b5a2e4d86bd1';
  const S2 = 'b7ad6b7169203331';
  const prop = new B3Propagator();

  test('`B3` in another case wins over lowercase x-b3-*', () => {
    const carrier = new Map([
      ['B3', `${T1}-${S1}-1`],
      ['x-b3-traceid', T2],
      ['x-b3-spanid', S2],
    ]);
    expect(trace.getSpanContext(prop.extract(ROOT_CONTEXT, carrier, mapGetter))?.traceId).toBe(T1);
  });

  test('`X-B3-SpanId` next to lowercase `x-b3-traceid` is found', () => {
    const carrier = new Map([
      ['x-b3-traceid', T1],
      ['X-B3-SpanId', S1],
    ]);
    const sc = trace.getSpanContext(prop.extract(ROOT_CONTEXT, carrier, mapGetter));
    expect([sc?.traceId, sc?.spanId]).toEqual([T1, S1]);
  });

  test('array values and keys() elements that throw leave the context unchanged', () => {
    const hostile = (): unknown[] => {
      const a: unknown[] = [];
      Object.defineProperty(a, 0, {
        get() {
          throw new Error('boom');
        },
      });
      return a;
    };
    for (const name of ['b3', 'x-b3-traceid']) {
      expect(prop.extract(ROOT_CONTEXT, { [name]: hostile() }, defaultTextMapGetter)).toBe(
        ROOT_CONTEXT,
      );
    }
    const getter = { get: () => undefined, keys: () => hostile() as string[] };
    expect(prop.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  });

  test('inject with a span whose spanContext() throws writes nothing and does not throw', () => {
    const span = {
      spanContext: () => {
        throw new Error('boom');
      },
    } as unknown as Span;
    const carrier: Record<string, string> = {};
    expect(() =>
      prop.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter),
    ).not.toThrow();
    expect(carrier).toEqual({});
  });
});

describe('R4: "when B3 extracts the same trace and span id as a span context already in the context, keep that context\'s `traceState` and flag bits"', () => {
  const before = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: T32,
    spanId: S,
    traceFlags: 0x03, // sampled + W3C random, as W3C extracted it first in a composite
    isRemote: true,
  });
  const flagsAfter = (carrier: Record<string, string>) =>
    trace.getSpanContext(new B3Propagator().extract(before, carrier, defaultTextMapGetter))
      ?.traceFlags;

  it.each([
    ['b3 sampled', { b3: `${T32}-${S}-1` }, 0x03],
    ['b3 not sampled: B3 decides the sampled bit only', { b3: `${T32}-${S}-0` }, 0x02],
    ['multi sampled', { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '1' }, 0x03],
    ['another span id: nothing carried', { b3: `${T32}-${P}-1` }, 0x01],
  ])('%s', (_n, carrier, flags) => {
    expect(flagsAfter(carrier)).toBe(flags);
  });
});
