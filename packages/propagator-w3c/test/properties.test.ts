/**
 * Property tests (fast-check), 100,000 generated cases each.
 * REQUIREMENTS §1: "Extract never throws, for any carrier"; "ids are lowercase hex, 32 / 16 chars,
 * not all zero"; "Inject never throws ... and writes only US-ASCII values legal in an HTTP field".
 * §3: "beyond that drop whole members". §9: "no throw, every extracted id valid, inject∘extract
 * round-trips".
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, propagation, trace, type BaggageEntry } from '@opentelemetry/api';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  isValidSpanId,
  isValidTraceId,
} from '@baton/internal';
import { bag, getter, setter, tc } from './helpers';

const RUNS = { numRuns: 100_000 };

// Oracles written from the grammars, independent of the code under test (issue 20: judging output
// with the project's own isToken / isSafeHeaderValue / parseTraceStateList would hide their bugs).
/** RFC 9110 §5.6.2 token = 1*tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A field value Baton may write: visible ASCII, inner SP / HTAB only (RFC 9110 §5.5, no CR LF NUL). */
const SAFE_VALUE = /^[\x21-\x7e](?:[ \t\x21-\x7e]*[\x21-\x7e])?$/;
/** W3C-TC: traceparent version 00 as Baton writes it (sampled and random bits only). */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]$/;
/** W3C-TC Level 2 list-member: key "=" value, as re-sent (no OWS, no empty members). */
const TRACESTATE_MEMBER =
  /^[a-z0-9][a-z0-9_\-*/@]{0,255}=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
/** A tracestate as sent: 1–32 valid members, keys unique. */
function isSendableTraceState(state: string): boolean {
  const members = state.split(',');
  if (members.length < 1 || members.length > 32) return false;
  if (!members.every((m) => TRACESTATE_MEMBER.test(m))) return false;
  return new Set(members.map((m) => m.slice(0, m.indexOf('=')))).size === members.length;
}

const HEX = [...'0123456789abcdef'];
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });
const validTraceId = hex(32, 32).filter((s) => /[^0]/.test(s));
const validSpanId = hex(16, 16).filter((s) => /[^0]/.test(s));

/** traceparent-shaped strings: right and wrong fields, separators, OWS, future versions. */
const field = fc.oneof(
  hex(2, 2),
  hex(32, 32),
  hex(16, 16),
  hex(0, 34),
  fc.constantFrom('ff', '00', 'cc', 'FF', '0'.repeat(32), '0'.repeat(16), 'AB', ''),
  fc.string({ maxLength: 6 }),
);
const traceparentLike = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', ' ', '\t', ' \t', '\n'),
      fc.array(field, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('', ' ', '\t', '.', '-x'),
    )
    .map(([pre, parts, post]) => pre + parts.join('-') + post),
  fc
    .tuple(
      fc.constantFrom('00', 'cc', 'ff', '0a'),
      validTraceId,
      validSpanId,
      hex(2, 2),
      fc.constantFrom('', '-', '-future', '.x', ' ', '\t '),
    )
    .map(([v, t, s, f, tail]) => `${v}-${t}-${s}-${f}${tail}`),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** tracestate-shaped strings: valid and invalid keys and values, OWS, empty members. */
const tsKey = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9_\-*/@]{0,6}$/),
  fc.constantFrom('@x', 'A', 'foo.bar', '', 'a b', 'z'.repeat(257)),
);
const tsValue = fc.oneof(
  fc.stringMatching(/^[ -+\--<>-~]{0,5}[!-+\--<>-~]$/),
  fc.constantFrom('', 'a=b', 'a,b', 'x ', 'é', 'v'.repeat(257)),
);
const tracestateLike = fc.oneof(
  fc
    .array(fc.tuple(tsKey, tsValue, fc.constantFrom(',', ' , ', ',\t', ',,')), { maxLength: 36 })
    .map((ms) => ms.map(([k, v, sep]) => `${k}=${v}${sep}`).join('')),
  fc.string({ maxLength: 60 }),
);

/** baggage-shaped strings. */
const bagKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,6}$/),
  fc.constantFrom('', 'a b', '(x)', 'é'),
);
const bagValue = fc.oneof(
  fc.stringMatching(/^[!#-+\--:<-[\]-~]{0,6}$/),
  fc.constantFrom('%zz', '%41', '%E2%82%AC', 'a b', '"q"', '%', ''),
);
const baggageLike = fc.oneof(
  fc
    .array(
      fc.tuple(
        bagKey,
        bagValue,
        fc.constantFrom('', ';p', ';p=1;q', '; p = x ', ';=bad'),
        fc.constantFrom(',', ' , ', ',,'),
      ),
      { maxLength: 80 },
    )
    .map((ms) => ms.map(([k, v, p, sep]) => `${k}=${v}${p}${sep}`).join('')),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** A header value as carriers deliver it: strings, arrays, Buffers, junk. */
const valueLike = (s: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: s },
    { weight: 1, arbitrary: fc.array(s, { maxLength: 3 }) },
    { weight: 1, arbitrary: s.map((v) => Buffer.from(v, 'latin1')) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.object({ maxDepth: 1 }),
      ),
    },
  );
const carrierLike = fc.record(
  {
    traceparent: valueLike(traceparentLike),
    TraceParent: valueLike(traceparentLike),
    tracestate: valueLike(tracestateLike),
    baggage: valueLike(baggageLike),
    Baggage: valueLike(baggageLike),
  },
  { requiredKeys: [] },
);

/** An independent oracle for traceparent validity (a test-only regex; the parser uses none). */
function oracle(v: string): { traceId: string; spanId: string; flags: number } | undefined {
  const m = /^[ \t]*([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec(
    v.replace(/[ \t]+$/, ''),
  );
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return undefined;
  if (/^0+$/.test(m[2]) || /^0+$/.test(m[3])) return undefined;
  return { traceId: m[2], spanId: m[3], flags: parseInt(m[4], 16) & 3 };
}

describe('W3CTraceContextPropagator properties', () => {
  it('never throws; every extracted span context is valid and remote; any tracestate sent is legal', () => {
    fc.assert(
      fc.property(carrierLike, (carrier) => {
        const ctx = tc.extract(ROOT_CONTEXT, carrier, getter);
        const sc = trace.getSpanContext(ctx);
        if (sc === undefined) return ctx === ROOT_CONTEXT;
        const out: Record<string, string> = {};
        tc.inject(ctx, out, setter);
        const state = out.tracestate;
        return (
          isValidTraceId(sc.traceId) &&
          isValidSpanId(sc.spanId) &&
          sc.isRemote === true &&
          (sc.traceFlags & ~3) === 0 &&
          TRACEPARENT.test(out.traceparent) &&
          (state === undefined || isSendableTraceState(state))
        );
      }),
      RUNS,
    );
  });

  it('agrees with an independent oracle on traceparent-shaped strings', () => {
    fc.assert(
      fc.property(traceparentLike, (value) => {
        const sc = trace.getSpanContext(tc.extract(ROOT_CONTEXT, { traceparent: value }, getter));
        const expected = oracle(value);
        if (expected === undefined) return sc === undefined;
        return (
          sc !== undefined &&
          sc.traceId === expected.traceId &&
          sc.spanId === expected.spanId &&
          sc.traceFlags === expected.flags
        );
      }),
      RUNS,
    );
  });

  it('inject∘extract round-trips ids, known flags and tracestate', () => {
    const member = fc.tuple(
      fc.stringMatching(/^[a-z0-9][a-z0-9_\-*/@]{0,8}$/),
      fc.stringMatching(/^[ -+\--<>-~]{0,8}[!-+\--<>-~]$/),
    );
    fc.assert(
      fc.property(
        validTraceId,
        validSpanId,
        fc.integer({ min: 0, max: 255 }),
        fc.uniqueArray(member, { maxLength: 32, selector: (m) => m[0] }),
        (traceId, spanId, flags, members) => {
          const state = members.map(([k, v]) => `${k}=${v}`).join(',');
          const first = tc.extract(
            ROOT_CONTEXT,
            {
              traceparent: `00-${traceId}-${spanId}-${flags.toString(16).padStart(2, '0')}`,
              tracestate: state,
            },
            getter,
          );
          const out: Record<string, string> = {};
          tc.inject(first, out, setter);
          const again = trace.getSpanContext(tc.extract(ROOT_CONTEXT, out, getter));
          return (
            out.traceparent === `00-${traceId}-${spanId}-0${flags & 3}` &&
            again?.traceId === traceId &&
            again.spanId === spanId &&
            again.traceFlags === (flags & 3) &&
            out.tracestate === (state === '' ? undefined : state)
          );
        },
      ),
      RUNS,
    );
  });
});

describe('W3CBaggagePropagator properties', () => {
  it('never throws; extract keeps at most 64 members with token keys; inject output is a legal, bounded header', () => {
    fc.assert(
      fc.property(carrierLike, (carrier) => {
        const ctx = bag.extract(ROOT_CONTEXT, carrier, getter);
        const b = propagation.getBaggage(ctx);
        if (b === undefined) return ctx === ROOT_CONTEXT;
        const entries = b.getAllEntries();
        const out: Record<string, string> = {};
        bag.inject(ctx, out, setter);
        return (
          entries.length <= BAGGAGE_MAX_MEMBERS &&
          entries.every(([k]) => TOKEN.test(k)) &&
          (out.baggage === undefined ||
            (out.baggage.length <= BAGGAGE_MAX_BYTES && SAFE_VALUE.test(out.baggage)))
        );
      }),
      RUNS,
    );
  });

  it('inject∘extract round-trips every entry it sends; limits never exceeded; lone surrogates dropped', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}$/);
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ maxLength: 400 }),
    );
    fc.assert(
      fc.property(fc.dictionary(token, value, { maxKeys: 80 }), (dict) => {
        const entries: Record<string, BaggageEntry> = {};
        for (const [k, v] of Object.entries(dict)) entries[k] = { value: v };
        const out: Record<string, string> = {};
        bag.inject(
          propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(entries)),
          out,
          setter,
        );
        if (out.baggage === undefined)
          return (
            Object.values(dict).every((v) => encodeOk(v) === false) ||
            Object.keys(dict).length === 0
          );
        const back = propagation
          .getBaggage(bag.extract(ROOT_CONTEXT, out, getter))!
          .getAllEntries();
        return (
          out.baggage.length <= BAGGAGE_MAX_BYTES &&
          back.length <= BAGGAGE_MAX_MEMBERS &&
          back.length === out.baggage.split(',').length &&
          back.every(([k, e]) => dict[k] === e.value && encodeOk(e.value))
        );
      }),
      RUNS,
    );
  });
});

function encodeOk(v: string): boolean {
  try {
    encodeURIComponent(v);
    return true;
  } catch {
    return false;
  }
}
