/**
 * The explain API (explainTraceparent, explainTracestate, explainBaggage): every rejection rule of
 * REQUIREMENTS §2–§3 has a case whose rule id names it, and explain's verdict equals extract's on
 * generated input (the guard that keeps the diagnosis and the parser together).
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, propagation, trace } from '@opentelemetry/api';
import { explainBaggage, explainTraceparent, explainTracestate } from '@baton/propagator-w3c';
import { diagnoseTraceparent } from '../src/explain-traceparent';
import { diagnoseTracestate } from '../src/explain-tracestate';
import { bag, getter, tc } from './helpers';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const TP = `00-${T}-${S}-01`;

describe('explainTraceparent: REQUIREMENTS §2 "`traceparent` = `00-{32 lc hex}-{16 lc hex}-{2 lc hex}`"', () => {
  test.each([
    // [quoted rule, value, rule id, position]
    [
      'reject uppercase (trace id)',
      `00-${T.toUpperCase()}-${S}-01`,
      'traceparent/trace-id-uppercase',
      4,
    ],
    [
      'reject uppercase (parent id)',
      `00-${T}-00F067AA0BA902B7-01`,
      'traceparent/parent-id-uppercase',
      38,
    ],
    ['reject uppercase (flags)', `00-${T}-${S}-0A`, 'traceparent/trace-flags-uppercase', 54],
    ['all-zero ids (trace)', `00-${'0'.repeat(32)}-${S}-01`, 'traceparent/trace-id-all-zero', 3],
    ['all-zero ids (parent)', `00-${T}-${'0'.repeat(16)}-01`, 'traceparent/parent-id-all-zero', 36],
    ['version `ff`', `ff-${T}-${S}-01`, 'traceparent/version-ff', 0],
    ['wrong lengths (short)', `00-${T.slice(1)}-${S}-01`, 'traceparent/too-short', 54],
    ['wrong lengths (trace id 33)', `00-${T}a-${S}-0`, 'traceparent/separator', 35],
    ['wrong lengths (too long)', `cc-${T}-${S}-01-${'x'.repeat(500)}`, 'traceparent/too-long', 512],
    ['version 00 followed by anything', `${TP}-00`, 'traceparent/version-00-trailing', 55],
    [
      'require `-` or end after the flags',
      `cc-${T}-${S}-01x`,
      'traceparent/future-version-separator',
      55,
    ],
    ['non-hex trace id', `00-${T.slice(0, 31)}g-${S}-01`, 'traceparent/trace-id-not-hex', 34],
    ['non-hex version', `0x-${T}-${S}-01`, 'traceparent/version-not-hex', 1],
  ])('%s: %s', (_rule, value, ruleId, position) => {
    const e = explainTraceparent(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toMatch(/^W3C Trace Context Level 2 §/);
    expect(e.error?.expected.length).toBeGreaterThan(0);
  });

  test('"Two `traceparent` values (an array of two) → invalid"', () => {
    expect(explainTraceparent([TP, TP]).error?.rule).toBe('traceparent/multiple-headers');
    expect(explainTraceparent([TP]).valid).toBe(true);
  });

  test('"Any run of spaces and tabs around the value is tolerated"; flags decoded bit by bit', () => {
    const e = explainTraceparent(`\t ${TP.slice(0, -2)}03\t `);
    expect(e).toEqual({
      valid: true,
      error: undefined,
      fields: {
        version: '00',
        traceId: T,
        parentId: S,
        traceFlags: 3,
        sampled: true,
        random: true,
        reservedFlags: 0,
        extra: '',
      },
    });
  });

  test('"Versions above 00: parse the fixed positions, require `-` or end after the flags"', () => {
    const e = explainTraceparent(`cc-${T}-${S}-11-future`);
    expect(e.valid).toBe(true);
    expect(e.fields).toMatchObject({
      version: 'cc',
      traceFlags: 0x11,
      sampled: true,
      reservedFlags: 0x10,
      extra: '-future',
    });
  });

  test('never throws on what is not text', () => {
    for (const v of [undefined, null, 42, {}, [], Symbol('x')]) {
      expect(explainTraceparent(v).error?.rule).toBe('traceparent/not-text');
    }
    expect(explainTraceparent(Buffer.from(TP)).valid).toBe(true);
  });
});

describe('explainTracestate: REQUIREMENTS §2 "any invalid member or more than 32 members → discard the whole `tracestate`"', () => {
  test.each([
    [
      'key grammar `(lcalpha / DIGIT) 0*255(keychar)`: `@foo` is not a key',
      '@foo=1',
      'tracestate/key',
      0,
    ],
    ['key grammar: uppercase', 'a=1,Foo=2', 'tracestate/key', 4],
    ['key grammar: at most 256 chars', `${'k'.repeat(257)}=1`, 'tracestate/key-too-long', 256],
    ['value 0–255 chars (+1 nblk): empty value', 'a=', 'tracestate/value-empty', 2],
    ['value of `%x20-2B / %x2D-3C / %x3E-7E`: `=` in a value', 'a=b=c', 'tracestate/value', 3],
    ['value length', `a=${'v'.repeat(257)}`, 'tracestate/value-too-long', 258],
    [
      'at most 32 members',
      Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(','),
      'tracestate/too-many-members',
      Array.from({ length: 33 }, (_, i) => `k${i}=v`)
        .join(',')
        .indexOf('k32'),
    ],
  ])('%s', (_rule, value, ruleId, position) => {
    const e = explainTracestate(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
  });

  test('"a duplicate key keeps its first occurrence and drops the later ones": no rejection', () => {
    const e = explainTracestate('a=1,b=2,a=3');
    expect(e.error).toBeUndefined();
    expect(e.fields?.members).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });

  test('"the current grammar: `foo@`, `1foo` are valid"; "multiple headers joined in order"', () => {
    const e = explainTracestate(['foo@=1, 1foo=2', 'x=3 ']);
    expect(e.fields?.members).toEqual([
      { key: 'foo@', value: '1' },
      { key: '1foo', value: '2' },
      { key: 'x', value: '3' },
    ]);
  });
});

describe('explainBaggage: REQUIREMENTS §3 (per member)', () => {
  test.each([
    ['"key is an RFC 7230 token"', 'a b=1', 'baggage/key', 2],
    ['key followed by no `=`', 'k', 'baggage/key', 1],
    ['value outside baggage-octet', 'k=a"b', 'baggage/value', 3],
    ['"invalid escapes drop that member"', 'k=%zz', 'baggage/percent-encoding', 2],
    ['properties grammar', 'k=v;=x', 'baggage/property', 4],
  ])('%s', (_rule, value, ruleId, position) => {
    const e = explainBaggage(`ok=1,${value}`);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position + 5);
    // The good member is still kept: "drop that member", never the header.
    expect(e.fields?.members[0]).toMatchObject({ key: 'ok', value: '1', kept: true });
    expect(e.fields?.members[1]).toMatchObject({ kept: false, error: e.error });
  });

  test('"up to 64 members … beyond that drop whole members"', () => {
    const e = explainBaggage(Array.from({ length: 65 }, (_, i) => `k${i}=v`).join(','));
    expect(e.error?.rule).toBe('baggage/too-many-members');
    expect(e.fields?.members.filter((m) => m.kept)).toHaveLength(64);
  });

  test('"8192 bytes … never a partial one"', () => {
    const e = explainBaggage(`a=${'x'.repeat(8000)},b=${'y'.repeat(400)}`);
    expect(e.error?.rule).toBe('baggage/too-large');
    expect(e.fields?.members.map((m) => m.key)).toEqual(['a']);
  });

  test('values percent-decoded, properties kept', () => {
    expect(explainBaggage('user=J%C3%BCrgen;p=1').fields?.members[0]).toMatchObject({
      key: 'user',
      value: 'Jürgen',
      properties: 'p=1',
      kept: true,
    });
  });
});

// --- the guard: explain's verdict is extract's verdict -------------------------------------------

const RUNS = { numRuns: 20_000 };
const HEX = [...'0123456789abcdefA0'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
const traceparentLike = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('00', 'cc', 'ff', '0A', 'x0'),
      hex(31, 33),
      hex(15, 17),
      hex(1, 3),
      fc.constantFrom('', '-', '-x', 'x', ' ', '\t', ' -'),
    )
    .map(([v, t, s, f, tail]) => `${v}-${t}-${s}-${f}${tail}`),
  fc
    .tuple(fc.constantFrom('', ' ', '\t '), fc.constant(TP), fc.constantFrom('', ' ', '-', '-00'))
    .map((p) => p.join('')),
  fc.string({ maxLength: 70 }),
);

test('explainTraceparent(v).valid === extract accepts v, and a rule is found for every rejection', () => {
  fc.assert(
    fc.property(traceparentLike, (v) => {
      const extracted = trace.getSpanContext(tc.extract(ROOT_CONTEXT, { traceparent: v }, getter));
      const e = explainTraceparent(v);
      expect(e.valid).toBe(extracted !== undefined);
      // The diagnosis finds a rule exactly when the parser refuses.
      expect(diagnoseTraceparent(v) === undefined).toBe(e.valid);
      if (extracted)
        expect([e.fields?.traceId, e.fields?.parentId]).toEqual([
          extracted.traceId,
          extracted.spanId,
        ]);
    }),
    RUNS,
  );
});

const tsMember = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('a', 'b', '1x', 'foo@', 'A', '@', 'a b', ''),
      fc.constantFrom('1', 'v v', 'x ', '', '=', 'é', ' '),
    )
    .map(([k, v]) => `${k}=${v}`),
  fc.constantFrom('', ' ', 'k', 'k=v,'),
);
const tracestateLike = fc.oneof(
  fc.array(tsMember, { maxLength: 6 }).map((m) => m.join(',')),
  fc.array(fc.constantFrom('a=1', 'b=2', 'c=3'), { maxLength: 34 }).map((m) => m.join(',')),
  fc.string({ maxLength: 30 }),
);

test('explainTracestate(v).valid === the propagator forwards a tracestate for v', () => {
  fc.assert(
    fc.property(tracestateLike, (v) => {
      const ctx = tc.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: v }, getter);
      const forwarded = trace.getSpanContext(ctx)?.traceState?.serialize() ?? '';
      const e = explainTracestate(v);
      expect(e.valid).toBe(diagnoseTracestate(v) === undefined);
      if (!e.valid) expect(forwarded).toBe('');
      else expect(forwarded).toBe(e.fields!.members.map((m) => `${m.key}=${m.value}`).join(','));
    }),
    RUNS,
  );
});

const bagMember = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('k', 'a b', 'x', '', 'é', 'k1'),
      fc.constantFrom('', ' ', '\t'),
      fc.constantFrom('v', '%41', '%zz', '%C3%BC', 'a"b', 'a b', '', '%'),
      fc.constantFrom('', ';p', ';p=1', ';=', '; p = 1 ', 'x'),
    )
    .map(([k, ows, v, p]) => `${k}${ows}=${ows}${v}${p}`),
  fc.constantFrom('', ' ', 'k', '='),
);

test('explainBaggage keeps exactly the members extract keeps', () => {
  fc.assert(
    fc.property(
      fc.array(bagMember, { maxLength: 8 }).map((m) => m.join(',')),
      (v) => {
        const got = propagation.getBaggage(bag.extract(ROOT_CONTEXT, { baggage: v }, getter));
        const fromExtract = Object.fromEntries(
          (got?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
        );
        const e = explainBaggage(v);
        const kept = Object.fromEntries(
          e.fields!.members.filter((m) => m.kept).map((m) => [m.key, m.value]),
        );
        expect(kept).toEqual(fromExtract);
        // Every dropped member names a rule that is not the fallback.
        for (const m of e.fields!.members)
          if (!m.kept) expect(m.error?.rule).not.toBe('baggage/unexplained');
      },
    ),
    RUNS,
  );
});
