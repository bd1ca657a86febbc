/**
 * No loss between members (issue 6): "an invalid header never replaces a valid context, `tracestate`
 * survives when a later member extracts the same ids, baggage from every member is merged, B3 debug
 * stays with its trace." Each case also runs core's CompositePropagator where it loses, so the test
 * shows what the drop-in fixes.
 */
import {
  createContextKey,
  createTraceState,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import {
  CompositePropagator as CoreComposite,
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import {
  B3InjectEncoding as OfficialEncoding,
  B3Propagator as OfficialB3,
} from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator, isB3Debug } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { KEEPS_BATON_RULES } from '@baton/internal';
import { CompositePropagator } from '@baton/propagator-composite';
import { FixedPropagator, getter, remote, setter, S1, S2, T1, T2, traceparent } from './support';

const OFFICIAL_DEBUG = createContextKey('OpenTelemetry Context Key B3 Debug Flag');

describe('REQUIREMENTS §1: "Extract of a malformed value never replaces a valid SpanContext"', () => {
  // Invalid span contexts a foreign member might set (OTel: ids lowercase hex, 32/16, not all zero).
  const invalid: Array<[string, { traceId: string; spanId: string }]> = [
    ['all-zero trace id', { traceId: '0'.repeat(32), spanId: S2 }],
    ['all-zero span id', { traceId: T2, spanId: '0'.repeat(16) }],
    ['uppercase trace id', { traceId: T2.toUpperCase(), spanId: S2 }],
    ['short trace id', { traceId: T2.slice(16), spanId: S2 }],
    ['non-hex span id', { traceId: T2, spanId: 'zzzzzzzzzzzzzzzz' }],
  ];
  test.each(invalid)('a later member setting an invalid context (%s) is ignored', (_n, ids) => {
    for (const precedence of ['last', 'first'] as const) {
      const composite = new CompositePropagator({
        propagators: [
          new FixedPropagator('good', remote(T1, S1)),
          new FixedPropagator('bad', { ...remote(T1, S1), ...ids }),
        ],
        precedence,
      });
      const sc = trace.getSpanContext(composite.extract(ROOT_CONTEXT, {}, getter));
      expect([sc?.traceId, sc?.spanId]).toEqual([T1, S1]);
    }
  });

  test('an invalid span context with nothing before it is not added', () => {
    const composite = new CompositePropagator({
      propagators: [new FixedPropagator('bad', remote('0'.repeat(32), S1))],
    });
    expect(trace.getSpan(composite.extract(ROOT_CONTEXT, {}, getter))).toBeUndefined();
  });

  test('the official Jaeger member accepts an all-zero id; the composite keeps the valid B3 context', () => {
    const members = (): TextMapPropagator[] => [new OfficialB3(), new OfficialJaeger()];
    // Jaeger pads `0` to 32 zeros, an invalid trace id (W3C-TC §trace-id: "All bytes as zero ... is invalid").
    const carrier = { b3: `${T1}-${S1}-1`, 'uber-trace-id': `0:${S2}:0:1` };
    const baton = new CompositePropagator({ propagators: members() }).extract(
      ROOT_CONTEXT,
      carrier,
      getter,
    );
    expect(trace.getSpanContext(baton)?.traceId).toBe(T1);
    // What core's composite does with the same members: the valid trace is lost.
    const core = new CoreComposite({ propagators: members() }).extract(
      ROOT_CONTEXT,
      carrier,
      getter,
    );
    expect(trace.getSpanContext(core)?.traceId).toBe('0'.repeat(32));
  });
});

describe('tracestate survives when a later member extracts the same ids', () => {
  const carrier = {
    traceparent: traceparent(T1, S1),
    tracestate: 'vendor=opaque,other=x',
    b3: `${T1}-${S1}-1`,
    'uber-trace-id': `${T1}:${S1}:0:1`,
  };
  const cases: Array<[string, () => TextMapPropagator[], 'first' | 'last']> = [
    ['core W3C then official B3 (last)', () => [new CoreTraceContext(), new OfficialB3()], 'last'],
    [
      'core W3C then official Jaeger (last)',
      () => [new CoreTraceContext(), new OfficialJaeger()],
      'last',
    ],
    [
      'official B3 then core W3C (first)',
      () => [new OfficialB3(), new CoreTraceContext()],
      'first',
    ],
    [
      'Baton W3C then Baton B3 then Baton Jaeger (last)',
      () => [new W3CTraceContextPropagator(), new B3Propagator(), new JaegerPropagator()],
      'last',
    ],
    [
      'Baton Jaeger then Baton W3C (first)',
      () => [new JaegerPropagator(), new W3CTraceContextPropagator()],
      'first',
    ],
  ];
  test.each(cases)('%s', (_n, members, precedence) => {
    const ctx = new CompositePropagator({ propagators: members(), precedence }).extract(
      ROOT_CONTEXT,
      carrier,
      getter,
    );
    const sc = trace.getSpanContext(ctx);
    expect([sc?.traceId, sc?.spanId]).toEqual([T1, S1]);
    expect(sc?.traceState?.get('vendor')).toBe('opaque');
    expect(sc?.traceState?.serialize()).toBe('vendor=opaque,other=x');
  });

  test("core's composite drops it (core W3C then official B3)", () => {
    const ctx = new CoreComposite({
      propagators: [new CoreTraceContext(), new OfficialB3()],
    }).extract(ROOT_CONTEXT, carrier, getter);
    expect(trace.getSpanContext(ctx)?.traceState).toBeUndefined();
  });

  // R4: "when B3 extracts the same trace and span id as a span context already in the context,
  // keep that context's `traceState` and flag bits" — the input context's, with either precedence.
  // (Until 5 December 2026 precedence 'first' dropped them: only later members were carried.)
  test.each(['last', 'first'] as const)(
    "the input context's tracestate and random bit are kept when a member extracts its ids (%s)",
    (precedence) => {
      const input = trace.setSpanContext(ROOT_CONTEXT, {
        ...remote(T1, S1),
        traceFlags: 0x03,
        traceState: createTraceState('vendor=opaque'),
      });
      const ctx = new CompositePropagator({
        propagators: [new OfficialB3()],
        precedence,
      }).extract(input, { b3: `${T1}-${S1}-1` }, getter);
      const sc = trace.getSpanContext(ctx);
      expect([sc?.traceId, sc?.spanId, sc?.traceFlags]).toEqual([T1, S1, 0x03]);
      expect(sc?.traceState?.serialize()).toBe('vendor=opaque');
    },
  );

  test('a different span id of the same trace does not take the tracestate', () => {
    const ctx = new CompositePropagator({
      propagators: [new CoreTraceContext(), new OfficialB3()],
    }).extract(ROOT_CONTEXT, { ...carrier, b3: `${T1}-${S2}-1` }, getter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S2);
    expect(trace.getSpanContext(ctx)?.traceState).toBeUndefined();
  });
});

describe('baggage from every member is merged (REQUIREMENTS §7)', () => {
  const carrier = {
    baggage: 'shared=from-w3c,w3conly=1',
    'uberctx-shared': 'from-jaeger',
    'uberctx-jonly': '2',
  };
  const entries = (ctx: Context): Record<string, string> =>
    Object.fromEntries(
      (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
    );

  const cases: Array<[string, () => TextMapPropagator[], string]> = [
    [
      'official Jaeger then core baggage',
      () => [new OfficialJaeger(), new CoreBaggage()],
      'from-w3c',
    ],
    [
      'core baggage then official Jaeger',
      () => [new CoreBaggage(), new OfficialJaeger()],
      'from-jaeger',
    ],
    [
      'Baton Jaeger then Baton baggage',
      () => [new JaegerPropagator(), new W3CBaggagePropagator()],
      'from-w3c',
    ],
    [
      'Baton baggage then Baton Jaeger',
      () => [new W3CBaggagePropagator(), new JaegerPropagator()],
      'from-jaeger',
    ],
  ];
  test.each(cases)(
    "%s: both members' entries, the later member winning a shared key",
    (_n, members, shared) => {
      const ctx = new CompositePropagator({ propagators: members() }).extract(
        ROOT_CONTEXT,
        carrier,
        getter,
      );
      expect(entries(ctx)).toEqual({ shared, w3conly: '1', jonly: '2' });
    },
  );

  test('baggage already in the input context is kept under the extracted entries', () => {
    const input = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ local: { value: 'l' }, shared: { value: 'local' } }),
    );
    const ctx = new CompositePropagator({ propagators: [new CoreBaggage()] }).extract(
      input,
      carrier,
      getter,
    );
    expect(entries(ctx)).toEqual({ local: 'l', shared: 'from-w3c', w3conly: '1' });
  });

  test("core's composite loses Jaeger's entries (official Jaeger then core baggage)", () => {
    const ctx = new CoreComposite({
      propagators: [new OfficialJaeger(), new CoreBaggage()],
    }).extract(ROOT_CONTEXT, carrier, getter);
    expect(entries(ctx)).toEqual({ shared: 'from-w3c', w3conly: '1' });
  });

  test('a baggage key named __proto__ merges as an ordinary key', () => {
    const ctx = new CompositePropagator({
      propagators: [
        new FixedPropagator('a', undefined, { __proto__x: '1' }),
        new FixedPropagator('b', undefined, { ['__proto__']: '2' }),
      ],
    }).extract(ROOT_CONTEXT, {}, getter);
    expect(entries(ctx)).toEqual({ __proto__x: '1', ['__proto__']: '2' });
  });
});

describe('REQUIREMENTS §4: "Debug never leaks onto a different trace"', () => {
  const debugB3 = `${T1}-${S1}-d`;

  test('official B3 debug on trace 1, W3C wins with trace 2 (last): the flag is dropped', () => {
    const composite = new CompositePropagator({
      propagators: [new OfficialB3(), new CoreTraceContext()],
    });
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { b3: debugB3, traceparent: traceparent(T2, S2) },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T2);
    expect(ctx.getValue(OFFICIAL_DEBUG)).toBeUndefined();
    // So the official B3 inject does not mark trace 2 as debug.
    const out: Record<string, string> = {};
    new OfficialB3({ injectEncoding: OfficialEncoding.MULTI_HEADER }).inject(ctx, out, setter);
    expect(out['x-b3-flags']).toBeUndefined();
    // Core's composite leaks it.
    const core = new CoreComposite({ propagators: [new OfficialB3(), new CoreTraceContext()] });
    expect(
      core
        .extract(ROOT_CONTEXT, { b3: debugB3, traceparent: traceparent(T2, S2) }, getter)
        .getValue(OFFICIAL_DEBUG),
    ).toBe('d');
  });

  test('official B3 debug on the winning trace is kept', () => {
    for (const [members, precedence] of [
      [[new CoreTraceContext(), new OfficialB3()], 'last'],
      [[new OfficialB3(), new CoreTraceContext()], 'first'],
    ] as const) {
      const composite = new CompositePropagator({ propagators: [...members], precedence });
      const ctx = composite.extract(
        ROOT_CONTEXT,
        { b3: debugB3, traceparent: traceparent(T2, S2) },
        getter,
      );
      expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
      expect(ctx.getValue(OFFICIAL_DEBUG)).toBe('d');
    }
  });

  test('official B3 debug of a rejected trace (first) is dropped', () => {
    const composite = new CompositePropagator({
      propagators: [new CoreTraceContext(), new OfficialB3()],
      precedence: 'first',
    });
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { b3: debugB3, traceparent: traceparent(T2, S2) },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T2);
    expect(ctx.getValue(OFFICIAL_DEBUG)).toBeUndefined();
  });

  test('Baton B3 debug on trace 1 survives a Jaeger debug on trace 2 when trace 1 wins (first)', () => {
    const composite = new CompositePropagator({
      propagators: [new B3Propagator(), new JaegerPropagator()],
      precedence: 'first',
    });
    // Jaeger flags 3 = sampled + debug (Jaeger "Propagation Format").
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { b3: debugB3, 'uber-trace-id': `${T2}:${S2}:0:3` },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
    expect(isB3Debug(ctx)).toBe(true);
  });

  test('Baton B3 debug on trace 1 does not follow trace 2 (last)', () => {
    const composite = new CompositePropagator({
      propagators: [new B3Propagator(), new W3CTraceContextPropagator()],
    });
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { b3: debugB3, traceparent: traceparent(T2, S2) },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T2);
    expect(isB3Debug(ctx)).toBe(false);
  });
});

describe("members that promise Baton's rules (KEEPS_BATON_RULES) are not re-checked", () => {
  // The promise moves the checks into the member; a member that breaks it is not corrected, which
  // is what shows the checks were skipped.
  class Promising extends FixedPropagator {
    readonly [KEEPS_BATON_RULES] = true;
  }

  test('its baggage is taken as it is (it promised to merge itself)', () => {
    const ctx = new CompositePropagator({
      propagators: [
        new FixedPropagator('a', undefined, { a: '1' }),
        new Promising('b', undefined, { b: '2' }),
      ],
    }).extract(ROOT_CONTEXT, {}, getter);
    expect(
      propagation
        .getBaggage(ctx)
        ?.getAllEntries()
        .map(([k]) => k),
    ).toEqual(['b']);
  });

  test('its span context is taken as it is (it promised valid ids)', () => {
    const ctx = new CompositePropagator({
      propagators: [
        new FixedPropagator('a', remote(T1, S1)),
        new Promising('b', remote('0'.repeat(32), S2)),
      ],
    }).extract(ROOT_CONTEXT, {}, getter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S2);
  });

  test('without the promise the same members are corrected', () => {
    const ctx = new CompositePropagator({
      propagators: [
        new FixedPropagator('a', remote(T1, S1), { a: '1' }),
        new FixedPropagator('b', remote('0'.repeat(32), S2), { b: '2' }),
      ],
    }).extract(ROOT_CONTEXT, {}, getter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S1);
    expect(
      propagation
        .getBaggage(ctx)
        ?.getAllEntries()
        .map(([k]) => k)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
