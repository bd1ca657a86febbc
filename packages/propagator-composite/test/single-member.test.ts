/**
 * The single-member path (CompositePropagator.extractOne): when presence leaves one member to run,
 * a member that keeps Baton's rules, it extracts straight from the input context, with no overlay
 * and no reconciliation. It must give exactly what the general path gives: checked against the same
 * composite with the path turned off, over random carriers (random header case) and random input
 * contexts (empty, holding a span of the same or another trace with a tracestate and flag bits,
 * baggage, a debug value).
 */
import fc from 'fast-check';
import {
  createContextKey,
  defaultTextMapGetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { getPlatformId, PlatformIdPropagator } from '@baton/propagator-platform-id';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { DEBUG_TRACE_KEY } from '@baton/internal';
import { CompositePropagator } from '@baton/propagator-composite';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';
const T2 = '463ac35c9f6413ad48485a3953bb6124';
const OFFICIAL_B3_DEBUG_KEY = createContextKey('OpenTelemetry Context Key B3 Debug Flag');
/** A tracestate as W3C extract makes it. */
const STATE = trace.getSpanContext(
  new W3CTraceContextPropagator().extract(
    ROOT_CONTEXT,
    { traceparent: `00-${T}-${S}-01`, tracestate: 'congo=t61rcWkgMzE' },
    defaultTextMapGetter,
  ),
)!.traceState;

const everyFormat = (): TextMapPropagator[] => [
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  new JaegerPropagator(),
  new PlatformIdPropagator(),
];

/** The same composite, with the single-member path on or off. */
function composite(
  singleMemberPath: boolean,
  members: () => TextMapPropagator[] = everyFormat,
): CompositePropagator {
  const c = new CompositePropagator({ propagators: members() });
  if (!singleMemberPath) (c as unknown as { singleMembers: number }).singleMembers = 0;
  return c;
}

function summary(input: Context, ctx: Context): unknown {
  const sc = trace.getSpanContext(ctx);
  return {
    same: ctx === input,
    span: sc && [sc.traceId, sc.spanId, sc.traceFlags, sc.isRemote, sc.traceState?.serialize()],
    baggage: propagation.getBaggage(ctx)?.getAllEntries(),
    platformId: getPlatformId(ctx),
    debug: ctx.getValue(DEBUG_TRACE_KEY),
    officialDebug: ctx.getValue(OFFICIAL_B3_DEBUG_KEY),
  };
}

test('a traceparent-only carrier: the member gets the input context itself', () => {
  const members = everyFormat();
  const spies = members.map((m) => jest.spyOn(m, 'extract'));
  const c = new CompositePropagator({ propagators: members });
  const ctx = c.extract(ROOT_CONTEXT, { traceparent: `00-${T}-${S}-01` }, defaultTextMapGetter);
  expect(trace.getSpanContext(ctx)?.traceId).toBe(T);
  expect(spies.map((s) => s.mock.calls.length)).toEqual([1, 0, 0, 0, 0, 0]);
  expect(spies[0].mock.calls[0][0]).toBe(ROOT_CONTEXT);
});

test('an input context holding a span: the general path runs (carry-over may apply)', () => {
  const members = everyFormat();
  const spy = jest.spyOn(members[0], 'extract');
  const input = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: T,
    spanId: S,
    traceFlags: TraceFlags.SAMPLED | 2,
    isRemote: true,
  });
  const ctx = new CompositePropagator({ propagators: members }).extract(
    input,
    { traceparent: `00-${T}-${S}-01` },
    defaultTextMapGetter,
  );
  expect(spy.mock.calls[0][0]).not.toBe(input);
  expect(trace.getSpanContext(ctx)?.traceFlags).toBe(TraceFlags.SAMPLED | 2);
});

test('no member has a header: the input context is returned', () => {
  const input = ROOT_CONTEXT.setValue(createContextKey('k'), 1);
  expect(composite(true).extract(input, { accept: '*/*' }, defaultTextMapGetter)).toBe(input);
});

test('a member that throws on the single-member path is reported and the input returned', () => {
  const w3c = new W3CTraceContextPropagator();
  jest.spyOn(w3c, 'extract').mockImplementation(() => {
    throw new Error('boom');
  });
  const c = new CompositePropagator({ propagators: [w3c, new B3Propagator()] });
  const ctx = c.extract(ROOT_CONTEXT, { traceparent: `00-${T}-${S}-01` }, defaultTextMapGetter);
  expect(ctx).toBe(ROOT_CONTEXT);
});

describe('the single-member path gives what the general path gives', () => {
  const names = [
    'traceparent',
    'tracestate',
    'baggage',
    'b3',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'x-b3-flags',
    'uber-trace-id',
    'uberctx-user',
    'platform-id',
    'accept',
  ];
  const values = [
    `00-${T}-${S}-01`,
    `00-${T2}-${S}-03`,
    `00-${T}-${S}-zz`,
    'rojo=00f067aa0ba902b7',
    'user=alice,tenant=acme',
    `${T}-${S}-1`,
    `${T}-${S}-d`,
    `${T2}-${S}-0`,
    T,
    T2,
    S,
    '1',
    'd',
    `${T}:${S}:0:1`,
    `${T}:${S}:0:3`,
    'alice',
    'plat-7f3a',
    'garbage',
    '',
  ];
  const header = fc.tuple(fc.constantFrom(...names), fc.boolean(), fc.constantFrom(...values));
  const span = fc.record({
    traceId: fc.constantFrom(T, T2),
    spanId: fc.constant(S),
    flags: fc.constantFrom(0, 1, 2, 3),
    state: fc.boolean(),
  });
  const input = fc
    .record({
      span: fc.option(span),
      baggage: fc.boolean(),
      debug: fc.option(fc.constantFrom(T, T2)),
      officialDebug: fc.boolean(),
    })
    .map(({ span: s, baggage, debug, officialDebug }) => {
      let ctx: Context = ROOT_CONTEXT;
      if (s !== null) {
        ctx = trace.setSpanContext(ctx, {
          traceId: s.traceId,
          spanId: s.spanId,
          traceFlags: s.flags,
          isRemote: true,
          traceState: s.state ? STATE : undefined,
        });
      }
      if (baggage) {
        ctx = propagation.setBaggage(ctx, propagation.createBaggage({ k: { value: 'v' } }));
      }
      if (debug !== null) ctx = ctx.setValue(DEBUG_TRACE_KEY, debug);
      if (officialDebug) ctx = ctx.setValue(OFFICIAL_B3_DEBUG_KEY, 'd');
      return ctx;
    });

  const ownGetter: TextMapGetter<Record<string, string>> = {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  };
  /** The composite with the single-member path on and off give the same result. */
  function expectSamePaths(
    members: () => TextMapPropagator[],
    getter: TextMapGetter,
    numRuns: number,
  ): void {
    const on = composite(true, members);
    const off = composite(false, members);
    fc.assert(
      fc.property(fc.array(header, { maxLength: 4 }), input, (headers, ctx) => {
        const carrier: Record<string, string> = {};
        for (const [name, upper, value] of headers)
          carrier[upper ? name.toUpperCase() : name] = value;
        expect(summary(ctx, on.extract(ctx, carrier, getter))).toEqual(
          summary(ctx, off.extract(ctx, carrier, getter)),
        );
      }),
      { numRuns },
    );
  }

  test.each([
    ['the default getter', defaultTextMapGetter],
    ['a getter of its own', ownGetter],
  ])('20,000 random carriers and input contexts through %s', (_, getter) => {
    expectSamePaths(everyFormat, getter, 20_000);
  });

  // One extract member (B3 single + multi run once): with its header present (presence's "every
  // member present"), the composite takes the single-member path (composite-propagator.ts, extract).
  const soles: Array<[string, () => TextMapPropagator[]]> = [
    ['tracecontext', () => [new W3CTraceContextPropagator()]],
    ['baggage', () => [new W3CBaggagePropagator()]],
    [
      'b3,b3multi',
      () => [
        new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
        new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
      ],
    ],
    ['jaeger', () => [new JaegerPropagator()]],
    ['platform-id', () => [new PlatformIdPropagator()]],
  ];
  test.each(soles)(
    'one extract member (%s): 5,000 random carriers and input contexts',
    (_, members) => {
      expectSamePaths(members, defaultTextMapGetter, 5_000);
    },
  );
});

test('one extract member: it gets the input context itself (no overlay, no reconciliation)', () => {
  const b3 = new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
  const spy = jest.spyOn(b3, 'extract');
  const c = new CompositePropagator({
    propagators: [b3, new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })],
  });
  // Node's request headers: presence's shortcut would find every member's header ("all present")
  // and take the general path, which hands the member an overlay of the input.
  const ctx = c.extract(ROOT_CONTEXT, { accept: '*/*', b3: `${T}-${S}-1` }, defaultTextMapGetter);
  expect(trace.getSpanContext(ctx)?.traceId).toBe(T);
  expect(spy.mock.calls.length).toBe(1);
  expect(spy.mock.calls[0][0]).toBe(ROOT_CONTEXT);
});
