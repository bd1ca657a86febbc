/**
 * Interop with @google-cloud/opentelemetry-cloud-trace-propagator 0.22 (installed beside SDK 2) on
 * valid input, both ways (issue 19), and one test per measured defect of 0.22 that Baton fixes
 * (README "What differs from the official package").
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  TraceFlags,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { CloudPropagator as Official } from '@google-cloud/opentelemetry-cloud-trace-propagator';
import { CloudPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';
import { spanContextOf, withSpan, SPAN_DEC, SPAN_ID, TRACE_ID } from './helpers';

// 0.22 prints a DeprecationWarning from its constructor; this test makes one on purpose.
const official = (() => {
  const saved = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return new Official();
  } finally {
    process.emitWarning = saved;
  }
})();
const baton = new CloudTracePropagator();
const H = 'x-cloud-trace-context';

function headersFrom(p: TextMapPropagator, ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  return out;
}
const read = (p: TextMapPropagator, c: Record<string, unknown>) =>
  p.extract(ROOT_CONTEXT, c, defaultTextMapGetter);
const id = (len: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
    .map((n) => n.toString(16).padStart(len, '0'));

test('CloudPropagator is exported under the official name: the import is all that changes', () => {
  expect(CloudPropagator).toBe(CloudTracePropagator);
  expect(new CloudPropagator().fields()).toEqual(official.fields());
});

test.each([
  ['Baton → official', baton],
  ['official → Baton', official],
])(
  '%s: both read the same span context, and the same header is written (2,000 contexts)',
  (_n, writer) => {
    fc.assert(
      fc.property(id(32), id(16), fc.boolean(), (t, s, sampled) => {
        const ctx = withSpan(t, s, sampled ? TraceFlags.SAMPLED : TraceFlags.NONE);
        const headers = headersFrom(writer, ctx);
        expect(headers).toEqual(headersFrom(writer === baton ? official : baton, ctx));
        const want = { traceId: t, spanId: s, traceFlags: sampled ? 1 : 0, isRemote: true };
        expect(spanContextOf(read(baton, headers))).toEqual(want);
        expect(spanContextOf(read(official, headers))).toEqual(want);
      }),
      { numRuns: 2_000 },
    );
  },
);

describe('the measured defects of 0.22, fixed', () => {
  test('uppercase hex is accepted by 0.22 (and kept uppercase), rejected by Baton', () => {
    const c = { [H]: `${TRACE_ID.toUpperCase()}/${SPAN_DEC};o=1` };
    expect(spanContextOf(read(official, c))?.traceId).toBe(TRACE_ID.toUpperCase());
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test.each([
    ['span 0', `${TRACE_ID}/0;o=1`],
    ['a decimal overflowing 64 bits', `${TRACE_ID}/18446744073709551616;o=1`],
  ])(
    '%s: 0.22 sets an invalid span context over a valid one; Baton keeps the valid one',
    (_n, v) => {
      const before = withSpan();
      const after = official.extract(before, { [H]: v }, defaultTextMapGetter);
      const theirs = spanContextOf(after);
      expect(theirs?.spanId).not.toBe(SPAN_ID);
      expect(
        /^[0-9a-f]{16}$/.test(theirs?.spanId ?? '') && theirs?.spanId !== '0000000000000000',
      ).toBe(false);
      expect(baton.extract(before, { [H]: v }, defaultTextMapGetter)).toBe(before);
    },
  );

  test('/123abc is read as 123 by 0.22, rejected by Baton', () => {
    const c = { [H]: `${TRACE_ID}/123abc` };
    expect(spanContextOf(read(official, c))?.spanId).toBe('000000000000007b');
    expect(read(baton, c)).toBe(ROOT_CONTEXT);
  });

  test('an invalid span context is injected by 0.22, not by Baton', () => {
    const ctx = withSpan('0'.repeat(32), '0'.repeat(16));
    expect(headersFrom(official, ctx)[H]).toBe(`${'0'.repeat(32)}/0;o=1`);
    expect(headersFrom(baton, ctx)).toEqual({});
  });

  test('no DeprecationWarning from Baton', () => {
    const warnings: unknown[] = [];
    const saved = process.emitWarning;
    process.emitWarning = (w: unknown) => void warnings.push(w);
    try {
      new CloudTracePropagator();
    } finally {
      process.emitWarning = saved;
    }
    expect(warnings).toEqual([]);
  });
});
