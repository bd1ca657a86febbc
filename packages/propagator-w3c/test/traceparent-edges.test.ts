/**
 * The edges of the traceparent grammar that the mutation runs (issue 20, MUTATION.md) found
 * unguarded: each "-" separator on its own, at the right total length (a wrong length is rejected
 * before any separator is read), and formatTraceParent's answer for ids that are not strings.
 */
import { formatTraceParent, parseTraceParent } from '../src/traceparent';
import { SPAN_ID, TRACE_ID } from './helpers';

const T = TRACE_ID;
const S = SPAN_ID;

describe('"version "-" trace-id "-" parent-id "-" trace-flags": every separator is "-"', () => {
  const invalid: [rule: string, value: string][] = [
    ['after the version', `00_${T}-${S}-01`],
    ['after the trace id (a hex digit instead)', `00-${T}0${S}-01`],
    ['after the trace id ("_")', `00-${T}_${S}-01`],
    ['after the span id (a hex digit instead)', `00-${T}-${S}001`],
    ['after the span id ("_")', `00-${T}-${S}_01`],
    ['after the trace id, future version', `cc-${T}_${S}-01-future`],
    ['after the span id, future version', `cc-${T}-${S}_01-future`],
    ['after the trace id, with OWS around', ` 00-${T}_${S}-01\t`],
    ['after the span id, with OWS around', `\t00-${T}-${S}_01 `],
  ];
  it.each(invalid)('%s', (_rule, value) => {
    expect(value.trim().length).toBeGreaterThanOrEqual(55);
    expect(parseTraceParent(value)).toBeUndefined();
  });

  it('the same values with "-" are valid (the rows above differ only in the separator)', () => {
    for (const value of [
      `00-${T}-${S}-01`,
      `cc-${T}-${S}-01-future`,
      ` 00-${T}-${S}-01\t`,
      `\t00-${T}-${S}-01 `,
    ]) {
      expect(parseTraceParent(value)).toEqual({
        traceId: T,
        spanId: S,
        traceFlags: 1,
        isRemote: true,
      });
    }
  });
});

describe('formatTraceParent: "Inject with no valid span context writes no trace headers" — undefined, never a throw', () => {
  const cases: [rule: string, traceId: unknown, spanId: unknown][] = [
    ['trace id a number', 42, S],
    ['span id a number', T, 42],
    ['trace id undefined', undefined, S],
    ['span id null', T, null],
    ['span id an object', T, { toLowerCase: () => S }],
    ['trace id uppercase non-hex', 'Z'.repeat(32), S],
    ['span id uppercase non-hex', T, 'Z'.repeat(16)],
  ];
  it.each(cases)('%s', (_rule, traceId, spanId) => {
    expect(formatTraceParent(traceId, spanId, 1)).toBeUndefined();
  });

  it('ids in uppercase are lowercased ("00-{32 lc hex}-{16 lc hex}-{2 lc hex}")', () => {
    expect(formatTraceParent(T.toUpperCase().replace(/1/g, 'A'), 'ABCDEF7890123456', 3)).toBe(
      `00-${T.replace(/1/g, 'a')}-abcdef7890123456-03`,
    );
  });
});
