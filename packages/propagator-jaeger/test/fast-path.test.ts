/**
 * The contract of the `uber-trace-id` fast path (`parseFullWidth`, issue 20), tested on its own:
 * `parseUberTraceId` tries it first and hands anything it returns undefined for to the general
 * parser, so through the public API a fast path that gives up too often is invisible (same answer,
 * slower). Its contract:
 *
 * - it ACCEPTS every canonical full-width value — 32 lowercase hex : 16 lowercase hex : parent
 *   (1–16 lowercase hex) : flags (1–2 lowercase hex), ids not all zero, no `%` — and returns the
 *   same result as the general parser;
 * - for anything else it returns undefined (hands over) or the general parser's result.
 *
 * Expected values come from an independent oracle: the generated parts themselves, and a regex
 * written from the grammar of REQUIREMENTS §5, not from the module's helpers.
 */
import fc from 'fast-check';
import { parseFullWidth, parseGeneral } from '../src/uber-trace-id';

const RULE =
  '§5 "`uber-trace-id: {trace}:{span}:{parent}:{flags}`"; "Flags: one or two hex digits; 0x01 sampled, 0x02 debug (kept only with sampled)"';

/** The canonical full-width shape, from the grammar of §5 (ids checked non-zero separately). */
const CANONICAL = /^([0-9a-f]{32}):([0-9a-f]{16}):[0-9a-f]{1,16}:([0-9a-f]{1,2})$/;

/** What §5 says a valid value means, read with the regex above (undefined: not canonical). */
function oracle(
  value: string,
): { traceId: string; spanId: string; sampled: boolean; debug: boolean } | undefined {
  const m = CANONICAL.exec(value);
  if (m === null || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return undefined;
  const flags = parseInt(m[3], 16);
  const sampled = (flags & 1) === 1;
  return { traceId: m[1], spanId: m[2], sampled, debug: sampled && (flags & 2) === 2 };
}

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

/** Canonical values at the edges of each field: each must be accepted by the fast path. */
const canonical: string[] = [
  // Shortest: one-digit parent and flags (53 chars).
  `${T}:${S}:0:1`,
  `${T}:${S}:0:0`,
  // Longest: 16-digit parent, two-digit flags (69 chars).
  `${T}:${S}:${'f'.repeat(16)}:ff`,
  `${T}:${S}:${'0'.repeat(16)}:03`,
  `${T}:${S}:${'1'.repeat(15)}:02`,
  // Zero flags, one and two digits.
  `${T}:${S}:0:00`,
  // Ids whose only non-zero digit is the last or the first one.
  `${'0'.repeat(31)}1:${S}:0:1`,
  `1${'0'.repeat(31)}:${S}:0:1`,
  `${T}:${'0'.repeat(15)}1:0:1`,
  `${T}:1${'0'.repeat(15)}:0:1`,
  // Flags with high bits (ignored) and the debug bit alone (not kept without sampled).
  `${T}:${S}:abc:f0`,
  `${T}:${S}:abc:f3`,
  `${T}:${S}:abc:2`,
  `${T}:${S}:abc:b`,
];

describe('uber-trace-id fast path: accepts every canonical full-width value', () => {
  test.each(canonical)('%s', (value) => {
    const expected = oracle(value);
    expect(expected).toBeDefined(); // the table row is canonical
    expect(parseFullWidth(value)).toEqual(expected);
    expect(parseGeneral(value)).toEqual(expected);
  });
});

/**
 * Full-width values the fast path must not accept itself (not canonical): it hands them over
 * (undefined), and the general parser decides. `general` is what §5 says: the value's meaning, or
 * undefined when invalid.
 */
const handOver: Array<[string, string, boolean]> = [
  // [why, value, valid per §5]
  ['percent-encoded colons', `${T}%3A${S}%3A0%3A1`, true],
  ['percent-encoded parent', `${T}:${S}:%30:1`, true],
  ['short trace id', `${T.slice(1)}:${S}:0:1`, true],
  ['short span id', `${T}:${S.slice(1)}:0:1`, true],
  ['parent of 17 digits', `${T}:${S}:${'1'.repeat(17)}:1`, false],
  ['empty parent', `${T}:${S}::1`, false],
  ['uppercase parent', `${T}:${S}:AB:1`, false],
  ['parent with 0x', `${T}:${S}:0x1:1`, false],
  ['no third colon', `${T}:${S}:${'1'.repeat(6)}`, false],
  ['fifth field', `${T}:${S}:0:1:1`, false],
  ['empty flags', `${T}:${S}:0:`, false],
  ['three-digit flags', `${T}:${S}:0:001`, false],
  ['uppercase flags', `${T}:${S}:0:0B`, false],
  ['non-hex flags', `${T}:${S}:0:x`, false],
  ['uppercase trace id', `${T.toUpperCase()}:${S}:0:1`, false],
  ['uppercase span id', `${T}:${S.toUpperCase()}:0:1`, false],
  ['all-zero trace id', `${'0'.repeat(32)}:${S}:0:1`, false],
  ['all-zero span id', `${T}:${'0'.repeat(16)}:0:1`, false],
  ['no colon after the trace id', `${T}_${S}:0:1`, false],
  ['no colon after the span id', `${T}:${S}_0:1`, false],
];

describe('uber-trace-id fast path: hands over what is not canonical', () => {
  test.each(handOver)('%s: %s', (_why, value, valid) => {
    expect(oracle(value)).toBeUndefined(); // the table row is not canonical
    expect(parseFullWidth(value)).toBeUndefined();
    const general = parseGeneral(value);
    if (valid) expect(general).toBeDefined();
    else expect(general).toBeUndefined();
  });
});

const hex = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'.split('')),
    minLength: min,
    maxLength: max,
  });
const nonZero = (s: string) => /[1-9a-f]/.test(s);

/** Canonical full-width values, built from their parts (the parts are the oracle). */
const canonicalParts = fc.record({
  traceId: hex(32, 32).filter(nonZero),
  spanId: hex(16, 16).filter(nonZero),
  parent: hex(1, 16),
  flags: hex(1, 2),
});

describe('uber-trace-id fast path: properties', () => {
  test(`every canonical full-width value is accepted, as the general parser reads it — ${RULE}`, () => {
    fc.assert(
      fc.property(canonicalParts, ({ traceId, spanId, parent, flags }) => {
        const value = `${traceId}:${spanId}:${parent}:${flags}`;
        const f = parseInt(flags, 16);
        const sampled = (f & 1) === 1;
        const expected = { traceId, spanId, sampled, debug: sampled && (f & 2) === 2 };
        expect(parseFullWidth(value)).toEqual(expected);
        expect(parseGeneral(value)).toEqual(expected);
      }),
      { numRuns: 10_000 },
    );
  });

  test('on any value near the canonical shape, the fast path answers undefined or the general parser’s result', () => {
    // One to three chars of a canonical value replaced (or one inserted / removed) by chars that
    // matter to the grammar.
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'insert', 'remove'),
      ch: fc.constantFrom(...'0aAfF9g:%x+ '.split('')),
    });
    fc.assert(
      fc.property(
        canonicalParts,
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (parts, edits) => {
          let value = `${parts.traceId}:${parts.spanId}:${parts.parent}:${parts.flags}`;
          for (const { at, kind, ch } of edits) {
            const i = at % (value.length + 1);
            if (kind === 'replace') value = value.slice(0, i) + ch + value.slice(i + 1);
            else if (kind === 'insert') value = value.slice(0, i) + ch + value.slice(i);
            else value = value.slice(0, i) + value.slice(i + 1);
          }
          const fast = parseFullWidth(value);
          // Accepted by the fast path only if canonical, and then as §5 reads it.
          expect(fast).toEqual(oracle(value));
          if (fast !== undefined) expect(parseGeneral(value)).toEqual(fast);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
