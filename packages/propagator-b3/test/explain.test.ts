/**
 * The explain API (explainB3Single, explainB3Multi): every rejection rule of REQUIREMENTS §4 has a
 * case whose rule id names it, and explain's verdict equals extract's on generated input.
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter } from '@opentelemetry/api';
import { B3Propagator, explainB3Multi, explainB3Single } from '@baton/propagator-b3';
import { diagnoseB3Multi, diagnoseB3Single } from '../src/explain';
import { P, S, T16, T16_PADDED, T32 } from './helpers';

const b3 = new B3Propagator();

describe('explainB3Single: REQUIREMENTS §4 "`b3` grammar: `{trace}-{span}[-{0|1|d}[-{parent16}]]`"', () => {
  test.each([
    // [quoted rule, value, rule id, position]
    ['Reject other lengths (trace id 20)', `${T32.slice(0, 20)}-${S}-1`, 'b3/trace-id-length', 0],
    ['Reject other lengths (span id 15)', `${T32}-${S.slice(1)}-1`, 'b3/span-id-length', 33],
    ['Reject uppercase', `${T32.toUpperCase()}-${S}-1`, 'b3/trace-id-uppercase', 3],
    ['Reject non-hex', `${T32}-${S.slice(0, 15)}x-1`, 'b3/span-id-not-hex', 48],
    ['Reject all-zero (trace)', `${'0'.repeat(32)}-${S}-1`, 'b3/trace-id-all-zero', 0],
    ['Reject all-zero (span)', `${T32}-${'0'.repeat(16)}-1`, 'b3/span-id-all-zero', 33],
    ['Reject trailing `-`', `${T32}-${S}-`, 'b3/trailing-dash', 49],
    ['Reject more than 4 fields', `${T16}-${S}-1-${P}-x`, 'b3/too-many-fields', 52],
    ['Reject a traceparent-shaped value', `00-${T32}-${S}-01`, 'b3/traceparent-shaped', 0],
    ['Sampling: `1`, `0`, `d`', `${T32}-${S}-2`, 'b3/sampling-state', 50],
    ['Sampling-only `b3: 0|1|d`', 'x', 'b3/sampling-state', 0],
    ['parent16', `${T32}-${S}-1-${P.slice(1)}`, 'b3/parent-span-id-length', 52],
    ['parent16 hex', `${T32}-${S}-1-${P.slice(1)}X`, 'b3/parent-span-id-not-hex', 67],
    ['span id present', T32, 'b3/span-id-missing', 32],
    ['at most 68 chars', `${T32}-${S}-1-${P}0`, 'b3/too-long', 68],
  ])('%s: %s', (_rule, value, ruleId, position) => {
    const e = explainB3Single(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toMatch(/^B3/);
  });

  test('"trace id 16 (left-pad to 32)"; "`d` debug → sampled + debug"', () => {
    expect(explainB3Single(`${T16}-${S}-d-${P}`).fields).toEqual({
      traceId: T16_PADDED,
      traceId64: true,
      spanId: S,
      samplingState: 'debug',
      sampled: true,
      debug: true,
      deferred: false,
      samplingOnly: false,
      parentSpanId: P,
    });
  });

  test('"`{t}-{s}-{parent16}` (no sampling field) → deferred (Brave)"; "Sampling-only headers produce no SpanContext"', () => {
    expect(explainB3Single(`${T32}-${S}-${P}`).fields).toMatchObject({
      deferred: true,
      sampled: false,
      parentSpanId: P,
    });
    expect(explainB3Single('0').fields).toMatchObject({
      samplingOnly: true,
      samplingState: 'deny',
      traceId: undefined,
    });
  });
});

describe('explainB3Multi: REQUIREMENTS §4 "anything else invalidates the multi context"', () => {
  test.each([
    [
      '`x-b3-sampled` accepts `1`, `0`, `true`, `false`',
      { traceId: T32, spanId: S, sampled: 'yes' },
      'x-b3-sampled/value',
    ],
    ['trace id 16 or 32', { traceId: T32.slice(2), spanId: S }, 'x-b3-traceid/trace-id-length'],
    ['lowercase hex', { traceId: T32, spanId: S.toUpperCase() }, 'x-b3-spanid/span-id-uppercase'],
    ['not all zero', { traceId: '0'.repeat(16), spanId: S }, 'x-b3-traceid/trace-id-all-zero'],
    ['both ids', { traceId: T32 }, 'x-b3-spanid/missing'],
    ['both ids', { spanId: S, sampled: '1' }, 'x-b3-traceid/missing'],
    ['"other flags values ignored"', { flags: '0' }, 'x-b3-flags/ignored'],
  ])('%s', (_rule, headers, ruleId) => {
    const e = explainB3Multi(headers);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
  });

  test('"`x-b3-flags: 1` → debug + sampled, even with `x-b3-sampled: 0`"; booleans case-insensitive', () => {
    expect(
      explainB3Multi({ traceId: T32, spanId: S, sampled: '0', flags: '1' }).fields,
    ).toMatchObject({ debug: true, sampled: true });
    expect(explainB3Multi({ traceId: T16, spanId: S, sampled: 'TRUE' }).fields).toMatchObject({
      traceId: T16_PADDED,
      traceId64: true,
      sampled: true,
    });
  });
});

// --- the guard: explain's verdict is extract's verdict -------------------------------------------

const HEX = [...'0123456789abcdefA0'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
const b3Like = fc.oneof(
  fc
    .tuple(
      hex(15, 33),
      hex(15, 17),
      fc.constantFrom('', '-0', '-1', '-d', '-x', '-', '-10'),
      fc.constantFrom('', `-${P}`, '-', `-${P}0`),
      fc.constantFrom('', '-x'),
    )
    .map((p) => p.join('-').replace(/--/g, '-')),
  fc.tuple(hex(15, 33), hex(15, 17)).map(([t, s]) => `${t}-${s}`),
  fc.constantFrom('0', '1', 'd', 'x', '', `00-${T32}-${S}-01`),
  fc.string({ maxLength: 70 }),
);

test('explainB3Single(v).valid === parseB3Single accepts v, and a rule is found for every rejection', () => {
  fc.assert(
    fc.property(b3Like, (v) => {
      const e = explainB3Single(v);
      expect(diagnoseB3Single(v) === undefined).toBe(e.valid);
      // extract reads a valid single header and never falls back: same verdict as extract with b3 alone.
      const changed = b3.extract(ROOT_CONTEXT, { b3: v }, defaultTextMapGetter) !== ROOT_CONTEXT;
      expect(changed).toBe(e.valid);
    }),
    { numRuns: 20_000 },
  );
});

const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
test('explainB3Multi(h).valid === extract of the x-b3-* headers changes the context', () => {
  fc.assert(
    fc.property(
      optional(hex(14, 33)),
      optional(hex(14, 17)),
      optional(fc.constantFrom('1', '0', 'true', 'False', 'yes', '', '2')),
      optional(fc.constantFrom('1', '0', '10', '')),
      (traceId, spanId, sampled, flags) => {
        const h = { traceId, spanId, sampled, flags };
        const carrier: Record<string, string> = {};
        if (traceId !== undefined) carrier['x-b3-traceid'] = traceId;
        if (spanId !== undefined) carrier['x-b3-spanid'] = spanId;
        if (sampled !== undefined) carrier['x-b3-sampled'] = sampled;
        if (flags !== undefined) carrier['x-b3-flags'] = flags;
        const changed = b3.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter) !== ROOT_CONTEXT;
        const e = explainB3Multi(h);
        expect(e.valid).toBe(changed);
        if (Object.keys(carrier).length > 0) expect(diagnoseB3Multi(h) === undefined).toBe(e.valid);
      },
    ),
    { numRuns: 20_000 },
  );
});
