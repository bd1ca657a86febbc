/**
 * Inject conformance, table-driven, each case quoting the line it checks (REQUIREMENTS §1 `R1`,
 * §4 `R4`, openzipkin/b3-propagation `B3`).
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapSetter,
} from '@opentelemetry/api';
import { suppressTracing, TraceState } from '@opentelemetry/core';
import {
  B3InjectEncoding,
  B3Propagator,
  B3MultiPropagator,
  B3SinglePropagator,
} from '@baton/propagator-b3';
import { setDebugTrace } from '@baton/internal';
import { OTHER_T, P, S, T16, T16_PADDED, T32 } from './helpers';

const single = new B3Propagator();
const multi = new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
const single64 = new B3Propagator({ emit64BitTraceIds: true });
const multi64 = new B3Propagator({
  injectEncoding: B3InjectEncoding.MULTI_HEADER,
  emit64BitTraceIds: true,
});

const withSpan = (
  traceId: string,
  spanId: string,
  traceFlags: number,
  ctx: Context = ROOT_CONTEXT,
) => trace.setSpanContext(ctx, { traceId, spanId, traceFlags, isRemote: false });
/** The context a server holds after extracting `carrier` with Baton. */
const extracted = (carrier: Record<string, string>) =>
  single.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
/** That context with a local child span of the same trace (what a service propagates onwards). */
const child = (ctx: Context, spanId = P) => {
  const sc = trace.getSpanContext(ctx)!;
  return trace.setSpanContext(ctx, { ...sc, spanId, isRemote: false });
};

const INJECT_SINGLE = 'R4: "Inject single: `b3: {32}-{16}-{1|0|d}`"';
const INJECT_MULTI =
  'R4: "multi: `x-b3-traceid`, `x-b3-spanid`, then `x-b3-flags: 1` or `x-b3-sampled: 1|0`. Never `x-b3-parentspanid`."';
const DEBUG =
  'R4: "Debug survives re-encoding: single `d` → multi `x-b3-flags: 1` (and no `x-b3-sampled`), multi `x-b3-flags: 1` → single `-d`."';
const NO_LEAK =
  'R4: "Debug never leaks onto a different trace: it belongs to the span context it arrived with."';
const DEBUG_KEPT =
  'R4: "every span of that trace carries it on inject, sampled locally or not (OTel B3: MUST preserve a debug trace flag, if received, and propagate it with subsequent requests)"';
const NO_SC = 'R1: "Inject with no valid span context writes no trace headers."';
const SUPPRESS = 'R1: "Honour `suppressTracing` …: nothing injected"';
const ID64 =
  'R4: "When the incoming trace id was 64-bit, the SpanContext holds the padded 32-char id …; an option may re-emit the original 16 chars"';
const DEFERRED =
  'B3: "Absent means defer the decision to the receiver" — kept absent when the extracted context is passed on unchanged (README decision)';

interface Case {
  quote: string;
  name: string;
  propagator: B3Propagator;
  context: Context;
  want: Record<string, string>;
}

const cases: Case[] = [
  {
    quote: INJECT_SINGLE,
    name: 'single sampled',
    propagator: single,
    context: withSpan(T32, S, 1),
    want: { b3: `${T32}-${S}-1` },
  },
  {
    quote: INJECT_SINGLE,
    name: 'single not sampled',
    propagator: single,
    context: withSpan(T32, S, 0),
    want: { b3: `${T32}-${S}-0` },
  },
  {
    quote: INJECT_SINGLE,
    name: 'single: W3C random flag (0x02) is not sampled',
    propagator: single,
    context: withSpan(T32, S, 2),
    want: { b3: `${T32}-${S}-0` },
  },
  {
    quote: INJECT_MULTI,
    name: 'multi sampled',
    propagator: multi,
    context: withSpan(T32, S, 1),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '1' },
  },
  {
    quote: INJECT_MULTI,
    name: 'multi not sampled',
    propagator: multi,
    context: withSpan(T32, S, 0),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '0' },
  },
  {
    quote: INJECT_MULTI,
    name: 'multi from a child of an extracted parent: no parentspanid',
    propagator: multi,
    context: child(extracted({ b3: `${T32}-${S}-1` })),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': P, 'x-b3-sampled': '1' },
  },
  {
    quote: DEBUG,
    name: 'single d → multi x-b3-flags: 1',
    propagator: multi,
    context: extracted({ b3: `${T32}-${S}-d` }),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-flags': '1' },
  },
  {
    quote: DEBUG,
    name: 'multi flags → single -d',
    propagator: single,
    context: extracted({ 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-flags': '1' }),
    want: { b3: `${T32}-${S}-d` },
  },
  {
    quote: DEBUG,
    name: 'debug kept on a child span of the same trace',
    propagator: single,
    context: child(extracted({ b3: `${T32}-${S}-d` })),
    want: { b3: `${T32}-${P}-d` },
  },
  {
    quote: DEBUG_KEPT,
    name: 'debug kept on a span of the debug trace the local sampler did not sample (single)',
    propagator: single,
    context: withSpan(T32, P, 0, extracted({ b3: `${T32}-${S}-d` })),
    want: { b3: `${T32}-${P}-d` },
  },
  {
    quote: DEBUG_KEPT,
    name: 'debug kept on a span of the debug trace the local sampler did not sample (multi)',
    propagator: multi,
    context: withSpan(
      T32,
      P,
      0,
      extracted({ 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-flags': '1' }),
    ),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': P, 'x-b3-flags': '1' },
  },
  {
    quote: NO_LEAK,
    name: 'an unsampled span of another trace in a debug context is not debug',
    propagator: single,
    context: withSpan(OTHER_T, P, 0, extracted({ b3: `${T32}-${S}-d` })),
    want: { b3: `${OTHER_T}-${P}-0` },
  },
  {
    quote: NO_LEAK,
    name: 'debug of another trace is not emitted',
    propagator: single,
    context: withSpan(T32, S, 1, setDebugTrace(ROOT_CONTEXT, OTHER_T)),
    want: { b3: `${T32}-${S}-1` },
  },
  {
    quote: NO_LEAK,
    name: 'debug context, then a new trace started in it',
    propagator: multi,
    context: withSpan(OTHER_T, P, 1, extracted({ b3: `${T32}-${S}-d` })),
    want: { 'x-b3-traceid': OTHER_T, 'x-b3-spanid': P, 'x-b3-sampled': '1' },
  },
  {
    quote: DEFERRED,
    name: 'deferred passed on as deferred (single)',
    propagator: single,
    context: extracted({ b3: `${T32}-${S}` }),
    want: { b3: `${T32}-${S}` },
  },
  {
    quote: DEFERRED,
    name: 'deferred passed on as deferred (multi)',
    propagator: multi,
    context: extracted({ 'x-b3-traceid': T32, 'x-b3-spanid': S }),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': S },
  },
  {
    quote: DEFERRED,
    name: 'a child of a deferred parent carries its own decision',
    propagator: single,
    context: child(extracted({ b3: `${T32}-${S}` })),
    want: { b3: `${T32}-${P}-0` },
  },
  { quote: NO_SC, name: 'no span context', propagator: single, context: ROOT_CONTEXT, want: {} },
  {
    quote: NO_SC,
    name: 'all-zero trace id',
    propagator: single,
    context: withSpan('0'.repeat(32), S, 1),
    want: {},
  },
  {
    quote: NO_SC,
    name: 'all-zero span id',
    propagator: multi,
    context: withSpan(T32, '0'.repeat(16), 1),
    want: {},
  },
  {
    quote: NO_SC,
    name: 'uppercase ids (invalid in OTel)',
    propagator: single,
    context: withSpan(T32.toUpperCase(), S, 1),
    want: {},
  },
  {
    quote: NO_SC,
    name: 'header-breaking ids',
    propagator: multi,
    context: withSpan(`${T32.slice(2)}\r\nx`, S, 1),
    want: {},
  },
  {
    quote: SUPPRESS,
    name: 'suppressTracing (single)',
    propagator: single,
    context: suppressTracing(withSpan(T32, S, 1)),
    want: {},
  },
  {
    quote: SUPPRESS,
    name: 'suppressTracing (multi)',
    propagator: multi,
    context: suppressTracing(withSpan(T32, S, 1)),
    want: {},
  },
  {
    quote: ID64,
    name: 'default: a 64-bit id is emitted padded',
    propagator: single,
    context: extracted({ b3: `${T16}-${S}-1` }),
    want: { b3: `${T16_PADDED}-${S}-1` },
  },
  {
    quote: ID64,
    name: 'emit64BitTraceIds: 16 chars again (single)',
    propagator: single64,
    context: extracted({ b3: `${T16}-${S}-1` }),
    want: { b3: `${T16}-${S}-1` },
  },
  {
    quote: ID64,
    name: 'emit64BitTraceIds: 16 chars again (multi)',
    propagator: multi64,
    context: extracted({ 'x-b3-traceid': T16, 'x-b3-spanid': S, 'x-b3-sampled': '0' }),
    want: { 'x-b3-traceid': T16, 'x-b3-spanid': S, 'x-b3-sampled': '0' },
  },
  {
    quote: ID64,
    name: 'emit64BitTraceIds: a 128-bit id stays 32 chars',
    propagator: single64,
    context: withSpan(T32, S, 1),
    want: { b3: `${T32}-${S}-1` },
  },
  {
    quote: ID64,
    name: 'emit64BitTraceIds: 15 leading zeros is 128-bit',
    propagator: single64,
    context: withSpan(`000000000000000${'1'.repeat(17)}`, S, 1),
    want: { b3: `000000000000000${'1'.repeat(17)}-${S}-1` },
  },
  {
    quote: 'B3SinglePropagator injects `b3`',
    name: 'B3SinglePropagator',
    propagator: new B3SinglePropagator(),
    context: withSpan(T32, S, 1),
    want: { b3: `${T32}-${S}-1` },
  },
  {
    quote: 'B3MultiPropagator injects `x-b3-*`',
    name: 'B3MultiPropagator',
    propagator: new B3MultiPropagator(),
    context: withSpan(T32, S, 0),
    want: { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '0' },
  },
];

test.each(cases)('$name — $quote', ({ propagator, context, want }) => {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  expect(carrier).toEqual(want);
});

describe('inject never throws', () => {
  // R1: "Inject never throws"
  test.each([single, multi])('a throwing setter: %s', (propagator) => {
    const setter: TextMapSetter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => propagator.inject(withSpan(T32, S, 1), {}, setter)).not.toThrow();
  });
  test.each([single, multi])('a frozen carrier: %s', (propagator) => {
    const carrier = Object.freeze({});
    expect(() =>
      propagator.inject(withSpan(T32, S, 1), carrier, defaultTextMapSetter),
    ).not.toThrow();
  });
});

describe('fields() and toString()', () => {
  // R4: "`fields()` = the headers of the configured inject encoding." R1: "lowercase, no duplicates".
  test.each([
    [single, ['b3'], 'B3(single)'],
    [new B3SinglePropagator(), ['b3'], 'B3(single)'],
    [multi, ['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled'], 'B3(multi)'],
    [
      new B3MultiPropagator(),
      ['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled'],
      'B3(multi)',
    ],
  ] as const)('%s', (propagator, fields, description) => {
    expect(propagator.fields()).toEqual(fields);
    expect(String(propagator)).toBe(description);
  });
  test('fields() is exactly the set of keys inject writes across every state', () => {
    for (const propagator of [single, multi]) {
      const written = new Set<string>();
      for (const ctx of cases.map((c) => c.context)) {
        const carrier: Record<string, string> = {};
        propagator.inject(ctx, carrier, defaultTextMapSetter);
        Object.keys(carrier).forEach((k) => written.add(k));
      }
      expect([...written].sort()).toEqual([...propagator.fields()].sort());
    }
  });
  test('a caller mutating fields() does not change the propagator', () => {
    single.fields().push('x');
    expect(single.fields()).toEqual(['b3']);
  });
});

describe('tracestate of an identical span context is kept', () => {
  // R4: "Preserve `tracestate`: when B3 extracts the same trace and span id as a span context already
  // in the context, keep that context's `traceState`."
  const ts = new TraceState('vendor=abc');
  const w3c = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: T32,
    spanId: S,
    traceFlags: 1,
    isRemote: true,
    traceState: ts,
  });
  test('same ids → traceState kept', () => {
    const out = single.extract(w3c, { b3: `${T32}-${S}-1` }, defaultTextMapGetter);
    expect(trace.getSpanContext(out)?.traceState?.serialize()).toBe('vendor=abc');
  });
  test('other span id → traceState not carried over', () => {
    const out = single.extract(w3c, { b3: `${T32}-${P}-1` }, defaultTextMapGetter);
    expect(trace.getSpanContext(out)?.spanId).toBe(P);
    expect(trace.getSpanContext(out)?.traceState).toBeUndefined();
  });
});
