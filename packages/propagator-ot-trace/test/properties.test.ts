/**
 * Property tests (fast-check): REQUIREMENTS §1 (never throws, valid ids, unchanged context when
 * nothing is valid, safe inject output), §12 (ids of every width OT tracers send), the caps, and
 * the inject∘extract round trip.
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
  isSafeHeaderValue,
  isToken,
  isValidSpanId,
  isValidTraceId,
} from '@baton/internal';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { baggageOf, withBaggage } from './helpers';

const RUNS = { numRuns: 20_000 };
jest.setTimeout(300_000);

const p = new OTTracePropagator();

const otChar = fc.constantFrom(
  ...'0123456789abcdefABCDEF tTrRuUeEfFaAlLsS-g\u0000\uD800é'.split(''),
);
const otString = fc.string({ unit: otChar, maxLength: 40 });
const hexDigits = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'.split('')),
    minLength: min,
    maxLength: max,
  });
const value = fc.oneof(
  otString,
  hexDigits(0, 33),
  fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes', ''),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(otString, { maxLength: 3 }),
  otString.map((s) => Buffer.from(s, 'latin1')),
  fc.constantFrom(undefined, null, 42, {}, true),
);
const key = fc.oneof(
  fc.constantFrom(
    'ot-tracer-traceid',
    'OT-Tracer-TraceId',
    'ot-tracer-spanid',
    'OT-TRACER-SPANID',
    'ot-tracer-sampled',
    'Ot-Tracer-Sampled',
    'ot-baggage-',
  ),
  fc.string({ unit: otChar, maxLength: 8 }).map((k) => 'ot-baggage-' + k),
  fc.string({ maxLength: 10 }),
);
const carrier = fc.dictionary(key, value, { maxKeys: 7 });

/** Ids from bigints: never all zero, without filtering. */
const id = (len: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
    .map((n) => n.toString(16).padStart(len, '0'));

describe('properties', () => {
  test('§1 extract never throws; ids valid, remote; unchanged context when nothing valid', () => {
    fc.assert(
      fc.property(carrier, (c) => {
        const ctx = p.extract(ROOT_CONTEXT, c, defaultTextMapGetter);
        const sc = trace.getSpanContext(ctx);
        if (sc === undefined) return ctx === ROOT_CONTEXT; // baggage only with a trace
        return (
          isValidTraceId(sc.traceId) &&
          isValidSpanId(sc.spanId) &&
          sc.isRemote === true &&
          (sc.traceFlags === 0 || sc.traceFlags === 1)
        );
      }),
      RUNS,
    );
  });

  test('§12 every id OT tracers send (16 or 32 hex) and every sampled spelling is read exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(id(16), id(32)),
        id(16),
        fc.constantFrom('true', 'false', '1', '0', 'True', 'FALSE', undefined),
        (t, s, sampled) => {
          const c: Record<string, string> = { 'ot-tracer-traceid': t, 'ot-tracer-spanid': s };
          if (sampled !== undefined) c['ot-tracer-sampled'] = sampled;
          const sc = trace.getSpanContext(p.extract(ROOT_CONTEXT, c, defaultTextMapGetter));
          const want = sampled !== undefined && ['true', '1'].includes(sampled.toLowerCase());
          return (
            sc !== undefined &&
            sc.traceId === t.padStart(32, '0') &&
            sc.spanId === s &&
            sc.traceFlags === (want ? TraceFlags.SAMPLED : TraceFlags.NONE)
          );
        },
      ),
      RUNS,
    );
  });

  test('inject∘extract round-trips span context and baggage (tokens keys, safe values)', () => {
    const tokenKey = fc.string({
      unit: fc.constantFrom(...'abcxyz0189-_.!*~'.split('')),
      minLength: 1,
      maxLength: 12,
    });
    const safeValue = fc
      .string({ unit: fc.constantFrom(...'ab c%+=/,;:09'.split('')), maxLength: 12 })
      .map((v) => v.trim());
    fc.assert(
      fc.property(
        id(32),
        id(16),
        fc.boolean(),
        fc.dictionary(tokenKey, safeValue, { maxKeys: 5 }),
        fc.boolean(),
        (traceId, spanId, sampled, bag, emit64) => {
          const ctx = trace.setSpanContext(withBaggage(bag), {
            traceId,
            spanId,
            traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          });
          const headers: Record<string, string> = {};
          (emit64 ? new OTTracePropagator({ emit64BitTraceIds: true }) : p).inject(
            ctx,
            headers,
            defaultTextMapSetter,
          );
          const back = p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
          const sc = trace.getSpanContext(back);
          const got = baggageOf(back);
          const keys = Object.keys(bag);
          if (keys.length === 0 ? got !== undefined : JSON.stringify(got) !== JSON.stringify(bag))
            return false;
          return (
            sc !== undefined &&
            sc.traceId === traceId &&
            sc.spanId === spanId &&
            sc.traceFlags === (sampled ? 1 : 0)
          );
        },
      ),
      RUNS,
    );
  });

  test('§1 inject never throws and writes only token names and safe ASCII values', () => {
    const idLike = fc.oneof(
      hexDigits(0, 33),
      fc.string({ unit: otChar, maxLength: 33 }),
      fc.constant(''),
    );
    const anyText = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constant('\uD800'),
    );
    const out: Record<string, string> = {};
    const setter = { set: (_c: unknown, k: string, v: string) => void (out[k] = v) };
    fc.assert(
      fc.property(
        idLike,
        idLike,
        fc.integer({ min: 0, max: 255 }),
        fc.dictionary(anyText, anyText, { maxKeys: 4 }),
        (traceId, spanId, traceFlags, bag) => {
          const ctx = trace.setSpanContext(withBaggage(bag), { traceId, spanId, traceFlags });
          for (const k of Object.keys(out)) delete out[k];
          p.inject(ctx, {}, setter);
          const written = Object.entries(out);
          if (written.length > 0 && (!isValidTraceId(traceId) || !isValidSpanId(spanId)))
            return false;
          for (const [k, v] of written) {
            if (!isToken(k) || !isSafeHeaderValue(v) || /[^\x20-\x7e\t]/.test(v)) return false;
          }
          return true;
        },
      ),
      RUNS,
    );
  });

  test('§5 caps hold (at most 64 entries and 8192 bytes) whatever the headers', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (count, sizes, upper) => {
          const c: Record<string, string> = {
            'ot-tracer-traceid': '4bf92f3577b34da6a3ce929d0e0e4736',
            'ot-tracer-spanid': '00f067aa0ba902b7',
          };
          for (let i = 0; i < count; i++) {
            c[(upper && i % 2 ? 'OT-BAGGAGE-K' : 'ot-baggage-k') + i] = 'v'.repeat(
              sizes[i % sizes.length],
            );
          }
          const bag = propagation.getBaggage(p.extract(ROOT_CONTEXT, c, defaultTextMapGetter));
          const entries = bag?.getAllEntries() ?? [];
          const bytes = entries.reduce((sum, [k, e]) => sum + k.length + e.value.length, 0);
          return (
            entries.length <= BAGGAGE_MAX_MEMBERS &&
            bytes <= BAGGAGE_MAX_BYTES &&
            (count === 0 || entries.length > 0)
          );
        },
      ),
      RUNS,
    );
  });
});
