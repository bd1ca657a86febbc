/**
 * The key walk's own checks (src/read-headers.ts), against the rule they implement.
 *
 * REQUIREMENTS §12: "ot-baggage-* with Jaeger's caps"; §1: header names are matched ignoring ASCII
 * case. isBaggageHeader is an unrolled form of @baton/internal's hasPrefixIgnoreCase(key,
 * 'ot-baggage-'), kept local for speed (issue 19): the two must agree on every key.
 */
import fc from 'fast-check';
import { hasPrefixIgnoreCase } from '@baton/internal';
import { isBaggageHeader } from '../src/read-headers';

const PREFIX = 'ot-baggage-';

describe('isBaggageHeader: `ot-baggage-` in any ASCII case, then at least one char', () => {
  test.each<[string, boolean]>([
    ['ot-baggage-k', true],
    ['OT-BAGGAGE-K', true],
    ['Ot-Baggage-user-id', true],
    ['ot-baggage-', false], // the prefix alone names no item
    ['ot-baggage', false],
    ['', false],
    ['ot-tracer-traceid', false],
    // Each position of the prefix, changed to a char that differs from it: not the prefix.
    ['xt-baggage-k', false],
    ['ox-baggage-k', false],
    ['ot_baggage-k', false],
    ['ot-xaggage-k', false],
    ['ot-bxggage-k', false],
    ['ot-baxgage-k', false],
    ['ot-bagxage-k', false],
    ['ot-baggxge-k', false],
    ['ot-baggaxe-k', false],
    ['ot-baggagx-k', false],
    ['ot-baggage_k', false],
    // `-` is matched exactly: CR (0x0d) and `M` (0x4d) share its low five bits.
    ['ot\rbaggage-k', false],
    ['ot-baggage\rk', false],
    ['otMbaggage-k', false],
    ['ot-baggageMk', false],
    // Folding is ASCII letters only: chars 0x20 away from a letter that are not its uppercase.
    ['\u004ft-baggage-k', true], // 'O'
    ['\u000ft-baggage-k', false],
    ['o\u0014-baggage-k', false],
    ['ot-\u0002aggage-k', false],
    ['ot-b\u0001ggage-k', false],
    ['ot-ba\u0007gage-k', false],
    ['ot-bag\u0007age-k', false],
    ['ot-bagg\u0001ge-k', false],
    ['ot-bagga\u0007e-k', false],
    ['ot-baggag\u0005-k', false],
  ])('%j → %s', (key, expected) => {
    expect(isBaggageHeader(key)).toBe(expected);
    expect(hasPrefixIgnoreCase(key, PREFIX)).toBe(expected);
  });

  test('agrees with hasPrefixIgnoreCase on keys near the prefix', () => {
    // Each char of the prefix kept, case-swapped, or replaced by a char that shares its low five
    // bits (what a `| 0x20` fold could confuse), then a tail of 0–2 chars.
    const near = (c: string) => {
      const code = c.charCodeAt(0);
      return fc.constantFrom(c, c.toUpperCase(), String.fromCharCode(code ^ 0x20), 'x', '\r');
    };
    const key = fc
      .tuple(
        fc.tuple(...[...PREFIX].map(near)).map((cs) => cs.join('')),
        fc.string({ maxLength: 2 }),
      )
      .map(([head, tail]) => head + tail);
    fc.assert(
      fc.property(key, (k) => isBaggageHeader(k) === hasPrefixIgnoreCase(k, PREFIX)),
      { numRuns: 5000 },
    );
  });
});
