/**
 * The walk presence makes of a plain carrier is lent to the one member the composite then runs
 * (beginWalkedCarrier in @baton/internal): that member's case-insensitive fallback for the names
 * the walk covered — W3C `tracestate` after a `traceparent` — is answered without a second walk.
 *
 * REQUIREMENTS §1: "Header names are matched case-insensitively". The lent walk may only ever
 * answer "absent in every case" when the walk proved it, and only while the member runs. These
 * tests fail when the composite lends a walk that saw a name in another case, or does not take it
 * back when the member returns or throws.
 */
import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { HEADERS_READ, KEEPS_BATON_RULES } from '@baton/internal';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { CompositePropagator } from '@baton/propagator-composite';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';
const getter = defaultTextMapGetter;

const xrayChain = (): CompositePropagator =>
  new CompositePropagator({
    propagators: [
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
      new AWSXRayPropagator(),
    ],
  });

const traceStateOf = (ctx: Context): string | undefined =>
  trace.getSpanContext(ctx)?.traceState?.serialize();

test('a tracestate in another case beside a lowercase traceparent is still read (no walk is lent)', () => {
  const carrier = { host: 'h', traceparent: `00-${T}-${S}-01`, TraceState: 'congo=t61rcWkgMzE' };
  expect(traceStateOf(xrayChain().extract(ROOT_CONTEXT, carrier, getter))).toBe(
    'congo=t61rcWkgMzE',
  );
});

test('a carrier with only a tracestate runs no member: a dependent name is walked, not a lead', () => {
  const calls: string[] = [];
  const w3c = new W3CTraceContextPropagator();
  const spy = Object.assign(Object.create(w3c) as W3CTraceContextPropagator, {
    extract(ctx: Context, c: unknown, g: typeof getter) {
      calls.push('w3c');
      return w3c.extract(ctx, c, g);
    },
  });
  const composite = new CompositePropagator({ propagators: [spy, new W3CBaggagePropagator()] });
  const out = composite.extract(ROOT_CONTEXT, { tracestate: 'a=1' }, getter);
  expect(out).toBe(ROOT_CONTEXT);
  expect(calls).toEqual([]);
});

test('the walk is taken back when the member returns: a header added later is read', () => {
  const carrier: Record<string, string> = { host: 'h', traceparent: `00-${T}-${S}-01` };
  const composite = xrayChain();
  expect(traceStateOf(composite.extract(ROOT_CONTEXT, carrier, getter))).toBeUndefined();
  // The same object, now with a tracestate in another case (a case-keeping carrier reused).
  carrier.TraceState = 'rojo=00f067aa0ba902b7';
  expect(traceStateOf(new W3CTraceContextPropagator().extract(ROOT_CONTEXT, carrier, getter))).toBe(
    'rojo=00f067aa0ba902b7',
  );
});

test('the walk is taken back when the member throws', () => {
  // A member that keeps Baton's rules, describes itself and declares its header, so the composite
  // takes the single-member path for it and lends the walk; its extract throws.
  const throwing: TextMapPropagator & { [k: symbol]: unknown; toString(): string } = {
    [KEEPS_BATON_RULES]: true,
    [HEADERS_READ]: { names: ['x-boom'], prefixes: [] },
    extract: () => {
      throw new Error('boom');
    },
    inject: () => undefined,
    fields: () => ['x-boom'],
    toString: () => 'Boom',
  };
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), throwing],
  });
  // Only x-boom: the single-member path, with the walk (it covered tracestate) lent to the member.
  const walkedCarrier: Record<string, string> = { 'x-boom': '1' };
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(composite.extract(ROOT_CONTEXT, walkedCarrier, getter)).toBe(ROOT_CONTEXT);
  } finally {
    stderr.mockRestore();
  }
  walkedCarrier.traceparent = `00-${T}-${S}-01`;
  walkedCarrier.TraceState = 'rojo=00f067aa0ba902b7';
  expect(
    traceStateOf(new W3CTraceContextPropagator().extract(ROOT_CONTEXT, walkedCarrier, getter)),
  ).toBe('rojo=00f067aa0ba902b7');
});
