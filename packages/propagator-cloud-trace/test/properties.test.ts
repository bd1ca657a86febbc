/**
 * Property tests (fast-check): REQUIREMENTS §1 for any carrier — never throws, valid remote ids or
 * the input context itself — the grammar of §12 against a plain reading of it, and round trips.
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { isSafeHeaderValue, isValidSpanId, isValidTraceId } from '@baton/internal';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';

const RUNS = { numRuns: 20_000 };
jest.setTimeout(300_000);
const gcp = new CloudTracePropagator();
const oneway = new CloudTraceOneWayPropagator();
const H = 'x-cloud-trace-context';

const gChar = fc.constantFrom(...'0123456789abcdefABCDEF/;o=+- \u0000\uD800é'.split(''));
const hex = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'.split('')),
    minLength: min,
    maxLength: max,
  });
const digits = fc.string({
  unit: fc.constantFrom(...'0123456789'.split('')),
  minLength: 0,
  maxLength: 22,
});
const nearValid = fc
  .tuple(
    fc.oneof(hex(32, 32), hex(0, 34), fc.constant('0'.repeat(32))),
    fc.constantFrom('/', '', '//', '-'),
    digits,
    fc.constantFrom('', ';o=1', ';o=0', ';o=2', ';o=', ';o=1;o=0', 'x', ';O=1'),
  )
  .map((parts) => parts.join(''));
const value = fc.oneof(
  nearValid,
  fc.string({ unit: gChar, maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.array(nearValid, { maxLength: 3 }),
  nearValid.map((s) => Buffer.from(s, 'latin1')),
  fc.constantFrom(undefined, null, 42, {}, true),
);
const key = fc.constantFrom(
  H,
  'X-Cloud-Trace-Context',
  'X-CLOUD-TRACE-CONTEXT',
  'traceparent',
  'x',
);
const carrier = fc.dictionary(key, value, { maxKeys: 3 });

/** §12 read plainly, with a regex and BigInt (fine in a test). */
function reference(v: string): { traceId: string; spanId: string; sampled: boolean } | undefined {
  const m = /^([0-9a-f]{32})\/([0-9]+)(;o=[01])?$/.exec(v);
  if (m === null || /^0+$/.test(m[1])) return undefined;
  const n = BigInt(m[2]);
  if (n === 0n || n >= 1n << 64n) return undefined;
  return { traceId: m[1], spanId: n.toString(16).padStart(16, '0'), sampled: m[3] === ';o=1' };
}

test('§1 extract never throws; valid remote ids or the input context itself (both propagators)', () => {
  fc.assert(
    fc.property(carrier, fc.boolean(), (c, one) => {
      const ctx = (one ? oneway : gcp).extract(ROOT_CONTEXT, c, defaultTextMapGetter);
      const sc = trace.getSpanContext(ctx);
      if (sc === undefined) return ctx === ROOT_CONTEXT;
      return isValidTraceId(sc.traceId) && isValidSpanId(sc.spanId) && sc.isRemote === true;
    }),
    RUNS,
  );
});

test('§12 the parser agrees with a plain reading of the grammar', () => {
  fc.assert(
    fc.property(nearValid, (v) => {
      const want = v.length > 128 ? undefined : reference(v);
      const sc = trace.getSpanContext(gcp.extract(ROOT_CONTEXT, { [H]: v }, defaultTextMapGetter));
      if (want === undefined) return sc === undefined;
      return (
        sc !== undefined &&
        sc.traceId === want.traceId &&
        sc.spanId === want.spanId &&
        sc.traceFlags === (want.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE)
      );
    }),
    RUNS,
  );
});

test('inject∘extract round-trips; inject writes one safe value or nothing', () => {
  const idLike = (len: number) =>
    fc.oneof(hex(len, len), hex(0, len + 1), fc.string({ unit: gChar, maxLength: len }));
  fc.assert(
    fc.property(
      idLike(32),
      idLike(16),
      fc.integer({ min: 0, max: 255 }),
      (traceId, spanId, traceFlags) => {
        const out: Record<string, string> = {};
        gcp.inject(
          trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags }),
          out,
          defaultTextMapSetter,
        );
        if (!isValidTraceId(traceId) || !isValidSpanId(spanId))
          return Object.keys(out).length === 0;
        if (!isSafeHeaderValue(out[H])) return false;
        const sc = trace.getSpanContext(gcp.extract(ROOT_CONTEXT, out, defaultTextMapGetter));
        return (
          sc?.traceId === traceId && sc.spanId === spanId && sc.traceFlags === (traceFlags & 1)
        );
      },
    ),
    RUNS,
  );
});
