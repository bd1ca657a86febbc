/**
 * The explain API (explainCloudTraceContext): every rejection rule of REQUIREMENTS §12 (Google
 * Cloud) and issue 19 has a case whose rule id names it, and explain's verdict equals extract's.
 *
 * REQUIREMENTS §12: "`X-Cloud-Trace-Context: {32hex}/{u64 decimal}[;o=0|1]`; exact decimal ↔ hex,
 * zero and overflow rejected". Issue 19: "Reject a zero span id, an overflow, trailing garbage,
 * uppercase or non-hex trace ids."
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter, trace } from '@opentelemetry/api';
import { CloudTracePropagator, explainCloudTraceContext } from '@baton/propagator-cloud-trace';
import { diagnoseCloudTraceContext } from '../src/explain';

const T = '105445aa7843bc8bf206b12000100000';
const gcp = new CloudTracePropagator();

describe('explainCloudTraceContext: every rejection names its rule', () => {
  test.each([
    // [quoted rule, value, rule id, position]
    [
      '"uppercase … trace ids"',
      `${T.toUpperCase()}/1;o=1`,
      'x-cloud-trace-context/trace-id-uppercase',
      6,
    ],
    ['"non-hex trace ids"', `${T.slice(0, 31)}x/1`, 'x-cloud-trace-context/trace-id-not-hex', 31],
    ['"{32hex}": 31 chars', `${T.slice(1)}/1`, 'x-cloud-trace-context/trace-id-length', 31],
    ['"{32hex}": no /', T, 'x-cloud-trace-context/trace-id-length', 32],
    [
      'REQUIREMENTS §1 "not all zero"',
      `${'0'.repeat(32)}/1`,
      'x-cloud-trace-context/trace-id-all-zero',
      0,
    ],
    ['"Reject a zero span id"', `${T}/000;o=1`, 'x-cloud-trace-context/span-id-zero', 33],
    ['"an overflow"', `${T}/18446744073709551616`, 'x-cloud-trace-context/span-id-overflow', 33],
    [
      '"an overflow" (21 digits)',
      `${T}/100000000000000000000`,
      'x-cloud-trace-context/span-id-overflow',
      33,
    ],
    ['"trailing garbage" (`/123abc`)', `${T}/123abc`, 'x-cloud-trace-context/trailing-garbage', 36],
    ['"{u64 decimal}": digits', `${T}/abc`, 'x-cloud-trace-context/span-id-not-decimal', 33],
    ['"{u64 decimal}": not empty', `${T}/;o=1`, 'x-cloud-trace-context/span-id-empty', 33],
    ['"[;o=0|1]"', `${T}/1;o=2`, 'x-cloud-trace-context/options', 34],
    ['"[;o=0|1]": one option only', `${T}/1;o=1;o=1`, 'x-cloud-trace-context/options', 34],
    [
      'capped before work (REQUIREMENTS §1)',
      `${T}/${'0'.repeat(200)}1`,
      'x-cloud-trace-context/too-long',
      128,
    ],
  ])('%s: %s', (_rule, value, ruleId, position) => {
    const e = explainCloudTraceContext(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toBe('Google Cloud Trace §X-Cloud-Trace-Context');
  });

  test('not text', () => {
    expect(explainCloudTraceContext(undefined).error?.rule).toBe('x-cloud-trace-context/not-text');
  });
});

test('"exact decimal ↔ hex": the largest u64, o=1 sampled, o absent not', () => {
  expect(explainCloudTraceContext(`${T}/18446744073709551615;o=1`)).toEqual({
    valid: true,
    error: undefined,
    fields: {
      traceId: T,
      spanId: 'ffffffffffffffff',
      spanIdDecimal: '18446744073709551615',
      sampled: true,
      option: '1',
    },
  });
  expect(explainCloudTraceContext(`${T}/1`).fields).toMatchObject({
    spanId: '0000000000000001',
    sampled: false,
    option: undefined,
  });
});

const value = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.constant(T),
        fc.constant('0'.repeat(32)),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefA'), minLength: 30, maxLength: 33 }),
      ),
      fc.oneof(fc.bigInt({ min: 0n, max: 1n << 65n }).map(String), fc.string({ maxLength: 22 })),
      fc.constantFrom('', ';o=1', ';o=0', ';o=2', ';o=1;', ' ', 'abc'),
    )
    .map(([t, s, o]) => `${t}/${s}${o}`),
  fc.string({ maxLength: 80 }),
);

test('explain(v).valid === extract finds a span context, and every rejection has a rule', () => {
  fc.assert(
    fc.property(value, (v) => {
      const sc = trace.getSpanContext(
        gcp.extract(ROOT_CONTEXT, { 'x-cloud-trace-context': v }, defaultTextMapGetter),
      );
      const e = explainCloudTraceContext(v);
      expect(e.valid).toBe(sc !== undefined);
      expect(diagnoseCloudTraceContext(v) === undefined).toBe(e.valid);
      if (sc)
        expect([e.fields?.traceId, e.fields?.spanId, e.fields?.sampled]).toEqual([
          sc.traceId,
          sc.spanId,
          sc.traceFlags === 1,
        ]);
    }),
    { numRuns: 5_000 },
  );
});
