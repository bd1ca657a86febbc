/**
 * Extract conformance, table-driven. Every case quotes the line it checks: REQUIREMENTS.md §1/§12
 * (`R1`/`R12`), issue 16 (`I16`), or the X-Ray Developer Guide's "Tracing header" section (`XRAY`).
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { AWSXRayPropagator } from '@baton/propagator-aws-xray';
import {
  CONTEXT_WITH_SPAN,
  EPOCH,
  LINEAGE,
  outcome,
  PARENT,
  RANDOM,
  recordGetter,
  ROOT,
  rootOnly,
  span,
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

const HEADER =
  'R12: "`X-Amzn-Trace-Id: Root=1-{8hex}-{24hex};Parent={16hex};Sampled={0|1|?}`, fields in any order matched by exact key"';
const TOLERATED = 'R12: "`Lineage`/`Self`/unknown keys tolerated"';
const DEFERRED =
  'R12: "`?` or missing `Sampled` → deferred (context kept, not sampled)"; I16: "record the deferral as B3 does"';
const REJECT =
  'I16: "Reject anything that is not exactly that: wrong lengths, non-hex, an all-zero id, a version other than `1`, duplicate keys."';
const UPPERCASE =
  'I16: "Decide and document what to do with uppercase hex; never emit it." (Decision: reject)';
const ROOT_ONLY =
  'I16: "`Root` without `Parent` (what a load balancer sends on the first hop) cannot make a valid remote span context. Decide and document what is kept."';
const LINEAGE_RULE =
  'I16: "Carry it in baggage under the key `Lineage` … Invalid lineage is dropped without losing the trace."';
const CAPS =
  'I16: "Work is bounded: cap the header length and the number of fields before parsing."';
const NEVER_THROWS =
  'R1: "Extract never throws, for any carrier: undefined/null, non-string values, arrays (use the first value …), Buffers, 1 MB strings, lone UTF-16 surrogates, a getter that throws."';
const CASE =
  'R1: "Header names are looked up case-insensitively where the getter allows … (Kafka/AMQP carriers keep case)."';

const h = (value: unknown) => ({ 'x-amzn-trace-id': value });
const full = (sampled = '1') => `Root=${ROOT};Parent=${PARENT};Sampled=${sampled}`;
const throwingGetter: TextMapGetter = {
  get: () => {
    throw new Error('get');
  },
  keys: () => {
    throw new Error('keys');
  },
};

const cases: Case[] = [
  // --- the header and its fields
  {
    quote: HEADER,
    name: 'the documentation example, sampled',
    carrier: h(full('1')),
    want: span({ sampled: true }),
  },
  { quote: HEADER, name: 'Sampled=0', carrier: h(full('0')), want: span({ sampled: false }) },
  {
    quote: HEADER,
    name: 'fields in another order',
    carrier: h(`Sampled=1;Parent=${PARENT};Root=${ROOT}`),
    want: span({ sampled: true }),
  },
  {
    quote: HEADER,
    name: 'ParentX= is an unknown key, not Parent (the official package reads it by prefix)',
    carrier: h(`Root=${ROOT};ParentX=${PARENT};Sampled=1`),
    want: rootOnly('sampled'),
  },
  {
    quote: HEADER,
    name: 'keys are exact: parent= (lowercase) is an unknown key',
    carrier: h(`Root=${ROOT};parent=${PARENT};Sampled=1`),
    want: rootOnly('sampled'),
  },
  {
    quote: HEADER,
    name: 'spaces around fields are trimmed (as the official packages and the X-Ray SDK do)',
    carrier: h(` Root=${ROOT} ; Parent=${PARENT};\tSampled=1 `),
    want: span({ sampled: true }),
  },
  {
    quote: HEADER,
    name: 'a trailing ; and an empty field are skipped',
    carrier: h(`Root=${ROOT};;Parent=${PARENT};Sampled=1;`),
    want: span({ sampled: true }),
  },
  {
    quote: HEADER,
    name: 'a field of only spaces and tabs is empty: skipped',
    carrier: h(`Root=${ROOT}; \t ;Parent=${PARENT};Sampled=1`),
    want: span({ sampled: true }),
  },
  {
    quote: HEADER,
    name: 'keys are exact: RootX= is an unknown key, not Root',
    carrier: h(`RootX=${ROOT};Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: HEADER,
    name: 'keys are exact: SampledX= is an unknown key (Sampled missing → deferred)',
    carrier: h(`Root=${ROOT};Parent=${PARENT};SampledX=1`),
    want: span({ sampled: false, deferred: true }),
  },
  {
    quote: HEADER,
    name: 'keys are exact: sampled= in the usual 74-char shape is an unknown key',
    carrier: h(`Root=${ROOT};Parent=${PARENT};sampled=1`),
    want: span({ sampled: false, deferred: true }),
  },
  {
    quote: HEADER,
    name: 'a space inside a value is invalid',
    carrier: h(`Root= ${ROOT};Parent=${PARENT}`),
    want: unchanged,
  },
  // --- load balancer shapes
  {
    quote: TOLERATED,
    name: 'Self=…;Root=… (a load balancer in front), with Parent',
    carrier: h(`Self=1-67891234-12456789abcdef012345678;Root=${ROOT};Parent=${PARENT};Sampled=1`),
    want: span({ sampled: true }),
  },
  {
    quote: ROOT_ONLY,
    name: 'Self=…;Root=… with no Parent: no span context; the Root is recorded (getXRayRootOnly)',
    carrier: h(`Self=1-67891234-12456789abcdef012345678;Root=${ROOT}`),
    want: rootOnly('deferred'),
  },
  {
    quote: ROOT_ONLY,
    name: 'Root and Sampled=1 only',
    carrier: h(`Root=${ROOT};Sampled=1`),
    want: rootOnly('sampled'),
  },
  {
    quote: TOLERATED,
    name: 'unknown keys anywhere',
    carrier: h(`Foo=bar;Root=${ROOT};CalledFrom=Lambda;Parent=${PARENT};Sampled=1;x=`),
    want: span({ sampled: true }),
  },
  {
    quote: TOLERATED,
    name: 'the usual 74-char header followed by an unknown field',
    carrier: h(`${full('1')};CalledFrom=alb`),
    want: span({ sampled: true }),
  },
  {
    quote: TOLERATED,
    name: 'the usual header, Lineage, then an unknown field',
    carrier: h(`${full('0')};Lineage=${LINEAGE};x=1`),
    want: span({ sampled: false, lineage: LINEAGE }),
  },
  // --- deferred
  {
    quote: DEFERRED,
    name: 'Sampled=? → not sampled, deferred',
    carrier: h(full('?')),
    want: span({ sampled: false, deferred: true }),
  },
  {
    quote: DEFERRED,
    name: 'no Sampled → not sampled, deferred',
    carrier: h(`Root=${ROOT};Parent=${PARENT}`),
    want: span({ sampled: false, deferred: true }),
  },
  { quote: REJECT, name: 'Sampled=2', carrier: h(full('2')), want: unchanged },
  { quote: REJECT, name: 'Sampled=true', carrier: h(full('true')), want: unchanged },
  { quote: REJECT, name: 'Sampled= (empty)', carrier: h(full('')), want: unchanged },
  { quote: REJECT, name: 'Sampled=11 (one char only)', carrier: h(full('11')), want: unchanged },
  // --- strictness
  { quote: REJECT, name: 'no Root', carrier: h(`Parent=${PARENT};Sampled=1`), want: unchanged },
  {
    quote: REJECT,
    name: 'version 2',
    carrier: h(`Root=2-${EPOCH}-${RANDOM};Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'epoch of 7 hex',
    carrier: h(`Root=1-${EPOCH.slice(1)}-${RANDOM};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'random part of 23 hex',
    carrier: h(`Root=1-${EPOCH}-${RANDOM.slice(1)};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'random part of 25 hex',
    carrier: h(`Root=1-${EPOCH}-${RANDOM}0;Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'a non-hex char in the trace id',
    carrier: h(`Root=1-${EPOCH}-${RANDOM.slice(0, 23)}g;Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash after the version',
    carrier: h(`Root=1x${EPOCH}-${RANDOM};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash after the epoch',
    carrier: h(`Root=1-${EPOCH}x${RANDOM};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dash after the epoch, in the usual 74-char shape',
    carrier: h(`Root=1-${EPOCH}x${RANDOM};Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: UPPERCASE,
    name: 'uppercase epoch',
    carrier: h(`Root=1-${EPOCH.toUpperCase()}-${RANDOM};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: UPPERCASE,
    name: 'uppercase epoch, in the usual 74-char shape',
    carrier: h(`Root=1-${EPOCH.toUpperCase()}-${RANDOM};Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'no dashes',
    carrier: h(`Root=1${EPOCH}0${RANDOM};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'all-zero trace id',
    carrier: h(`Root=1-00000000-000000000000000000000000;Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: HEADER,
    name: 'an all-zero epoch with a non-zero random part is a valid trace id',
    carrier: h(`Root=1-00000000-${RANDOM};Parent=${PARENT};Sampled=1`),
    want: span({ sampled: true }, '00000000' + RANDOM),
  },
  {
    quote: HEADER,
    name: 'an all-zero epoch, fields in another order',
    carrier: h(`Parent=${PARENT};Root=1-00000000-${RANDOM}`),
    want: span({ sampled: false, deferred: true }, '00000000' + RANDOM),
  },
  {
    quote: HEADER,
    name: 'an all-zero random part with a non-zero epoch is a valid trace id',
    carrier: h(`Root=1-${EPOCH}-${'0'.repeat(24)};Parent=${PARENT};Sampled=1`),
    want: span({ sampled: true }, EPOCH + '0'.repeat(24)),
  },
  {
    quote: HEADER,
    name: 'an all-zero random part, fields in another order',
    carrier: h(`Parent=${PARENT};Root=1-${EPOCH}-${'0'.repeat(24)}`),
    want: span({ sampled: false, deferred: true }, EPOCH + '0'.repeat(24)),
  },
  {
    quote: REJECT,
    name: 'all-zero Parent',
    carrier: h(`Root=${ROOT};Parent=0000000000000000;Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'Parent of 15 hex',
    carrier: h(`Root=${ROOT};Parent=${PARENT.slice(1)};Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'Parent of 17 hex',
    carrier: h(`Root=${ROOT};Parent=${PARENT}0;Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'duplicate Root',
    carrier: h(`Root=${ROOT};Root=${ROOT};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'duplicate Parent',
    carrier: h(`Root=${ROOT};Parent=${PARENT};Parent=${PARENT}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'duplicate Sampled',
    carrier: h(`${full('1')};Sampled=1`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'duplicate Lineage',
    carrier: h(`${full('1')};Lineage=${LINEAGE};Lineage=${LINEAGE}`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'a field without =',
    carrier: h(`Root=${ROOT};Parent=${PARENT};Sampled`),
    want: unchanged,
  },
  {
    quote: REJECT,
    name: 'two headers joined by Node with ", " make Sampled invalid',
    carrier: h(`${full('1')}, ${full('1')}`),
    want: unchanged,
  },
  {
    quote: UPPERCASE,
    name: 'uppercase trace id',
    carrier: h(`Root=1-${EPOCH}-${RANDOM.toUpperCase()};Parent=${PARENT};Sampled=1`),
    want: unchanged,
  },
  {
    quote: UPPERCASE,
    name: 'uppercase Parent',
    carrier: h(`Root=${ROOT};Parent=${PARENT.toUpperCase()};Sampled=1`),
    want: unchanged,
  },
  // --- Lineage
  {
    quote: LINEAGE_RULE,
    name: 'Lineage → baggage',
    carrier: h(`${full('1')};Lineage=${LINEAGE}`),
    want: span({ sampled: true, lineage: LINEAGE }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage at its widest (32767:…:255)',
    carrier: h(`Lineage=32767:a87bd80c:255;${full('1')}`),
    want: span({ sampled: true, lineage: '32767:a87bd80c:255' }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage request counter over 32767 dropped',
    carrier: h(`${full('1')};Lineage=32768:a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage loop counter over 255 dropped',
    carrier: h(`${full('1')};Lineage=1:a87bd80c:256`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage hash of 7 hex dropped',
    carrier: h(`${full('1')};Lineage=1:a87bd80:1`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with uppercase hash dropped',
    carrier: h(`${full('1')};Lineage=1:A87BD80C:1`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage of two fields dropped',
    carrier: h(`${full('1')};Lineage=a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    // Java's check (opentelemetry-java-contrib AwsXrayPropagator.isValidLineage) reads the counters
    // with Integer.parseInt: leading zeros pass while the value stays within 18 chars.
    quote: LINEAGE_RULE,
    name: 'Lineage counters with leading zeros kept (as Java), 18 chars',
    carrier: h(`${full('1')};Lineage=0032767:a87bd80c:1`),
    want: span({ sampled: true, lineage: '0032767:a87bd80c:1' }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage loop counter with leading zeros kept (as Java)',
    carrier: h(`${full('1')};Lineage=1:a87bd80c:0000255`),
    want: span({ sampled: true, lineage: '1:a87bd80c:0000255' }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage of 19 chars dropped (Java: 12 to 18)',
    carrier: h(`${full('1')};Lineage=00032767:a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    // Counters of at most 7 digits each, so only the length rule can reject it.
    quote: LINEAGE_RULE,
    name: 'Lineage of 20 chars dropped, each part well-formed (Java: 12 to 18)',
    carrier: h(`${full('1')};Lineage=000001:a87bd80c:0001`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage of 12 chars without a colon dropped',
    carrier: h(`${full('1')};Lineage=123456789012`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with a plus sign dropped (a sign is no counter digit)',
    carrier: h(`${full('1')};Lineage=+1:a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with a sign dropped',
    carrier: h(`${full('1')};Lineage=-1:a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage at its shortest, 12 chars (Java: 12 to 18)',
    carrier: h(`${full('1')};Lineage=1:a87bd80c:1`),
    want: span({ sampled: true, lineage: '1:a87bd80c:1' }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with an all-zero hash and the digit 9 kept (a hash is any 8 lowercase hex)',
    carrier: h(`${full('1')};Lineage=9:00000000:9`),
    want: span({ sampled: true, lineage: '9:00000000:9' }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with one colon (hash then digits) dropped',
    carrier: h(`${full('1')};Lineage=12:a87bd80c9123`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with an empty request counter dropped',
    carrier: h(`${full('1')};Lineage=:a87bd80c:123`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with an empty loop counter dropped',
    carrier: h(`${full('1')};Lineage=123:a87bd80c:`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage with a letter in a counter dropped',
    carrier: h(`${full('1')};Lineage=1a:a87bd80c:1`),
    want: span({ sampled: true }),
  },
  {
    quote: TOLERATED,
    name: 'keys are exact: lineage= (lowercase) after the usual header is an unknown key',
    carrier: h(`${full('1')};lineage=${LINEAGE}`),
    want: span({ sampled: true }),
  },
  {
    quote: TOLERATED,
    name: 'keys are exact: LineageX= is an unknown key',
    carrier: h(`${full('1')};LineageX=${LINEAGE}`),
    want: span({ sampled: true }),
  },
  {
    quote: LINEAGE_RULE,
    name: 'Lineage kept with a Root-only header',
    carrier: h(`Root=${ROOT};Lineage=${LINEAGE}`),
    want: rootOnly('deferred', LINEAGE),
  },
  // --- caps
  {
    quote: CAPS,
    name: 'a value longer than 512 chars',
    carrier: h(`${full('1')};Pad=${'x'.repeat(512)}`),
    want: unchanged,
  },
  {
    quote: CAPS,
    name: 'a value of exactly 512 chars is read',
    carrier: h(`${full('1')};Pad=${'x'.repeat(512 - 74 - 5)}`),
    want: span({ sampled: true }),
  },
  {
    quote: CAPS,
    name: 'an empty field counts: 32 fields and a trailing ; are 33',
    carrier: h(`${full('1')}${';a=1'.repeat(29)};`),
    want: unchanged,
  },
  {
    quote: CAPS,
    name: 'more than 32 fields',
    carrier: h(`${full('1')}${';a=1'.repeat(30)}`),
    want: unchanged,
  },
  {
    quote: CAPS,
    name: 'exactly 32 fields',
    carrier: h(`${full('1')}${';a=1'.repeat(29)}`),
    want: span({ sampled: true }),
  },
  {
    quote: NEVER_THROWS,
    name: '1 MB value',
    carrier: h(full('1') + ';'.repeat(1 << 20)),
    want: unchanged,
  },
  // --- carriers
  {
    quote: NEVER_THROWS,
    name: 'an array: its first value',
    carrier: h([full('1'), full('0')]),
    want: span({ sampled: true }),
  },
  { quote: NEVER_THROWS, name: 'an empty array', carrier: h([]), want: unchanged },
  {
    quote: NEVER_THROWS,
    name: 'a Buffer',
    carrier: h(Buffer.from(full('1'))),
    want: span({ sampled: true }),
  },
  { quote: NEVER_THROWS, name: 'a number', carrier: h(1), want: unchanged },
  { quote: NEVER_THROWS, name: 'an object', carrier: h({}), want: unchanged },
  {
    quote: NEVER_THROWS,
    name: 'a lone surrogate',
    carrier: h(`Root=${ROOT};Parent=${PARENT};Sampled=\ud800`),
    want: unchanged,
  },
  { quote: NEVER_THROWS, name: 'undefined carrier', carrier: undefined, want: unchanged },
  { quote: NEVER_THROWS, name: 'null carrier', carrier: null, want: unchanged },
  {
    quote: NEVER_THROWS,
    name: 'a getter that throws',
    carrier: h(full('1')),
    getter: throwingGetter,
    want: unchanged,
  },
  {
    quote: CASE,
    name: 'X-Amzn-Trace-Id through a case-keeping carrier',
    carrier: { 'X-Amzn-Trace-Id': full('1') },
    getter: recordGetter,
    want: span({ sampled: true }),
  },
  {
    quote: CASE,
    name: 'X-AMZN-TRACE-ID through the default getter',
    carrier: { 'X-AMZN-TRACE-ID': full('0') },
    want: span({ sampled: false }),
  },
];

const propagator = new AWSXRayPropagator();

describe.each(cases)('$quote', (c) => {
  test(c.name, () => {
    const out = propagator.extract(ROOT_CONTEXT, c.carrier, c.getter ?? defaultTextMapGetter);
    expect(outcome(ROOT_CONTEXT, out)).toEqual(c.want);
  });
});

describe('R1: "Extract of a malformed value never replaces a valid SpanContext or Baggage already in the context."', () => {
  test.each(cases.filter((c) => c.want.kind === 'unchanged'))('$name', (c) => {
    const out = propagator.extract(CONTEXT_WITH_SPAN, c.carrier, c.getter ?? defaultTextMapGetter);
    expect(out).toBe(CONTEXT_WITH_SPAN);
  });
});
