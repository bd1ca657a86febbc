/**
 * INJECT_SPAN_CONTEXT (@baton/internal): the composite reads the span context and the baggage once
 * and hands them to every member that promised to write, given them, exactly what its own inject
 * writes.
 *
 * REQUIREMENTS §7: the composite "injects with every member, in order" — the shared read must not
 * change a single header. Checked for every member that makes the promise, over contexts made the
 * way services make them (extracted from each format, with the debug, deferred and random records
 * those leave; a local span of the same trace; ids invalid or uppercase; baggage with a Lineage and
 * items), against the member's own inject; and the composite's use of it: once per inject, never
 * when tracing is suppressed, and not at all when the span cannot be read; the baggage read once.
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  INJECT_SPAN_CONTEXT,
  injectsSpanContext,
  KEEPS_BATON_RULES,
  type SpanContextInject,
} from '@baton/internal';
import { AWSXRayLambdaPropagator, AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { CloudTracePropagator } from '@baton/propagator-cloud-trace';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { CompositePropagator } from '@baton/propagator-composite';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';
const T64 = '0000000000000000' + 'a3ce929d0e0e4736';

type Injector = TextMapPropagator & { [INJECT_SPAN_CONTEXT]: SpanContextInject };

const members: Array<[string, Injector]> = [
  ['W3CTraceContext', new W3CTraceContextPropagator() as unknown as Injector],
  ['B3 single', new B3Propagator() as unknown as Injector],
  [
    'B3 multi, 64-bit ids',
    new B3Propagator({
      injectEncoding: B3InjectEncoding.MULTI_HEADER,
      emit64BitTraceIds: true,
    }) as unknown as Injector,
  ],
  ['Jaeger', new JaegerPropagator() as unknown as Injector],
  ['AWSXRay', new AWSXRayPropagator() as unknown as Injector],
  ['AWSXRayLambda', new AWSXRayLambdaPropagator() as unknown as Injector],
  ['OTTrace', new OTTracePropagator() as unknown as Injector],
  ['CloudTrace', new CloudTracePropagator() as unknown as Injector],
  ['W3CBaggage', new W3CBaggagePropagator() as unknown as Injector],
];

test.each(members)('%s makes the promise', (_name, member) => {
  expect(injectsSpanContext(member)).toBe(true);
});

// What arrives: each format, with the records its extract leaves in the context.
const arrivals: Array<Record<string, string>> = [
  {},
  { traceparent: `00-${T}-${S}-03`, tracestate: 'congo=t61rcWkgMzE' },
  { traceparent: `00-${T64}-${S}-01` },
  { b3: `${T}-${S}-d` },
  { b3: `${T}-${S}` },
  { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '0' },
  { 'uber-trace-id': `${T}:${S}:0:3`, 'uberctx-tenant': 'acme' },
  {
    'x-amzn-trace-id': `Root=1-${T.slice(0, 8)}-${T.slice(8)};Parent=${S};Sampled=?;Lineage=a87bd80c:1|68fd508a:5`,
  },
  {
    'ot-tracer-traceid': T,
    'ot-tracer-spanid': S,
    'ot-tracer-sampled': 'true',
    'ot-baggage-user': 'alice',
  },
  { baggage: 'userId=alice,Lineage=10:1234abcd:3' },
  { 'x-cloud-trace-context': `${T}/6051944581468226356;o=1` },
];
const readers = new CompositePropagator({
  propagators: [
    new W3CTraceContextPropagator(),
    new W3CBaggagePropagator(),
    new B3Propagator(),
    new JaegerPropagator(),
    new AWSXRayPropagator(),
    new OTTracePropagator(),
    new CloudTracePropagator(),
  ],
});

// Then, maybe, a local span: of the same trace (a child), or with ids no header may carry.
const localSpans: Array<((ctx: Context) => SpanContext | undefined) | undefined> = [
  undefined,
  (ctx) => {
    const sc = trace.getSpanContext(ctx);
    return sc && { ...sc, spanId: '53995c3f42cd8ad8', isRemote: false };
  },
  () => ({ traceId: T, spanId: S, traceFlags: 0, isRemote: false }),
  () => ({ traceId: T.toUpperCase(), spanId: S, traceFlags: 1, isRemote: false }),
  () => ({ traceId: '0'.repeat(32), spanId: S, traceFlags: 1, isRemote: false }),
  () => ({ traceId: T, spanId: 'xyz', traceFlags: 1, isRemote: false }),
];

function contextOf(arrival: number, local: number): Context {
  let ctx = readers.extract(ROOT_CONTEXT, arrivals[arrival], defaultTextMapGetter);
  const make = localSpans[local];
  if (make !== undefined) {
    const sc = make(ctx);
    if (sc !== undefined) ctx = trace.setSpanContext(ctx, sc);
  }
  return ctx;
}

describe.each(members)('%s: the given span context writes what inject writes', (_name, member) => {
  test('every arrival, every local span', () => {
    fc.assert(
      fc.property(fc.nat(arrivals.length - 1), fc.nat(localSpans.length - 1), (arrival, local) => {
        const ctx = contextOf(arrival, local);
        const own: Record<string, string> = {};
        member.inject(ctx, own, defaultTextMapSetter);
        const given: Record<string, string> = {};
        member[INJECT_SPAN_CONTEXT](
          ctx,
          trace.getSpanContext(ctx),
          propagation.getBaggage(ctx),
          given,
          defaultTextMapSetter,
        );
        expect(given).toEqual(own);
      }),
      { numRuns: 200 },
    );
  });

  test('a span context and a baggage whose reads throw: nothing is written, nothing is thrown', () => {
    const boom = {
      get() {
        throw new Error('boom');
      },
    };
    const hostile = Object.defineProperty({}, 'traceId', boom) as SpanContext;
    const hostileBaggage = Object.defineProperties(
      {},
      {
        getAllEntries: boom,
        getEntry: boom,
      },
    ) as Baggage;
    const c: Record<string, string> = {};
    expect(() =>
      member[INJECT_SPAN_CONTEXT](ROOT_CONTEXT, hostile, hostileBaggage, c, defaultTextMapSetter),
    ).not.toThrow();
    expect(c).toEqual({});
  });
});

describe('the composite reads the span context once for the members that promised', () => {
  function recording(calls: unknown[][]): Injector {
    return {
      [INJECT_SPAN_CONTEXT]: (_ctx: Context, sc: SpanContext | undefined, bag?: Baggage) =>
        calls.push(bag === undefined ? ['given', sc] : ['given', sc, bag.getAllEntries()]),
      inject: () => calls.push(['inject']),
      extract: (ctx: Context) => ctx,
      fields: () => [],
    } as Injector;
  }
  const sc: SpanContext = { traceId: T, spanId: S, traceFlags: 1, isRemote: false };

  test('a member that promised is given the span context instead of being asked to inject', () => {
    const calls: unknown[][] = [];
    new CompositePropagator({ propagators: [recording(calls), new W3CBaggagePropagator()] }).inject(
      trace.setSpanContext(ROOT_CONTEXT, sc),
      {},
      defaultTextMapSetter,
    );
    expect(calls).toEqual([['given', sc]]);
  });

  test('a context without a span: the member is given undefined, and the baggage (Jaeger still sends it)', () => {
    const calls: unknown[][] = [];
    const bag = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ k: { value: 'v' } }),
    );
    new CompositePropagator({ propagators: [recording(calls)] }).inject(
      bag,
      {},
      defaultTextMapSetter,
    );
    expect(calls).toEqual([['given', undefined, [['k', { value: 'v' }]]]]);
    const c: Record<string, string> = {};
    new CompositePropagator({ propagators: [new JaegerPropagator(), new B3Propagator()] }).inject(
      bag,
      c,
      defaultTextMapSetter,
    );
    expect(c).toEqual({ 'uberctx-k': 'v' });
  });

  test('the baggage the context holds is given too, its entries unchanged', () => {
    const calls: unknown[][] = [];
    const bag = propagation.createBaggage({ k: { value: 'v' } });
    new CompositePropagator({ propagators: [recording(calls), new W3CBaggagePropagator()] }).inject(
      propagation.setBaggage(trace.setSpanContext(ROOT_CONTEXT, sc), bag),
      {},
      defaultTextMapSetter,
    );
    expect(calls).toEqual([['given', sc, bag.getAllEntries()]]);
  });

  test('the baggage is read from the context once for every member (W3C, W3C baggage, X-Ray)', () => {
    // A Context whose reads are counted: before the baggage was given, the composite, the baggage
    // member and X-Ray (for Lineage) each read it.
    const BAGGAGE_KEY = Symbol.for('OpenTelemetry Baggage Key');
    let baggageReads = 0;
    const real = propagation.setBaggage(
      trace.setSpanContext(ROOT_CONTEXT, sc),
      propagation.createBaggage({ k: { value: 'v' } }),
    );
    const counting = (base: Context): Context => ({
      getValue: (key) => {
        if (key === BAGGAGE_KEY) baggageReads++;
        return base.getValue(key);
      },
      setValue: (key, value) => counting(base.setValue(key, value)),
      deleteValue: (key) => counting(base.deleteValue(key)),
    });
    const c: Record<string, string> = {};
    new CompositePropagator({
      propagators: [
        new W3CTraceContextPropagator(),
        new W3CBaggagePropagator(),
        new AWSXRayPropagator(),
      ],
    }).inject(counting(real), c, defaultTextMapSetter);
    expect(baggageReads).toBe(1);
    expect(Object.keys(c)).toEqual(['traceparent', 'baggage', 'x-amzn-trace-id']);
  });

  test('a Baton member without the promise beside those with it finds the shared baggage in its context', () => {
    // Shared (see shared-baggage.ts): getAllEntries() answers the same array twice; the API's
    // Baggage builds a new one per call.
    const seen: unknown[] = [];
    const own = {
      [KEEPS_BATON_RULES]: true,
      inject: (ctx: Context) => {
        const b = propagation.getBaggage(ctx);
        seen.push(b?.getAllEntries(), b !== undefined && b.getAllEntries() === b.getAllEntries());
      },
      extract: (ctx: Context) => ctx,
      fields: () => [],
    } as TextMapPropagator;
    const bag = propagation.createBaggage({ k: { value: 'v' } });
    const c: Record<string, string> = {};
    new CompositePropagator({ propagators: [new W3CBaggagePropagator(), own] }).inject(
      propagation.setBaggage(ROOT_CONTEXT, bag),
      c,
      defaultTextMapSetter,
    );
    expect(seen).toEqual([bag.getAllEntries(), true]);
    expect(c).toEqual({ baggage: 'k=v' });
  });

  test('tracing suppressed: no member is called at all', () => {
    const calls: unknown[][] = [];
    new CompositePropagator({ propagators: [recording(calls)] }).inject(
      suppressTracing(trace.setSpanContext(ROOT_CONTEXT, sc)),
      {},
      defaultTextMapSetter,
    );
    expect(calls).toEqual([]);
  });

  test('a span whose spanContext() throws: each member injects on its own (and meets the throw)', () => {
    const calls: unknown[][] = [];
    const span = trace.wrapSpanContext(sc);
    span.spanContext = () => {
      throw new Error('boom');
    };
    new CompositePropagator({ propagators: [recording(calls)] }).inject(
      trace.setSpan(ROOT_CONTEXT, span),
      {},
      defaultTextMapSetter as TextMapSetter,
    );
    expect(calls).toEqual([['inject']]);
  });

  test('the headers of a composite of every member equal those of its members injecting one by one', () => {
    fc.assert(
      fc.property(fc.nat(arrivals.length - 1), fc.nat(localSpans.length - 1), (arrival, local) => {
        const ctx = contextOf(arrival, local);
        const all = members.map(([, m]) => m as TextMapPropagator);
        const together: Record<string, string> = {};
        new CompositePropagator({ propagators: all }).inject(ctx, together, defaultTextMapSetter);
        const oneByOne: Record<string, string> = {};
        for (const m of all) m.inject(ctx, oneByOne, defaultTextMapSetter);
        expect(together).toEqual(oneByOne);
      }),
      { numRuns: 200 },
    );
  });
});

test('past 30 inject members, the rest inject the usual way (no bit wraps onto another member)', () => {
  const calls: string[] = [];
  const injector = {
    [INJECT_SPAN_CONTEXT]: () => calls.push('given'),
    inject: () => calls.push('injector.inject'),
    extract: (ctx: Context) => ctx,
    fields: () => [],
  } as unknown as TextMapPropagator;
  const plain = (n: number): TextMapPropagator => ({
    inject: () => calls.push(`plain ${n}`),
    extract: (ctx: Context) => ctx,
    fields: () => [],
  });
  // Member 0 made the promise; member 32 (1 << 32 === 1) did not.
  const propagators = [injector, ...Array.from({ length: 32 }, (_, n) => plain(n + 1))];
  const sc: SpanContext = { traceId: T, spanId: S, traceFlags: 1, isRemote: false };
  new CompositePropagator({ propagators }).inject(
    trace.setSpanContext(ROOT_CONTEXT, sc),
    {},
    defaultTextMapSetter,
  );
  expect(calls[0]).toBe('given');
  expect(calls).toHaveLength(33);
  expect(calls[32]).toBe('plain 32');
});
