/**
 * Property tests (fast-check), 100,000 generated carriers each: REQUIREMENTS §1 (never throws,
 * valid ids, unchanged context when nothing is valid), §5 (Jaeger-client headers, caps), and the
 * inject∘extract round trip.
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  isDebugTrace,
  isValidSpanId,
  isValidTraceId,
  setDebugTrace,
} from '@baton/internal';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { baggageOf, withBaggage } from './helpers';

const RUNS = { numRuns: 100_000 };
jest.setTimeout(600_000);

const p = new JaegerPropagator();

/** Characters that matter to the grammar, so random values often come close to valid ones. */
const jaegerChar = fc.constantFrom(...'0123456789abcdefABCDEF:%3A+ ,=g\u0000\uD800é'.split(''));
const jaegerString = fc.string({ unit: jaegerChar, maxLength: 80 });
const hexDigits = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'.split('')),
    minLength: min,
    maxLength: max,
  });
const nearValidTraceHeader = fc
  .tuple(
    hexDigits(0, 33),
    hexDigits(0, 17),
    hexDigits(0, 17),
    hexDigits(0, 3),
    fc.constantFrom(':', '%3A', '%3a', '::', ''),
  )
  .map(([t, s, par, f, sep]) => [t, s, par, f].join(sep));

const value = fc.oneof(
  jaegerString,
  nearValidTraceHeader,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(jaegerString, { maxLength: 3 }),
  jaegerString.map((s) => Buffer.from(s, 'latin1')),
  fc.constantFrom(undefined, null, 42, {}, true),
);
const key = fc.oneof(
  fc.constantFrom(
    'uber-trace-id',
    'Uber-Trace-Id',
    'jaeger-baggage',
    'JAEGER-BAGGAGE',
    'uberctx-',
    'traceparent',
  ),
  fc.string({ unit: jaegerChar, maxLength: 8 }).map((k) => 'uberctx-' + k),
  fc.string({ maxLength: 10 }),
);
const carrier = fc.dictionary(key, value, { maxKeys: 6 });

// Oracles written from RFC 9110, independent of the code under test (issue 20): token = 1*tchar;
// a field value Baton may write is visible ASCII with inner SP / HTAB only (no CR, LF, NUL).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SAFE_VALUE = /^[\x21-\x7e](?:[ \t\x21-\x7e]*[\x21-\x7e])?$/;

describe('properties', () => {
  test('§1 extract never throws; ids valid, remote; unchanged context when nothing valid', () => {
    fc.assert(
      fc.property(carrier, (c) => {
        const ctx = p.extract(ROOT_CONTEXT, c, defaultTextMapGetter);
        const sc = trace.getSpanContext(ctx);
        const bag = propagation.getBaggage(ctx);
        if (sc === undefined && bag === undefined) return ctx === ROOT_CONTEXT;
        if (sc !== undefined) {
          if (!isValidTraceId(sc.traceId) || !isValidSpanId(sc.spanId)) return false;
          if (sc.isRemote !== true || (sc.traceFlags !== 0 && sc.traceFlags !== 1)) return false;
          // debug only with sampled
          if (isDebugTrace(ctx, sc.traceId) && sc.traceFlags !== 1) return false;
        }
        return true;
      }),
      RUNS,
    );
  });

  test('§5 headers as Jaeger clients emit them: leading zeros stripped, optional %3A, flags in hex', () => {
    const nonZeroHex = (bits: number) =>
      fc.bigInt({ min: 1n, max: (1n << BigInt(bits)) - 1n }).map((n) => n.toString(16));
    fc.assert(
      fc.property(
        nonZeroHex(128),
        nonZeroHex(64),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16)),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        fc.boolean(),
        (t, s, parent, flags, twoDigits, encoded) => {
          const f = twoDigits ? flags.toString(16).padStart(2, '0') : flags.toString(16);
          if (f.length > 2) return true;
          const sep = encoded ? '%3A' : ':';
          const header = [t, s, parent, f].join(sep);
          const ctx = p.extract(ROOT_CONTEXT, { 'uber-trace-id': header }, defaultTextMapGetter);
          const sc = trace.getSpanContext(ctx);
          const sampled = (flags & 1) === 1;
          return (
            sc !== undefined &&
            sc.traceId === t.padStart(32, '0') &&
            sc.spanId === s.padStart(16, '0') &&
            sc.traceFlags === (sampled ? 1 : 0) &&
            isDebugTrace(ctx, sc.traceId) === (sampled && (flags & 2) === 2)
          );
        },
      ),
      RUNS,
    );
  });

  test('§5 full-width values (the fast path) agree with the grammar, tails of any shape', () => {
    // A plain reading of §5, with split/regex (fine in a test): decode, four fields, hex widths.
    const reference = (v: string) => {
      let d: string;
      try {
        d = decodeURIComponent(v);
      } catch {
        return undefined;
      }
      const f = d.split(':');
      if (f.length !== 4) return undefined;
      if (!/^[0-9a-f]{1,32}$/.test(f[0]) || !/^[0-9a-f]{1,16}$/.test(f[1])) return undefined;
      if (!/^[0-9a-f]{1,16}$/.test(f[2]) || !/^[0-9a-f]{1,2}$/.test(f[3])) return undefined;
      const traceId = f[0].padStart(32, '0');
      const spanId = f[1].padStart(16, '0');
      if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
      const flags = parseInt(f[3], 16);
      return { traceId, spanId, sampled: (flags & 1) === 1, debug: (flags & 3) === 3 };
    };
    const fullWidth = fc
      .tuple(
        fc.oneof(hexDigits(32, 32), fc.constant('0'.repeat(32)), fc.constant('A'.repeat(32))),
        fc.constantFrom(':', '%3A'),
        fc.oneof(hexDigits(16, 16), fc.constant('0'.repeat(16))),
        fc.constantFrom(':', '%3A', '%3a'),
        fc.string({ unit: jaegerChar, maxLength: 12 }),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fullWidth, (header) => {
        const ctx = p.extract(ROOT_CONTEXT, { 'uber-trace-id': header }, defaultTextMapGetter);
        const sc = trace.getSpanContext(ctx);
        const want = reference(header);
        if (want === undefined) return sc === undefined;
        return (
          sc !== undefined &&
          sc.traceId === want.traceId &&
          sc.spanId === want.spanId &&
          sc.traceFlags === (want.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE) &&
          isDebugTrace(ctx, want.traceId) === want.debug
        );
      }),
      RUNS,
    );
  });

  test('inject∘extract round-trips span context, debug and baggage', () => {
    // Ids from bigints: never all zero, without filtering (rejection sampling is slow).
    const id = (len: number) =>
      fc
        .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
        .map((n) => n.toString(16).padStart(len, '0'));
    const tokenKey = fc.string({
      unit: fc.constantFrom(...'abcxyz0189-_.!*~'.split('')),
      minLength: 1,
      maxLength: 12,
    });
    const entries = fc.dictionary(tokenKey, fc.string({ unit: 'binary', maxLength: 12 }), {
      maxKeys: 5,
    });
    fc.assert(
      fc.property(
        id(32),
        id(16),
        fc.boolean(),
        fc.boolean(),
        entries,
        (traceId, spanId, sampled, debug, bag) => {
          let ctx = trace.setSpanContext(withBaggage(bag), {
            traceId,
            spanId,
            traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          });
          if (debug) ctx = setDebugTrace(ctx, traceId);
          const headers: Record<string, string> = {};
          p.inject(ctx, headers, defaultTextMapSetter);
          const back = p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
          const sc = trace.getSpanContext(back);
          const got = propagation.getBaggage(back);
          const keys = Object.keys(bag);
          if (keys.length === 0 ? got !== undefined : got?.getAllEntries().length !== keys.length)
            return false;
          for (const k of keys) if (got?.getEntry(k)?.value !== bag[k]) return false;
          return (
            sc !== undefined &&
            sc.traceId === traceId &&
            sc.spanId === spanId &&
            // §4: every span of the debug trace carries debug on inject, sampled locally or not;
            // Jaeger writes it as flags 3 (debug with sampled), so it comes back sampled.
            sc.traceFlags === (sampled || debug ? 1 : 0) &&
            isDebugTrace(back, traceId) === debug
          );
        },
      ),
      RUNS,
    );
  });

  test('§1 inject never throws and writes only token names and safe ASCII values', () => {
    const idLike = fc.oneof(
      hexDigits(0, 33),
      fc.string({ unit: jaegerChar, maxLength: 33 }),
      fc.constant(''),
    );
    const anyKey = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const anyValue = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constant('\uD800'),
    );
    const withPrev = fc.tuple(
      idLike,
      idLike,
      fc.integer({ min: 0, max: 255 }),
      fc.dictionary(anyKey, anyValue, { maxKeys: 4 }),
    );
    const out: Record<string, string> = {};
    const setter = { set: (_c: unknown, k: string, v: string) => void (out[k] = v) };
    fc.assert(
      fc.property(withPrev, fc.boolean(), ([traceId, spanId, traceFlags, bag], sameTrace) => {
        // sameTrace: reuse a valid trace id, so the validated-ids memo is exercised with bad span ids
        const t = sameTrace ? '4bf92f3577b34da6a3ce929d0e0e4736' : traceId;
        const ctx = trace.setSpanContext(withBaggage(bag), { traceId: t, spanId, traceFlags });
        for (const k of Object.keys(out)) delete out[k];
        p.inject(ctx, {}, setter);
        for (const [k, v] of Object.entries(out)) {
          if (!TOKEN.test(k) || !SAFE_VALUE.test(v)) return false;
          if (k === 'uber-trace-id') {
            if (!isValidTraceId(t) || !isValidSpanId(spanId)) return false;
            if (v !== `${t}:${spanId}:0:0${traceFlags & 1}`) return false;
          }
        }
        return true;
      }),
      RUNS,
    );
  });

  test('§5 caps hold: at most 64 entries and 8192 bytes, whatever the headers', () => {
    // Shapes rather than contents: how many uberctx- headers, a cycle of value sizes, how many
    // jaeger-baggage items. (Generating 100 random strings per run would dominate the time.)
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 20 }),
        fc.boolean(),
        (count, sizes, listLength, upper) => {
          const c: Record<string, string> = {};
          for (let i = 0; i < count; i++) {
            c[(upper && i % 2 ? 'UBERCTX-K' : 'uberctx-k') + i] = '%41+'.repeat(
              sizes[i % sizes.length] >> 2,
            );
          }
          c['jaeger-baggage'] = Array.from({ length: listLength }, (_, i) => `j${i}=x`).join(',');
          const bag = baggageOf(p.extract(ROOT_CONTEXT, c, defaultTextMapGetter)) ?? {};
          const keys = Object.keys(bag);
          const bytes = keys.reduce((sum, k) => sum + k.length + bag[k].length, 0);
          return keys.length <= BAGGAGE_MAX_MEMBERS && bytes <= BAGGAGE_MAX_BYTES;
        },
      ),
      RUNS,
    );
  });
});
