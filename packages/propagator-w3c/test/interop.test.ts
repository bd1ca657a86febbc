/**
 * Interop both ways with @opentelemetry/core's W3CTraceContextPropagator and W3CBaggagePropagator:
 * identical results on valid input (fast-check), and one test per documented difference (README
 * "Differences from @opentelemetry/core").
 */
import fc from 'fast-check';
import {
  ROOT_CONTEXT,
  baggageEntryMetadataFromString,
  propagation,
  trace,
  type BaggageEntry,
  type Context,
} from '@opentelemetry/api';
import {
  TraceState as CoreTraceState,
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import { SPAN_ID, TP, TRACE_ID, bag, getter, setter, spanCtx, tc } from './helpers';

const RUNS = { numRuns: 100_000 };
const coreTc = new CoreTraceContext();
const coreBag = new CoreBaggage();

const HEX = [...'0123456789abcdef'];
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
const traceId = hex(32).filter((s) => /[^0]/.test(s));
const spanId = hex(16).filter((s) => /[^0]/.test(s));
/** Keys both implementations accept: core still uses the Level 1 key grammar. */
const tsMember = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9_\-*/]{0,8}$/),
  fc.stringMatching(/^[!-+\--<>-~]{1,8}$/),
);
const tsList = fc
  .uniqueArray(tsMember, { maxLength: 8, selector: (m) => m[0] })
  .map((ms) => ms.map(([k, v]) => `${k}=${v}`).join(','));
/** Baggage both accept: token keys that encodeURIComponent leaves alone, non-empty values. */
const bagKey = fc.stringMatching(/^[A-Za-z0-9_.!~*'-]{1,8}$/);
const bagValue = fc.string({ minLength: 1, maxLength: 16 });

const span = (ctx: Context) => trace.getSpanContext(ctx);

describe('trace context: same results on valid input', () => {
  it('core inject → Baton extract, and Baton inject → core extract (flags 0–3)', () => {
    fc.assert(
      fc.property(traceId, spanId, fc.integer({ min: 0, max: 3 }), tsList, (t, s, flags, state) => {
        const ctx = trace.setSpanContext(ROOT_CONTEXT, {
          traceId: t,
          spanId: s,
          traceFlags: flags,
          traceState: state ? new CoreTraceState(state) : undefined,
        });
        const fromCore: Record<string, string> = {};
        coreTc.inject(ctx, fromCore, setter);
        const fromBaton: Record<string, string> = {};
        tc.inject(ctx, fromBaton, setter);
        const a = span(tc.extract(ROOT_CONTEXT, fromCore, getter));
        const b = span(coreTc.extract(ROOT_CONTEXT, fromBaton, getter));
        return (
          fromCore.traceparent === fromBaton.traceparent &&
          fromCore.tracestate === fromBaton.tracestate &&
          a?.traceId === t &&
          a.spanId === s &&
          a.traceFlags === flags &&
          a.traceState?.serialize() === (state || undefined) &&
          b?.traceId === t &&
          b.spanId === s &&
          b.traceFlags === flags &&
          b.traceState?.serialize() === (state || undefined)
        );
      }),
      RUNS,
    );
  });
});

describe('baggage: same results on valid input', () => {
  it('core inject → Baton extract, and Baton inject → core extract', () => {
    fc.assert(
      fc.property(fc.dictionary(bagKey, bagValue, { minKeys: 1, maxKeys: 10 }), (dict) => {
        const entries: Record<string, BaggageEntry> = {};
        for (const [k, v] of Object.entries(dict)) {
          try {
            encodeURIComponent(v);
          } catch {
            return true; // core throws on lone surrogates: see the documented difference below
          }
          entries[k] = { value: v };
        }
        const ctx = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(entries));
        const fromCore: Record<string, string> = {};
        coreBag.inject(ctx, fromCore, setter);
        const fromBaton: Record<string, string> = {};
        bag.inject(ctx, fromBaton, setter);
        const a = propagation.getBaggage(bag.extract(ROOT_CONTEXT, fromCore, getter))!;
        const b = propagation.getBaggage(coreBag.extract(ROOT_CONTEXT, fromBaton, getter))!;
        const same = (x: typeof a) =>
          Object.entries(dict).every(([k, v]) => x.getEntry(k)?.value === v) &&
          x.getAllEntries().length === Object.keys(dict).length;
        return fromCore.baggage === fromBaton.baggage && same(a) && same(b);
      }),
      RUNS,
    );
  });

  it('properties travel both ways', () => {
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({
        k: { value: 'v', metadata: baggageEntryMetadataFromString('p1;p2=x') },
      }),
    );
    const fromCore: Record<string, string> = {};
    coreBag.inject(ctx, fromCore, setter);
    const fromBaton: Record<string, string> = {};
    bag.inject(ctx, fromBaton, setter);
    expect(fromBaton.baggage).toBe(fromCore.baggage);
    const meta = propagation
      .getBaggage(coreBag.extract(ROOT_CONTEXT, fromBaton, getter))!
      .getEntry('k')!.metadata;
    expect(meta?.toString()).toBe('p1;p2=x');
  });
});

describe('documented differences (each one is a README line)', () => {
  const both = (carrier: Record<string, unknown>) => ({
    baton: span(tc.extract(ROOT_CONTEXT, carrier, getter)),
    core: span(coreTc.extract(ROOT_CONTEXT, carrier, getter)),
  });

  it('1. flags ≥ 0x10: core injects three hex digits (invalid), Baton two with reserved bits cleared', () => {
    const ctx = spanCtx({ traceFlags: 0x11 });
    const c: Record<string, string> = {};
    const b: Record<string, string> = {};
    coreTc.inject(ctx, c, setter);
    tc.inject(ctx, b, setter);
    expect(c.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-011`);
    expect(b.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
  });

  it('2. reserved flag bits: core keeps them on extract, Baton keeps only sampled and random', () => {
    const r = both({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-ff` });
    expect([r.core?.traceFlags, r.baton?.traceFlags]).toEqual([0xff, 3]);
  });

  it('3. OWS: core tolerates one whitespace char each side (any \\s), Baton any run of SP/HTAB only', () => {
    const two = both({ traceparent: `\t ${TP} \t` });
    expect([two.core, two.baton?.traceId]).toEqual([undefined, TRACE_ID]);
    const newline = both({ traceparent: `\n${TP}` });
    expect([newline.core?.traceId, newline.baton]).toEqual([TRACE_ID, undefined]);
  });

  it('4. two traceparent values in an array: core uses the first, Baton rejects both', () => {
    const r = both({ traceparent: [TP, TP] });
    expect([r.core?.traceId, r.baton]).toEqual([TRACE_ID, undefined]);
  });

  it('5. header name case: core reads only "traceparent", Baton falls back to a case-insensitive scan', () => {
    const r = both({ TraceParent: TP });
    expect([r.core, r.baton?.traceId]).toEqual([undefined, TRACE_ID]);
  });

  it('6. invalid tracestate: core drops bad members one by one, Baton discards the whole header', () => {
    const r = both({ traceparent: TP, tracestate: 'a=1,B=2,c=3' });
    expect([r.core?.traceState?.serialize(), r.baton?.traceState?.serialize()]).toEqual([
      'a=1,c=3',
      '',
    ]);
    // A duplicate key: core keeps the last occurrence, Baton the first (REQUIREMENTS §2).
    const dup = both({ traceparent: TP, tracestate: 'a=1,a=2' });
    expect(dup.core?.traceState?.serialize()).toBe('a=2');
    expect(dup.baton?.traceState?.serialize()).toBe('a=1');
  });

  it('7. tracestate key grammar: core uses Level 1 (foo@ invalid), Baton Level 2 (foo@ valid)', () => {
    const r = both({ traceparent: TP, tracestate: 'foo@=1,bar=2' });
    expect([r.core?.traceState?.get('foo@'), r.baton?.traceState?.get('foo@')]).toEqual([
      undefined,
      '1',
    ]);
  });

  it('8. tracestate length: core drops members past 512 chars, Baton keeps all 32 members', () => {
    const state = Array.from({ length: 32 }, (_, i) => `k${i}=${'v'.repeat(30)}`).join(',');
    const r = both({ traceparent: TP, tracestate: state });
    expect(r.baton?.traceState?.serialize()).toBe(state);
    expect(r.core?.traceState?.serialize().length).toBeLessThanOrEqual(512);
  });

  it('9. baggage empty value: core drops the member, Baton keeps it ("value = *baggage-octet")', () => {
    const c = propagation.getBaggage(coreBag.extract(ROOT_CONTEXT, { baggage: 'a=,b=1' }, getter));
    const b = propagation.getBaggage(bag.extract(ROOT_CONTEXT, { baggage: 'a=,b=1' }, getter));
    expect([c?.getEntry('a'), b?.getEntry('a')?.value]).toEqual([undefined, '']);
  });

  it('10. baggage keys: core percent-decodes and encodes keys, Baton treats keys as tokens', () => {
    const c = propagation.getBaggage(coreBag.extract(ROOT_CONTEXT, { baggage: 'a%41=1' }, getter));
    const b = propagation.getBaggage(bag.extract(ROOT_CONTEXT, { baggage: 'a%41=1' }, getter));
    expect([c?.getEntry('aA')?.value, b?.getEntry('a%41')?.value]).toEqual(['1', '1']);
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ 'a b': { value: '1' } }),
    );
    const co: Record<string, string> = {};
    const bo: Record<string, string> = {};
    coreBag.inject(ctx, co, setter);
    bag.inject(ctx, bo, setter);
    expect([co.baggage, bo.baggage]).toEqual(['a%20b=1', undefined]);
  });

  it('11. baggage value with an illegal char: core trims and keeps it, Baton drops the member', () => {
    const c = propagation.getBaggage(coreBag.extract(ROOT_CONTEXT, { baggage: 'a=x y' }, getter));
    const b = propagation.getBaggage(bag.extract(ROOT_CONTEXT, { baggage: 'a=x y' }, getter));
    expect([c?.getEntry('a')?.value, b]).toEqual(['x y', undefined]);
  });

  it('12. baggage limits: core extracts up to 180 members, Baton 64 (W3C-BAG current text)', () => {
    const header = Array.from({ length: 100 }, (_, i) => `k${i}=v`).join(',');
    const c = propagation.getBaggage(coreBag.extract(ROOT_CONTEXT, { baggage: header }, getter))!;
    const b = propagation.getBaggage(bag.extract(ROOT_CONTEXT, { baggage: header }, getter))!;
    expect([c.getAllEntries().length, b.getAllEntries().length]).toEqual([100, 64]);
  });

  it('13. baggage extract: core replaces the context baggage, Baton merges (header wins per key)', () => {
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ j: { value: '1' } }),
    );
    const c = propagation.getBaggage(coreBag.extract(ctx, { baggage: 'w=2' }, getter))!;
    const b = propagation.getBaggage(bag.extract(ctx, { baggage: 'w=2' }, getter))!;
    expect([c.getEntry('j'), b.getEntry('j')?.value]).toEqual([undefined, '1']);
  });

  it('14. lone surrogate in a baggage value: core inject throws, Baton drops that entry', () => {
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ a: { value: '\ud800' }, b: { value: '2' } }),
    );
    expect(() => coreBag.inject(ctx, {}, setter)).toThrow(URIError);
    const out: Record<string, string> = {};
    bag.inject(ctx, out, setter);
    expect(out.baggage).toBe('b=2');
  });

  it('15. baggage metadata: core writes it unchecked (even CR LF), Baton only a valid property list', () => {
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({
        a: { value: '1', metadata: baggageEntryMetadataFromString('x\r\ny') },
      }),
    );
    const co: Record<string, string> = {};
    const bo: Record<string, string> = {};
    coreBag.inject(ctx, co, setter);
    bag.inject(ctx, bo, setter);
    expect([co.baggage, bo.baggage]).toEqual(['a=1;x\r\ny', 'a=1']);
  });

  it('16. a getter that throws: core extract throws, Baton returns the context', () => {
    const g = {
      get: () => {
        throw new Error('g');
      },
      keys: () => [],
    };
    expect(() => coreTc.extract(ROOT_CONTEXT, {}, g)).toThrow();
    expect(tc.extract(ROOT_CONTEXT, {}, g)).toBe(ROOT_CONTEXT);
  });
});
