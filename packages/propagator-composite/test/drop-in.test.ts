/**
 * Drop-in for @opentelemetry/core's CompositePropagator (REQUIREMENTS §7: "Default precedence as core
 * (`last valid wins`), so it is a drop-in ... Works with any TextMapPropagator, including
 * @opentelemetry/core's"), and the direction options ("separate inject / extract member lists
 * (migration: read B3 + W3C, write W3C only)").
 */
import { ROOT_CONTEXT, trace, TraceFlags, type TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator as CoreComposite,
  suppressTracing,
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator as OfficialB3 } from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import fc from 'fast-check';
import { CompositePropagator } from '@baton/propagator-composite';
import { FixedPropagator, getter, remote, S1, S2, setter, T1, T2, traceparent } from './support';

const officialMembers = (): TextMapPropagator[] => [
  new CoreTraceContext(),
  new CoreBaggage(),
  new OfficialB3({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  new OfficialJaeger(),
];

describe('same semantics as core', () => {
  test('fields(): the ordered union, duplicates removed, a fresh copy each call', () => {
    const members = [...officialMembers(), new CoreTraceContext()];
    const baton = new CompositePropagator({ propagators: members });
    expect(baton.fields()).toEqual(new CoreComposite({ propagators: members }).fields());
    expect(baton.fields()).toEqual([
      'traceparent',
      'tracestate',
      'baggage',
      'x-b3-traceid',
      'x-b3-spanid',
      'x-b3-flags',
      'x-b3-sampled',
      'x-b3-parentspanid',
      'uber-trace-id',
    ]);
    baton.fields().push('mutated');
    expect(baton.fields()).not.toContain('mutated');
  });

  test('a member without fields() (older propagators) adds none', () => {
    const old = {
      inject: () => undefined,
      extract: (c: typeof ROOT_CONTEXT) => c,
    } as unknown as TextMapPropagator;
    expect(
      new CompositePropagator({ propagators: [old, new CoreTraceContext()] }).fields(),
    ).toEqual(['traceparent', 'tracestate']);
  });

  test('inject: every member writes, in order; a later member writing the same key wins', () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1));
    const carrier: Record<string, string> = {};
    new CompositePropagator({ propagators: officialMembers() }).inject(ctx, carrier, setter);
    const expected: Record<string, string> = {};
    new CoreComposite({ propagators: officialMembers() }).inject(ctx, expected, setter);
    expect(carrier).toEqual(expected);
    // W3C-TC: traceparent = version "-" trace-id "-" parent-id "-" trace-flags
    expect(carrier.traceparent).toBe(traceparent(T1, S1));
    // Jaeger: {trace-id}:{span-id}:{parent-span-id}:{flags} (the official package writes flags as "01").
    expect(carrier['uber-trace-id']).toBe(`${T1}:${S1}:0:01`);
  });

  test('extract with a context that already holds a span: a valid header replaces it (as core)', () => {
    const input = trace.setSpanContext(ROOT_CONTEXT, { ...remote(T2, S2), isRemote: false });
    const ctx = new CompositePropagator({ propagators: [new CoreTraceContext()] }).extract(
      input,
      { traceparent: traceparent(T1, S1) },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
  });

  test('nothing found: the input context itself is returned', () => {
    const input = ROOT_CONTEXT.setValue(Symbol('x'), 1);
    expect(
      new CompositePropagator({ propagators: officialMembers() }).extract(input, {}, getter),
    ).toBe(input);
  });

  // Differential: with valid headers in any subset of formats, the span context Baton's composite
  // extracts equals core's (ids, flags), for both member orders tried.
  test('differential vs core composite over official members (fast-check, valid headers)', () => {
    const hex = (n: number) =>
      fc
        .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n })
        .filter((s) => /[1-9a-f]/.test(s));
    const ids = fc.record({ t: hex(32), s: hex(16), sampled: fc.boolean() });
    const orders: TextMapPropagator[][] = [officialMembers(), officialMembers().reverse()];
    const pairs = orders.map((members) => [
      new CompositePropagator({ propagators: members }),
      new CoreComposite({ propagators: members }),
    ]);
    fc.assert(
      fc.property(
        fc.option(ids),
        fc.option(ids),
        fc.option(ids),
        fc.option(ids),
        (w3c, b3, multi, uber) => {
          const carrier: Record<string, string> = {};
          if (w3c) carrier.traceparent = traceparent(w3c.t, w3c.s, w3c.sampled ? '01' : '00');
          if (b3) carrier.b3 = `${b3.t}-${b3.s}-${b3.sampled ? 1 : 0}`;
          if (multi)
            Object.assign(carrier, {
              'x-b3-traceid': multi.t,
              'x-b3-spanid': multi.s,
              'x-b3-sampled': multi.sampled ? '1' : '0',
            });
          if (uber) carrier['uber-trace-id'] = `${uber.t}:${uber.s}:0:${uber.sampled ? 1 : 0}`;
          for (const [baton, core] of pairs) {
            const a = trace.getSpanContext(baton.extract(ROOT_CONTEXT, carrier, getter));
            const b = trace.getSpanContext(core.extract(ROOT_CONTEXT, carrier, getter));
            expect([a?.traceId, a?.spanId, a?.traceFlags]).toEqual([
              b?.traceId,
              b?.spanId,
              b?.traceFlags,
            ]);
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('direction: separate inject and extract members', () => {
  // The migration of DESIGN "Who uses it" 3: read B3 and W3C, write only W3C.
  const migration = () =>
    new CompositePropagator({
      extract: [new OfficialB3(), new CoreTraceContext()],
      inject: [new CoreTraceContext()],
    });

  test('extracts B3 from an old client', () => {
    const ctx = migration().extract(ROOT_CONTEXT, { b3: `${T1}-${S1}-1` }, getter);
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: T1,
      spanId: S1,
      traceFlags: TraceFlags.SAMPLED,
    });
  });

  test('injects only W3C; fields() lists only what inject writes (REQUIREMENTS §1)', () => {
    const composite = migration();
    const carrier: Record<string, string> = {};
    composite.inject(trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1)), carrier, setter);
    expect(carrier).toEqual({ traceparent: traceparent(T1, S1) });
    expect(composite.fields()).toEqual(['traceparent', 'tracestate']);
  });

  test('propagators is the default for a direction without its own list', () => {
    const composite = new CompositePropagator({
      propagators: [new FixedPropagator('both', remote(T1, S1))],
      inject: [new FixedPropagator('out', undefined)],
    });
    expect(trace.getSpanContext(composite.extract(ROOT_CONTEXT, {}, getter))?.traceId).toBe(T1);
    const carrier: Record<string, string> = {};
    composite.inject(ROOT_CONTEXT, carrier, setter);
    expect(carrier).toEqual({ 'x-out': '1' });
  });

  test('toString spells out the directions and a non-default precedence', () => {
    expect(migration().toString()).toBe(
      'Composite[extract: B3Propagator, W3CTraceContextPropagator; inject: W3CTraceContextPropagator]',
    );
    expect(
      new CompositePropagator({
        propagators: [new CoreTraceContext(), new CoreBaggage()],
        precedence: 'first',
      }).toString(),
    ).toBe('Composite[W3CTraceContextPropagator, W3CBaggagePropagator; precedence: first]');
    expect(new CompositePropagator().toString()).toBe('Composite[]');
  });
});

describe('REQUIREMENTS §1: "Honour suppressTracing ... nothing injected, baggage included"', () => {
  test('no member writes when tracing is suppressed, even one that ignores suppression', () => {
    const carrier: Record<string, string> = {};
    const ctx = suppressTracing(trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1)));
    new CompositePropagator({
      propagators: [...officialMembers(), new FixedPropagator('naive', undefined)],
    }).inject(ctx, carrier, setter);
    expect(carrier).toEqual({});
  });

  test('inject with something that is not a Context writes nothing and does not throw', () => {
    const carrier: Record<string, string> = {};
    new CompositePropagator({ propagators: [new FixedPropagator('naive', undefined)] }).inject(
      undefined as never,
      carrier,
      setter,
    );
    expect(carrier).toEqual({});
  });
});
