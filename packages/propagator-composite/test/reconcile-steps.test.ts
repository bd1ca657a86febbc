/**
 * The reconciliation steps of CompositePropagator.extract, each on its own (src/reconcile/ and the
 * step functions of baggage.ts and debug.ts). The composite's behaviour as a whole is covered by
 * no-loss, ordering, round-trip and conflict tests; these pin each rule where it is written, so
 * the next rule can be added in one place.
 */
import {
  createContextKey,
  createTraceState,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { caselessEntry, DEBUG_TRACE_KEY, setDebugTrace } from '@baton/internal';
import { rejectSpan, validExtraction } from '../src/reconcile/valid';
import { keepWinner } from '../src/reconcile/precedence';
import { carriedFrom, carryOver } from '../src/reconcile/carry-over';
import { restoreDroppedBaggage } from '../src/baggage';
import { bindOfficialDebug, OFFICIAL_B3_DEBUG_KEY } from '../src/debug';
import { Reconciliation } from '../src/reconcile/reconciliation';
import { remote, S1, S2, T1, T2 } from './support';

const spanOf = (ctx: Context) => trace.getSpan(ctx);
const withSc = (sc: Parameters<typeof trace.setSpanContext>[1], ctx: Context = ROOT_CONTEXT) =>
  trace.setSpanContext(ctx, sc);
const OTHER_KEY = createContextKey('a member write that is not a span');

describe('step 1, valid-replaces-invalid (R1: "Extract of a malformed value never replaces a valid SpanContext")', () => {
  it.each([
    ['all-zero trace id', '0'.repeat(32), S1],
    ['all-zero span id', T1, '0'.repeat(16)],
    ['uppercase trace id', T1.toUpperCase(), S1],
    ['short trace id', T1.slice(1), S1],
    ['non-hex span id', T1, 'zzzzzzzzzzzzzzzz'],
  ])('%s is not a valid extraction from an untrusted member', (_n, traceId, spanId) => {
    const span = trace.wrapSpanContext({ ...remote(T1, S1), traceId, spanId });
    expect(validExtraction(span, false, undefined)).toBeUndefined();
  });

  it('a valid span context is an extraction; no span is none', () => {
    const sc = remote(T1, S1);
    expect(validExtraction(trace.wrapSpanContext(sc), false, undefined)).toBe(sc);
    expect(validExtraction(undefined, false, undefined)).toBeUndefined();
  });

  it('a member that promised KEEPS_BATON_RULES is trusted without the check', () => {
    const sc = { ...remote(T1, S1), traceId: 'not checked' };
    expect(validExtraction(trace.wrapSpanContext(sc), true, undefined)).toBe(sc);
  });

  it('the same ids as an extraction already checked skip the check (and are valid)', () => {
    const known = remote(T1, S1);
    const sc = remote(T1, S1, false);
    expect(validExtraction(trace.wrapSpanContext(sc), false, known)).toBe(sc);
  });

  it.each([
    ['returns undefined', undefined],
    ['returns null', null],
  ])('a span whose spanContext() %s (a foreign span misbehaving) is no extraction', (_n, value) => {
    const span = { spanContext: () => value } as unknown as Span;
    for (const trusted of [false, true]) {
      expect(validExtraction(span, trusted, undefined)).toBeUndefined();
      expect(validExtraction(span, trusted, remote(T1, S1))).toBeUndefined();
    }
  });

  it.each([
    ['the same trace id, a non-hex span id', T1, 'zzzzzzzzzzzzzzzz'],
    ['a non-hex trace id, the same span id', 'z'.repeat(32), S1],
  ])(
    'the check is skipped only when both ids equal the known ones: %s is checked, and rejected',
    (_n, traceId, spanId) => {
      const span = trace.wrapSpanContext({ ...remote(T1, S1), traceId, spanId });
      expect(validExtraction(span, false, remote(T1, S1))).toBeUndefined();
    },
  );

  it('the known extraction is not checked again: ids a trusted member gave (KEEPS_BATON_RULES) are taken when repeated', () => {
    const known = { ...remote(T1, S1), traceId: 'not checked' };
    const sc = { ...known };
    expect(validExtraction(trace.wrapSpanContext(sc), false, known)).toBe(sc);
  });

  it("rejecting puts the previous span and debug back, and keeps the member's other writes", () => {
    const before = setDebugTrace(withSc(remote(T1, S1)), T1);
    const next = setDebugTrace(withSc(remote(T2, S2), before), T2).setValue(OTHER_KEY, 'kept');
    const out = rejectSpan(before, next, spanOf(before));
    expect(trace.getSpanContext(out)?.traceId).toBe(T1);
    expect(out.getValue(DEBUG_TRACE_KEY)).toBe(T1);
    expect(out.getValue(OTHER_KEY)).toBe('kept');
    expect(trace.getSpan(rejectSpan(ROOT_CONTEXT, withSc(remote(T2, S2)), undefined))).toBe(
      undefined,
    );
  });
});

describe('step 2, precedence (R7: "Options: `first valid wins`")', () => {
  it("'first': a later different trace is rejected with its debug value", () => {
    const before = withSc(remote(T1, S1));
    const next = setDebugTrace(withSc(remote(T2, S2), before), T2);
    const out = keepWinner(before, next, spanOf(before)!, remote(T2, S2));
    expect(trace.getSpanContext(out)?.traceId).toBe(T1);
    expect(out.getValue(DEBUG_TRACE_KEY)).toBeUndefined();
  });

  it("'first': the same ids keep the winner and take the later member's tracestate and random bit", () => {
    const before = withSc(remote(T1, S1)); // e.g. official B3: flags 01, no tracestate
    const later = { ...remote(T1, S1), traceFlags: 0x03, traceState: createTraceState('a=1') };
    const out = keepWinner(before, withSc(later, before), spanOf(before)!, later);
    const sc = trace.getSpanContext(out)!;
    expect([sc.traceId, sc.traceFlags, sc.traceState?.serialize()]).toEqual([T1, 0x03, 'a=1']);
  });

  it.each([
    ['the same trace id, another span id', T1, S2],
    ['another trace id, the same span id', T2, S1],
  ])(
    "'first': %s is not the same request: rejected with its debug value",
    (_n, traceId, spanId) => {
      const before = withSc(remote(T1, S1));
      const later = { ...remote(traceId, spanId), traceFlags: 0x03 };
      const next = setDebugTrace(withSc(later, before), traceId);
      const out = keepWinner(before, next, spanOf(before)!, later);
      expect(spanOf(out)).toBe(spanOf(before));
      expect(out.getValue(DEBUG_TRACE_KEY)).toBeUndefined();
    },
  );

  it("'first': the same ids with nothing to add keep the winner's very span", () => {
    const before = withSc(remote(T1, S1));
    const out = keepWinner(before, withSc(remote(T1, S1), before), spanOf(before)!, remote(T1, S1));
    expect(spanOf(out)).toBe(spanOf(before));
  });
});

describe('step 3, tracestate and flags carry-over (R4: "keep that context\'s `traceState` and flag bits")', () => {
  const state = createTraceState('rojo=1');
  it('the same ids: tracestate and flag bits beyond sampled are carried', () => {
    const earlier = { ...remote(T1, S1), traceFlags: 0x03, traceState: state };
    const sc = carriedFrom(remote(T1, S1, false), earlier);
    expect([sc.traceFlags, sc.traceState]).toEqual([0x02, state]);
  });

  it("the sampled bit stays the later extraction's decision", () => {
    const earlier = { ...remote(T1, S1), traceFlags: 0x01 };
    expect(carriedFrom(remote(T1, S1, false), earlier).traceFlags).toBe(0x00);
  });

  it('another span id or trace id carries nothing', () => {
    const earlier = { ...remote(T1, S1), traceFlags: 0x03, traceState: state };
    const other = remote(T1, S2);
    expect(carriedFrom(other, earlier)).toBe(other);
    const otherTrace = remote(T2, S1);
    expect(carriedFrom(otherTrace, earlier)).toBe(otherTrace);
  });

  it('a tracestate of its own is kept; nothing to add gives the very same object', () => {
    const own = createTraceState('mine=1');
    const sc = { ...remote(T1, S1), traceState: own };
    expect(carriedFrom(sc, { ...remote(T1, S1), traceState: state }).traceState).toBe(own);
    expect(carriedFrom(sc, remote(T1, S1))).toBe(sc);
  });

  it('with no tracestate on either, the carried span context has no traceState at all (R7: "gives back exactly the same span context")', () => {
    const sc = carriedFrom(remote(T1, S1, false), { ...remote(T1, S1), traceFlags: 0x03 });
    expect(sc).toStrictEqual({ traceId: T1, spanId: S1, traceFlags: 0x02, isRemote: true });
    expect('traceState' in sc).toBe(false);
  });

  it('carryOver writes the context only when something is carried', () => {
    const ctx = withSc(remote(T1, S1));
    const sc = trace.getSpanContext(ctx)!;
    expect(carryOver(ctx, sc, undefined, undefined)).toBe(ctx);
    const earlier = { ...remote(T1, S1), traceFlags: 0x03 };
    expect(trace.getSpanContext(carryOver(ctx, sc, undefined, earlier))?.traceFlags).toBe(0x03);
  });
});

describe('step 4, baggage merge (R7: "baggage from all members merged")', () => {
  const bag = (entries: Record<string, string>) => {
    const e: Record<string, { value: string }> = {};
    for (const [k, v] of Object.entries(entries)) e[k] = { value: v };
    return propagation.createBaggage(e);
  };
  const values = (ctx: Context) =>
    Object.fromEntries(
      (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
    );

  it('entries a member dropped are put back under its own; its own win per key', () => {
    const before = propagation.setBaggage(ROOT_CONTEXT, bag({ a: '1', b: '2' }));
    const next = propagation.setBaggage(before, bag({ b: 'new', c: '3' }));
    expect(values(restoreDroppedBaggage(before, next))).toEqual({ a: '1', b: 'new', c: '3' });
  });

  it('a member that kept every entry, or set none, is taken as it is', () => {
    const before = propagation.setBaggage(ROOT_CONTEXT, bag({ a: '1' }));
    const kept = propagation.setBaggage(before, bag({ a: '1', b: '2' }));
    expect(restoreDroppedBaggage(before, kept)).toBe(kept);
    const plain = before.setValue(OTHER_KEY, 1);
    expect(restoreDroppedBaggage(before, plain)).toBe(plain);
  });

  it("a caseless entry (Jaeger `uberctx-a`) is not put back beside the member's `A`", () => {
    const before = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ a: caselessEntry('x'), z: { value: '1' } }),
    );
    const next = propagation.setBaggage(before, bag({ A: 'x' }));
    expect(values(restoreDroppedBaggage(before, next))).toEqual({ A: 'x', z: '1' });
  });
});

describe('step 5, debug binding (R4: "Debug never leaks onto a different trace")', () => {
  it('an official B3 flag set with the trace that won is kept', () => {
    const ctx = withSc(remote(T1, S1)).setValue(OFFICIAL_B3_DEBUG_KEY, '1');
    expect(bindOfficialDebug(ROOT_CONTEXT, ctx, spanOf(ctx), T1)).toBe(ctx);
  });

  it('an official B3 flag set with another trace is dropped (put back as in the input)', () => {
    const ctx = withSc(remote(T2, S2)).setValue(OFFICIAL_B3_DEBUG_KEY, '1');
    const out = bindOfficialDebug(ROOT_CONTEXT, ctx, spanOf(ctx), T1);
    expect(out.getValue(OFFICIAL_B3_DEBUG_KEY)).toBeUndefined();
    expect(trace.getSpanContext(out)?.traceId).toBe(T2);
  });
});

describe('Reconciliation: the steps in order, committed only when a step succeeds', () => {
  it('a step that is not committed changes nothing', () => {
    const rec = new Reconciliation(ROOT_CONTEXT, false, false);
    rec.step(ROOT_CONTEXT, withSc(remote(T1, S1)), true); // computed, then the member "threw"
    expect([rec.chosen, rec.found]).toEqual([-1, undefined]);
    const next = rec.step(ROOT_CONTEXT, withSc(remote(T2, S2)), true);
    rec.commit(1);
    expect([rec.chosen, rec.found]).toEqual([1, [1, trace.getSpanContext(next)]]);
  });

  it('two different traces are a conflict; the chosen member follows the precedence', () => {
    for (const [first, chosen] of [
      [false, 1],
      [true, 0],
    ] as const) {
      const rec = new Reconciliation(ROOT_CONTEXT, first, false);
      let ctx = rec.step(ROOT_CONTEXT, withSc(remote(T1, S1)), true);
      rec.commit(0);
      ctx = rec.step(ctx, withSc(remote(T2, S2), ctx), true);
      rec.commit(1);
      expect([rec.conflict, rec.chosen]).toEqual([true, chosen]);
      expect(trace.getSpanContext(rec.finish(ROOT_CONTEXT, ctx))?.traceId).toBe(first ? T1 : T2);
    }
  });
});

describe('Reconciliation: what counts as an extraction, and the steps that depend on the member', () => {
  const bag = (entries: Record<string, string>) =>
    propagation.createBaggage(
      Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }])),
    );
  const values = (ctx: Context) =>
    Object.fromEntries(
      (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
    );

  it('a member that set no span of its own is no extraction; its other writes are taken as they are', () => {
    const rec = new Reconciliation(ROOT_CONTEXT, false, false);
    const ctx = rec.step(ROOT_CONTEXT, withSc(remote(T1, S1)), true);
    rec.commit(0);
    const next = ctx.setValue(OTHER_KEY, 'kept');
    expect(rec.step(ctx, next, false)).toBe(next);
    rec.commit(1);
    expect([rec.chosen, rec.found]).toEqual([0, [0, trace.getSpanContext(ctx)]]);
    // Nor on a context with no span at all (a member that read only baggage or a sampling header).
    const none = new Reconciliation(ROOT_CONTEXT, false, false);
    const plain = ROOT_CONTEXT.setValue(OTHER_KEY, 'kept');
    expect(none.step(ROOT_CONTEXT, plain, false)).toBe(plain);
  });

  it("step 4 runs for untrusted members only: a KEEPS_BATON_RULES member's baggage is taken as it is", () => {
    const before = propagation.setBaggage(ROOT_CONTEXT, bag({ a: '1' }));
    const next = propagation.setBaggage(before, bag({ b: '2' }));
    expect(new Reconciliation(ROOT_CONTEXT, false, false).step(before, next, true)).toBe(next);
    const merged = new Reconciliation(ROOT_CONTEXT, false, false).step(before, next, false);
    expect(values(merged)).toEqual({ a: '1', b: '2' });
  });

  // R4: "Debug never leaks onto a different trace: it belongs to the trace it arrived with".
  const flag = (ctx: Context) => ctx.setValue(OFFICIAL_B3_DEBUG_KEY, 'd');
  const run = (watch: boolean, outputs: Array<(before: Context) => Context>) => {
    const rec = new Reconciliation(ROOT_CONTEXT, false, watch);
    let ctx = ROOT_CONTEXT;
    outputs.forEach((output, i) => {
      ctx = rec.step(ctx, output(ctx), false);
      rec.commit(i);
    });
    return rec.finish(ROOT_CONTEXT, ctx);
  };
  it.each([
    [
      'set with the trace that won: kept',
      true,
      [(c: Context) => flag(withSc(remote(T1, S1), c))],
      T1,
      'd',
    ],
    [
      'set with a trace a later member replaced: dropped (the later member did not touch the flag)',
      true,
      [(c: Context) => flag(withSc(remote(T1, S1), c)), (c: Context) => withSc(remote(T2, S2), c)],
      T2,
      undefined,
    ],
    [
      'set with no span context at all (a sampling-only header): kept',
      true,
      [flag],
      undefined,
      'd',
    ],
    [
      "not watched (every member is Baton's, none sets the trace-less flag): left as the members left it",
      false,
      [(c: Context) => flag(withSc(remote(T1, S1), c)), (c: Context) => withSc(remote(T2, S2), c)],
      T2,
      'd',
    ],
  ])('the official B3 flag %s', (_n, watch, outputs, traceId, debug) => {
    const out = run(watch, outputs);
    expect(trace.getSpanContext(out)?.traceId).toBe(traceId);
    expect(out.getValue(OFFICIAL_B3_DEBUG_KEY)).toBe(debug);
  });

  // R4: "keep that context's `traceState` and flag bits" — the input context counts.
  const state = createTraceState('input=1');
  const input = withSc({ ...remote(T1, S1), traceFlags: 0x03, traceState: state });
  it.each([
    ["'last', the first member extracts the input's ids", false, [remote(T1, S1)]],
    ["'first', the first member extracts the input's ids", true, [remote(T1, S1)]],
    [
      "'first', a later member's rejected trace carried a tracestate of its own",
      true,
      [
        remote(T1, S1),
        { ...remote(T2, S2), traceFlags: 0x03, traceState: createTraceState('o=1') },
      ],
    ],
  ])("step 3: %s: the input context's tracestate and random bit are kept", (_n, first, scs) => {
    const rec = new Reconciliation(input, first, false);
    let ctx = input;
    scs.forEach((sc, i) => {
      ctx = rec.step(ctx, withSc(sc, ctx), false);
      rec.commit(i);
    });
    const sc = trace.getSpanContext(rec.finish(input, ctx))!;
    expect([sc.traceId, sc.spanId, sc.traceFlags, sc.traceState]).toEqual([T1, S1, 0x03, state]);
    expect(rec.chosen).toBe(0);
  });
});

describe('step 3 in order: the random bit is carried on its own, without a tracestate', () => {
  // R4: "keep that context's `traceState` and flag bits" — the flag bits even when no tracestate
  // came with them. [input span context, member extractions in order] → final flags.
  it.each([
    [
      "'last': an earlier member's random bit (no tracestate), a later member of the same ids without it",
      undefined,
      [{ ...remote(T1, S1), traceFlags: 0x03 }, remote(T1, S1)],
    ],
    [
      "'last': the input context's random bit, a member's tracestate but no random bit",
      { ...remote(T1, S1), traceFlags: 0x03 },
      [{ ...remote(T1, S1), traceState: createTraceState('m=1') }],
    ],
  ])('%s: the final span context keeps the random bit', (_n, inputSc, scs) => {
    const input = inputSc === undefined ? ROOT_CONTEXT : withSc(inputSc);
    const rec = new Reconciliation(input, false, false);
    let ctx = input;
    scs.forEach((sc, i) => {
      ctx = rec.step(ctx, withSc(sc, ctx), false);
      rec.commit(i);
    });
    const sc = trace.getSpanContext(rec.finish(input, ctx))!;
    expect([sc.traceId, sc.spanId, sc.traceFlags]).toEqual([T1, S1, 0x03]);
  });
});
