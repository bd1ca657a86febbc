/**
 * `formDecode`, the decoding of `uberctx-*` and `jaeger-baggage` values (issue 20), tested on its
 * own against an independent oracle: the runtime's `decodeURIComponent` after reading `+` as a
 * space, a throw read as "undecodable" (undefined; the caller then keeps the value raw).
 *
 * REQUIREMENTS §5: "Baggage: `uberctx-{key}` → Baggage, value percent-decoded with `+` read as
 * space (form-encoding Jaeger clients), undecodable value kept raw".
 */
import fc from 'fast-check';
import { formDecode } from '../src/form-decode';

const RULE =
  '§5 "value percent-decoded with `+` read as space (form-encoding Jaeger clients), undecodable value kept raw"';

function oracle(value: string): string | undefined {
  try {
    return decodeURIComponent(value.split('+').join(' '));
  } catch {
    return undefined;
  }
}

const rows: Array<[string, string, string | undefined]> = [
  // [what, value, decoded per §5 (undefined: undecodable)]
  ['nothing to decode', 'alice', 'alice'],
  ['empty', '', ''],
  ['a plus alone', '+', ' '],
  ['plus first, last and twice', '+a++b+', ' a  b '],
  ['an escape alone', '%20', ' '],
  ['an escape first, then text', '%2Fab', '/ab'],
  ['text, an escape, text', 'a%2Fb', 'a/b'],
  ['two escapes in a row', '%2F%2F', '//'],
  ['an escape then a plus', '%2F+', '/ '],
  ['a plus then an escape', '+%2F', ' /'],
  ['an escaped percent is not decoded again', '%252F', '%2F'],
  ['an escaped plus stays a plus', '%2B', '+'],
  // Hex digits of each case, at the edges of the ranges A–F and a–f.
  ['uppercase A', '%2A', '*'],
  ['lowercase a', '%2a', '*'],
  ['uppercase F', '%2F', '/'],
  ['lowercase f', '%2f', '/'],
  ['uppercase hi digit', '%4A', 'J'],
  ['0x7F, the last ASCII byte', '%7F', '\u007f'],
  ['0x00', '%00', '\u0000'],
  // Bytes from 0x80: UTF-8, validated.
  ['two-byte UTF-8', 'Jos%C3%A9', 'José'],
  ['two-byte UTF-8, lowercase hex', 'Jos%c3%a9', 'José'],
  ['0x80 alone is not UTF-8', '%80', undefined],
  ['0xFF alone is not UTF-8', '%FF', undefined],
  ['a lead byte without its continuation', '%C3%28', undefined],
  ['UTF-8 after a plus', 'a+%C3%A9', 'a é'],
  // Malformed escapes.
  ['a percent at the end', 'abc%', undefined],
  ['a percent and one digit at the end', 'abc%2', undefined],
  ['a percent and two digits at the end', 'abc%2F', 'abc/'],
  ['a non-hex first digit', '%G0', undefined],
  ['a non-hex second digit', '%0G', undefined],
  ['@ (0x40, just before A)', '%@0', undefined],
  ['G (0x47, just after F)', '%2G', undefined],
  ['a backtick (0x60, just before a)', '%`0', undefined],
  ['g (just after f)', '%2g', undefined],
  ['a bad escape after a good one', '%2F%zz', undefined],
  ['a bad escape after a plus', '+%zz', undefined],
];

describe('formDecode: each row against the rule', () => {
  test.each(rows)(`%s: %j — ${RULE}`, (_what, value, expected) => {
    expect(oracle(value)).toBe(expected); // the row agrees with the oracle
    expect(formDecode(value)).toBe(expected);
  });
});

describe('formDecode: property', () => {
  test('same answer as decodeURIComponent after + → space, a throw read as undefined', () => {
    const unit = fc.constantFrom(
      ...'%%%+ab2AFfg78C3E9@`0'.split(''),
      '%C3',
      '%A9',
      '%E2',
      '%82',
      '%AC',
      'é',
      '\uD800',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (value) => {
        expect(formDecode(value)).toBe(oracle(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
