/**
 * Property tests (fast-check), 100,000 generated carriers each.
 * R1: "Extract never throws, for any carrier …"; "An extracted SpanContext has `isRemote: true`; ids
 * are lowercase hex, 32 / 16 chars, not all zero". §9: "no throw, every extracted id valid,
 * inject∘extract round-trips".
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import { isValidSpanId, isValidTraceId, setDebugTrace } from '@baton/internal';
import {
  B3InjectEncoding,
  B3Propagator,
  getB3SamplingState,
  isB3Debug,
} from '@baton/propagator-b3';
import { recordGetter } from './helpers';

const RUNS = { numRuns: 100_000 };
const single = new B3Propagator();
const multi = new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });

const HEX = [...'0123456789abcdef'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
/** A non-zero id of `width` hex chars (fast: one bigint, no per-char generation, no filter). */
const nonZeroId = (width: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(width * 4)) - 1n })
    .map((b) => b.toString(16).padStart(width, '0'));
/** Near-valid pieces: right and wrong lengths, zeros, uppercase, other chars. */
const idLike = fc.oneof(
  hex(16, 16),
  hex(32, 32),
  hex(0, 40),
  fc.constantFrom('0'.repeat(16), '0'.repeat(32)),
  hex(16, 32).map((s) => s.toUpperCase()),
  fc.string({ maxLength: 40 }),
);
const samplingLike = fc.constantFrom('0', '1', 'd', 'D', '2', '', 'true', 'false', 'TRUE', 'x');
/** `{trace}-{span}[-{sampling}][-{parent}]` with each field usually right, sometimes not. */
const structuredB3 = fc
  .tuple(
    fc.oneof(hex(16, 16), hex(32, 32), idLike),
    fc.oneof(hex(16, 16), idLike),
    fc.option(samplingLike),
    fc.option(fc.oneof(hex(16, 16), idLike)),
  )
  .map((fields) => fields.filter((f) => f !== null).join('-'));
/** b3 values assembled from near-valid fields and separators. */
const b3Like = fc.oneof(
  { weight: 4, arbitrary: structuredB3 },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(fc.oneof(idLike, samplingLike), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('-', '-', '-', '_', ' '),
      )
      .map(([parts, sep]) => parts.join(sep)),
  },
  { weight: 1, arbitrary: samplingLike },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) }, // lone surrogates included
);
/** A header value as carriers deliver it: strings, arrays, Buffers, junk. */
const valueLike = (s: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: s },
    { weight: 1, arbitrary: fc.array(s, { maxLength: 3 }) },
    { weight: 1, arbitrary: s.map((v) => Buffer.from(v, 'latin1')) },
    { weight: 1, arbitrary: fc.constantFrom(1, true, null, {}, undefined) },
  );
const B3_NAMES = [
  'b3',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-sampled',
  'x-b3-flags',
  'x-b3-parentspanid',
];
const nameLike = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...B3_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...B3_NAMES).chain((n) => fc.mixedCase(fc.constant(n))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const carrierLike = fc.dictionary(nameLike, valueLike(fc.oneof(b3Like, idLike, samplingLike)), {
  maxKeys: 8,
});
const getterLike = fc.constantFrom<TextMapGetter>(
  defaultTextMapGetter,
  recordGetter as TextMapGetter,
  {
    get: () => {
      throw new Error('get');
    },
    keys: () => ['b3'],
  },
  {
    get: (c, k) => (c as Record<string, string>)[k],
    keys: () => {
      throw new Error('keys');
    },
  },
);
const contextLike = fc.constantFrom(
  ROOT_CONTEXT,
  trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: 1,
    isRemote: true,
  }),
);

test('extract never throws; what it extracts is valid; garbage leaves the context as it was', () => {
  fc.assert(
    fc.property(contextLike, carrierLike, getterLike, (ctx, carrier, getter) => {
      for (const propagator of [single, multi]) {
        const out = propagator.extract(ctx, carrier, getter);
        if (out === ctx) continue;
        const sc = trace.getSpanContext(out);
        if (sc !== trace.getSpanContext(ctx)) {
          const ok =
            isValidTraceId(sc?.traceId) &&
            isValidSpanId(sc?.spanId) &&
            sc?.isRemote === true &&
            (sc.traceFlags === 0 || sc.traceFlags === 1);
          if (!ok) return false;
        } else {
          // Only a sampling-only decision may change the context without a span context.
          const rec = getB3SamplingState(out);
          if (rec === undefined || rec.traceId !== undefined || rec.state === 'deferred')
            return false;
        }
      }
      return true;
    }),
    RUNS,
  );
});

/**
 * An independent oracle of the `b3` grammar (REQUIREMENTS §4), written as an anchored regex — fine in
 * a test, never on the request path. It must agree with the index-arithmetic parser on every value.
 */
const B3_ORACLE =
  /^(?:([0-9a-f]{32}|[0-9a-f]{16})-([0-9a-f]{16})(?:-([01d]))?(?:-[0-9a-f]{16})?|([01d]))$/;
function oracle(v: string): string {
  const m = B3_ORACLE.exec(v);
  if (m === null) return 'invalid';
  if (m[4] !== undefined) return `only:${m[4]}`;
  const traceId = m[1].padStart(32, '0');
  if (/^0+$/.test(traceId) || /^0+$/.test(m[2])) return 'invalid';
  return `${traceId}/${m[2]}/${m[3] ?? 'deferred'}`;
}
function baton(v: string): string {
  const out = single.extract(ROOT_CONTEXT, { b3: v }, defaultTextMapGetter);
  if (out === ROOT_CONTEXT) return 'invalid';
  const sc = trace.getSpanContext(out);
  const rec = getB3SamplingState(out);
  if (sc === undefined)
    return `only:${{ deny: '0', accept: '1', debug: 'd', deferred: '?' }[rec!.state]}`;
  const state = isB3Debug(out)
    ? 'd'
    : rec?.state === 'deferred'
      ? 'deferred'
      : String(sc.traceFlags);
  return `${sc.traceId}/${sc.spanId}/${state}`;
}

test('the b3 parser agrees with an independent grammar oracle', () => {
  fc.assert(
    fc.property(b3Like, (v) => baton(v) === oracle(v)),
    RUNS,
  );
});

const spanContextLike = fc.record({
  traceId: nonZeroId(32),
  spanId: nonZeroId(16),
  traceFlags: fc.constantFrom(0, 1, 2, 3),
  debug: fc.boolean(),
});

test('inject∘extract round-trips across both encodings (debug included)', () => {
  fc.assert(
    fc.property(spanContextLike, fc.boolean(), fc.boolean(), (s, injectMulti, mixedCase) => {
      let ctx = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: s.traceId,
        spanId: s.spanId,
        traceFlags: s.traceFlags,
        isRemote: false,
      });
      if (s.debug) ctx = setDebugTrace(ctx, s.traceId);
      const carrier: Record<string, string> = {};
      (injectMulti ? multi : single).inject(ctx, carrier, defaultTextMapSetter);
      const delivered = mixedCase
        ? Object.fromEntries(Object.entries(carrier).map(([k, v]) => [k.toUpperCase(), v]))
        : carrier;
      const out = (injectMulti ? single : multi).extract(
        ROOT_CONTEXT,
        delivered,
        defaultTextMapGetter,
      );
      const sc = trace.getSpanContext(out);
      // Plain comparisons (not expect) keep 100,000 runs fast; fast-check reports the failing input.
      return (
        sc?.traceId === s.traceId &&
        sc.spanId === s.spanId &&
        // OTel B3: "MUST preserve a debug trace flag, if received, and propagate it with subsequent
        // requests" — every span of the debug trace carries it, sampled locally or not; and B3:
        // "Debug implies an accept decision", so it arrives sampled.
        sc.traceFlags === (s.debug || (s.traceFlags & 1) === 1 ? 1 : 0) &&
        isB3Debug(out) === s.debug
      );
    }),
    RUNS,
  );
});

test('64-bit ids round-trip as 16 chars with emit64BitTraceIds', () => {
  const p = new B3Propagator({ emit64BitTraceIds: true });
  fc.assert(
    fc.property(nonZeroId(16), nonZeroId(16), (t, sp) => {
      const ctx = p.extract(ROOT_CONTEXT, { b3: `${t}-${sp}-1` }, defaultTextMapGetter);
      const carrier: Record<string, string> = {};
      p.inject(ctx, carrier, defaultTextMapSetter);
      return (
        trace.getSpanContext(ctx)?.traceId === t.padStart(32, '0') && carrier.b3 === `${t}-${sp}-1`
      );
    }),
    RUNS,
  );
});

test('plain objects through the default getter (one pass over the keys) read what any getter reads', () => {
  // readB3 takes a shortcut for a plain object read through defaultTextMapGetter (plainCarrierKeys):
  // no lookup by name, one pass over the keys. A getter of the same behaviour that is not the
  // default takes the general path (lowercase lookups, then one scan). Both must agree.
  const sameAsDefault: TextMapGetter<Record<string, unknown>> = {
    get: (c, k) => c[k] as string | string[] | undefined,
    keys: (c) => Object.keys(c),
  };
  const summary = (ctx: ReturnType<typeof single.extract>) => {
    const sc = trace.getSpanContext(ctx);
    return [sc?.traceId, sc?.spanId, sc?.traceFlags, getB3SamplingState(ctx), isB3Debug(ctx)];
  };
  fc.assert(
    fc.property(contextLike, carrierLike, (ctx, carrier) => {
      const plain = summary(single.extract(ctx, carrier, defaultTextMapGetter));
      const general = summary(single.extract(ctx, carrier, sameAsDefault as TextMapGetter));
      expect(plain).toEqual(general);
    }),
    RUNS,
  );
});
