/**
 * Work the composite does once per call on behalf of all members: one getter.keys() per extract
 * (src/getter.ts), one baggage getAllEntries() per inject among Baton members
 * (src/shared-baggage.ts), one context copy per changed key (src/overlay.ts). Results must be the
 * same as without the sharing.
 */
import {
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Baggage,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { W3CBaggagePropagator as CoreBaggage } from '@opentelemetry/core';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator } from '../src';
import { Overlay } from '../src/overlay';
import { getter, remote, S1, setter, T1 } from './support';

const batonMembers = (): TextMapPropagator[] => [
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new B3Propagator(),
  new JaegerPropagator(),
];

function countingGetter(keysImpl?: (carrier: unknown) => string[]) {
  const calls = { keys: 0, get: 0 };
  const g: TextMapGetter = {
    get: (c, k) => {
      calls.get++;
      return getter.get(c, k);
    },
    keys: (c) => {
      calls.keys++;
      return keysImpl ? keysImpl(c) : getter.keys(c);
    },
  };
  return { g, calls };
}

describe('extract: one keys() per call', () => {
  test('members that miss their headers share one keys() call', () => {
    const { g, calls } = countingGetter();
    const carrier = { Traceparent: `00-${T1}-${S1}-01`, 'content-type': 'text/plain' };
    const ctx = new CompositePropagator({ propagators: batonMembers() }).extract(
      ROOT_CONTEXT,
      carrier,
      g,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1); // found by the case-insensitive scan
    expect(calls.keys).toBe(1);
  });

  test('every extract calls keys() afresh (nothing kept between requests)', () => {
    const { g, calls } = countingGetter();
    const composite = new CompositePropagator({ propagators: batonMembers() });
    composite.extract(ROOT_CONTEXT, { a: '1' }, g);
    composite.extract(ROOT_CONTEXT, { a: '1' }, g);
    expect(calls.keys).toBe(2);
  });

  test('a keys() that throws is not remembered: each member sees the throw, extract goes on', () => {
    const { g, calls } = countingGetter(() => {
      throw new Error('no keys');
    });
    const ctx = new CompositePropagator({ propagators: batonMembers() }).extract(
      ROOT_CONTEXT,
      { traceparent: `00-${T1}-${S1}-01` },
      g,
    );
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S1);
    expect(calls.keys).toBeGreaterThan(1);
  });

  test('the user getter is called with its own this', () => {
    const g = {
      prefix: 'x-',
      get(this: { prefix: string }, c: Record<string, string>, k: string) {
        return c[this.prefix + k];
      },
      keys(this: { prefix: string }, c: Record<string, string>) {
        return Object.keys(c).map((k) => k.slice(this.prefix.length));
      },
    };
    const ctx = new CompositePropagator({ propagators: batonMembers() }).extract(
      ROOT_CONTEXT,
      { 'x-traceparent': `00-${T1}-${S1}-01` },
      g,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
  });
});

describe('extract: members write into an overlay, the result is a real context', () => {
  const K = createContextKey('shared-work test key');

  test('the returned context is of the input context class, not the overlay', () => {
    const ctx = new CompositePropagator({ propagators: batonMembers() }).extract(
      ROOT_CONTEXT,
      { traceparent: `00-${T1}-${S1}-01`, baggage: 'k=v', 'uberctx-j': 'w' },
      getter,
    );
    expect(ctx).not.toBeInstanceOf(Overlay);
    expect(ctx.constructor).toBe(ROOT_CONTEXT.constructor);
    expect(propagation.getBaggage(ctx)?.getEntry('k')?.value).toBe('v');
    expect(propagation.getBaggage(ctx)?.getEntry('j')?.value).toBe('w');
  });

  test('a member that returns an unrelated context: later members build on it', () => {
    const unrelated: TextMapPropagator = {
      inject: () => undefined,
      extract: () => ROOT_CONTEXT.setValue(K, 'mine'),
      fields: () => [],
    };
    const ctx = new CompositePropagator({
      propagators: [unrelated, new W3CTraceContextPropagator()],
    }).extract(ROOT_CONTEXT, { traceparent: `00-${T1}-${S1}-01` }, getter);
    expect(ctx.getValue(K)).toBe('mine');
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
  });

  test('a member that writes many keys keeps them all', () => {
    const keys = Array.from({ length: 200 }, (_, i) => createContextKey(`many ${i}`));
    const writer: TextMapPropagator = {
      inject: () => undefined,
      extract: (c: Context) => keys.reduce((acc, k, i) => acc.setValue(k, i), c),
      fields: () => [],
    };
    const ctx = new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), writer],
    }).extract(ROOT_CONTEXT, { traceparent: `00-${T1}-${S1}-01` }, getter);
    expect(ctx).not.toBeInstanceOf(Overlay);
    keys.forEach((k, i) => expect(ctx.getValue(k)).toBe(i));
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S1);
  });
});

describe('inject: Baton members share one getAllEntries()', () => {
  function countingBaggage(): { bag: Baggage; calls: { all: number } } {
    const inner = propagation.createBaggage({
      user: { value: 'alice' },
      tenant: { value: 'acme' },
    });
    const calls = { all: 0 };
    const bag = Object.create(inner) as Baggage;
    bag.getAllEntries = () => {
      calls.all++;
      return inner.getAllEntries();
    };
    return { bag, calls };
  }
  const injectCtx = (bag: Baggage) =>
    propagation.setBaggage(trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1)), bag);

  test('W3C baggage and Jaeger read the entries once; the headers are the same', () => {
    const { bag, calls } = countingBaggage();
    const carrier: Record<string, string> = {};
    new CompositePropagator({ propagators: batonMembers() }).inject(
      injectCtx(bag),
      carrier,
      setter,
    );
    expect(calls.all).toBe(1);
    expect(carrier.baggage).toBe('user=alice,tenant=acme');
    expect(carrier['uberctx-user']).toBe('alice');
    expect(carrier['uberctx-tenant']).toBe('acme');
    expect(carrier.traceparent).toBe(`00-${T1}-${S1}-01`);

    // Each member on its own writes the same headers.
    const alone: Record<string, string> = {};
    for (const m of batonMembers()) m.inject(injectCtx(countingBaggage().bag), alone, setter);
    expect(carrier).toEqual(alone);
  });

  test('with a foreign member nothing is shared (it might change the array)', () => {
    const { bag, calls } = countingBaggage();
    const carrier: Record<string, string> = {};
    new CompositePropagator({ propagators: [new CoreBaggage(), new JaegerPropagator()] }).inject(
      injectCtx(bag),
      carrier,
      setter,
    );
    expect(calls.all).toBe(2);
    expect(carrier['uberctx-user']).toBe('alice');
  });

  test('no baggage: members inject as before', () => {
    const carrier: Record<string, string> = {};
    new CompositePropagator({ propagators: batonMembers() }).inject(
      trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1)),
      carrier,
      setter,
    );
    expect(carrier.traceparent).toBe(`00-${T1}-${S1}-01`);
    expect(carrier.baggage).toBeUndefined();
  });
});
