/**
 * Property tests (fast-check, 100 000 generated cases each):
 * - REQUIREMENTS §1: extract "never throws, for any carrier" — here with throwing and misbehaving
 *   members mixed in (REQUIREMENTS §7: "A member that throws is caught ... and the rest still run");
 *   every extracted id is valid.
 * - precedence: the composite's result equals a model (last / first valid span context, conflict iff
 *   two different trace ids).
 * - inject∘extract round-trips through a composite of every Baton format.
 */
import {
  diag,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator as CoreTraceContext } from '@opentelemetry/core';
import { B3Propagator as OfficialB3 } from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import fc from 'fast-check';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';
import { CompositePropagator } from '@baton/propagator-composite';
import { FixedPropagator, getter, setter, ThrowingPropagator } from './support';

const RUNS = 100_000;
const LOWER_HEX_32 = /^[0-9a-f]{32}$/;
const LOWER_HEX_16 = /^[0-9a-f]{16}$/;

beforeAll(() => diag.disable()); // the once-per-member warnings are not what is tested here

const hexId = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const validHexId = (n: number) => hexId(n).filter((s) => /[1-9a-f]/.test(s));

function isValid(sc: SpanContext | undefined): boolean {
  return (
    sc !== undefined &&
    LOWER_HEX_32.test(sc.traceId) &&
    LOWER_HEX_16.test(sc.spanId) &&
    !/^0+$/.test(sc.traceId) &&
    !/^0+$/.test(sc.spanId)
  );
}

describe('extract never throws; every extracted id is valid', () => {
  const NAMES = [
    'traceparent',
    'tracestate',
    'baggage',
    'b3',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'x-b3-flags',
    'uber-trace-id',
    'uberctx-k',
    'platform-id',
    'Traceparent',
    'B3',
  ];
  // Values shaped like the formats, then mangled; plus non-strings the carrier may hold.
  const shaped = fc.oneof(
    fc.tuple(hexId(32), hexId(16)).map(([t, s]) => `00-${t}-${s}-01`),
    fc
      .tuple(hexId(32), hexId(16), fc.constantFrom('0', '1', 'd', ''))
      .map(([t, s, f]) => `${t}-${s}${f && '-' + f}`),
    fc
      .tuple(hexId(32), hexId(16), fc.constantFrom('0', '1', '3', 'zz'))
      .map(([t, s, f]) => `${t}:${s}:0:${f}`),
    hexId(32),
    hexId(16),
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
  const value = fc.oneof(
    shaped,
    fc.array(shaped, { maxLength: 3 }),
    shaped.map((s) => Buffer.from(s, 'latin1')),
    fc.constantFrom(undefined, null, 42, {}, true),
  );
  const carrier = fc.dictionary(fc.constantFrom(...NAMES), value, { maxKeys: 8 });

  class SetsGarbage implements TextMapPropagator {
    constructor(private readonly sc: SpanContext) {}
    extract(ctx: Context): Context {
      return trace.setSpanContext(ctx, this.sc);
    }
    inject(): void {}
    fields(): string[] {
      return [];
    }
  }
  const garbageSc = fc.record({
    traceId: fc.oneof(hexId(32), fc.string({ maxLength: 34 })),
    spanId: fc.oneof(hexId(16), fc.string({ maxLength: 18 })),
    traceFlags: fc.integer({ min: 0, max: 255 }),
    isRemote: fc.boolean(),
  });
  const POOL: Array<() => TextMapPropagator> = [
    () => new W3CTraceContextPropagator(),
    () => new W3CBaggagePropagator(),
    () => new B3Propagator(),
    () => new JaegerPropagator(),
    () => new PlatformIdPropagator(),
    () => new CoreTraceContext(),
    () => new OfficialB3(),
    () => new OfficialJaeger(),
    () => new ThrowingPropagator(),
    () =>
      ({
        extract: () => null,
        inject: () => undefined,
        fields: () => [],
      }) as unknown as TextMapPropagator,
  ];
  const member = fc.oneof(
    fc.nat(POOL.length - 1).map((i) => POOL[i]()),
    garbageSc.map((sc) => new SetsGarbage(sc) as TextMapPropagator),
  );
  const throwingGetter: TextMapGetter = {
    get: () => {
      throw new Error('getter boom');
    },
    keys: () => {
      throw new Error('keys boom');
    },
  };

  test(`${RUNS} carriers × random member lists, both precedences`, () => {
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 5 }),
        carrier,
        fc.constantFrom('first', 'last') as fc.Arbitrary<'first' | 'last'>,
        fc.boolean(),
        (members, c, precedence, badGetter) => {
          const composite = new CompositePropagator({
            propagators: members,
            precedence,
            onConflict: () => {},
          });
          const ctx = composite.extract(ROOT_CONTEXT, c, badGetter ? throwingGetter : getter);
          const span = trace.getSpan(ctx);
          composite.inject(ctx, {}, setter);
          return span === undefined || isValid(span.spanContext());
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('precedence against a model', () => {
  // Each member "extracts" a span context from a small pool (so traces repeat), an invalid one, or nothing.
  const TRACES = ['1'.repeat(32), '2'.repeat(32), '3'.repeat(32)];
  const pick = fc.oneof(
    fc.record({ t: fc.nat(2), s: fc.nat(2) }).map(({ t, s }) => ({
      traceId: TRACES[t],
      spanId: String(s + 1).repeat(16),
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    })),
    fc.constant({ traceId: '0'.repeat(32), spanId: 'a'.repeat(16), traceFlags: 1, isRemote: true }),
    fc.constant(undefined),
  );

  test(`${RUNS} member lists: last / first valid wins, conflict iff two trace ids`, () => {
    fc.assert(
      fc.property(
        fc.array(pick, { maxLength: 6 }),
        fc.constantFrom('first', 'last') as fc.Arbitrary<'first' | 'last'>,
        (scs, precedence) => {
          let conflicts = 0;
          const composite = new CompositePropagator({
            propagators: scs.map((sc, i) => new FixedPropagator(`m${i}`, sc)),
            precedence,
            onConflict: () => conflicts++,
            conflictWarningIntervalMs: Infinity,
          });
          const got = trace.getSpanContext(composite.extract(ROOT_CONTEXT, {}, getter));
          const valid = scs.filter((sc) => sc !== undefined && sc.traceId !== '0'.repeat(32));
          const want = precedence === 'last' ? valid[valid.length - 1] : valid[0];
          const sameResult =
            want === undefined
              ? got === undefined
              : got?.traceId === want.traceId && got.spanId === want.spanId;
          const traces = new Set(valid.map((sc) => sc!.traceId)).size;
          return sameResult && conflicts === (traces > 1 ? 1 : 0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('inject∘extract round-trips through a composite of every Baton format', () => {
  const composite = new CompositePropagator({
    propagators: [
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
      new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
      new JaegerPropagator(),
    ],
    conflictWarningIntervalMs: Infinity,
  });
  const key = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'),
    minLength: 1,
    maxLength: 8,
  });

  test(`${RUNS} span contexts with baggage`, () => {
    fc.assert(
      fc.property(
        validHexId(32),
        validHexId(16),
        fc.boolean(),
        fc.dictionary(key, fc.string({ maxLength: 12 }), { maxKeys: 3 }),
        (traceId, spanId, sampled, entries) => {
          let ctx = trace.setSpanContext(ROOT_CONTEXT, {
            traceId,
            spanId,
            traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
            isRemote: false,
          });
          const bag: Record<string, { value: string }> = Object.create(null);
          for (const [k, v] of Object.entries(entries)) bag[k] = { value: v };
          ctx = propagation.setBaggage(ctx, propagation.createBaggage(bag));
          const carrier: Record<string, string> = {};
          composite.inject(ctx, carrier, setter);
          const out = composite.extract(ROOT_CONTEXT, carrier, getter);
          const sc = trace.getSpanContext(out);
          const got = propagation.getBaggage(out);
          return (
            sc !== undefined &&
            sc.traceId === traceId &&
            sc.spanId === spanId &&
            sc.traceFlags === (sampled ? TraceFlags.SAMPLED : TraceFlags.NONE) &&
            sc.isRemote === true &&
            Object.entries(entries).every(([k, v]) => got?.getEntry(k)?.value === v)
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
