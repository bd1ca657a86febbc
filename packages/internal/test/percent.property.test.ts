import fc from 'fast-check';
import { percentDecode } from '@baton/internal';

/** What decodeURIComponent says, with its throw turned into undefined: the reference. */
function reference(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

// percentDecode rejects malformed escapes and non-UTF-8 byte sequences itself (no throw to catch);
// it must agree exactly with decodeURIComponent on every input, valid or not.
test('percentDecode agrees with decodeURIComponent on 100,000 escape-heavy strings', () => {
  const byte = fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0'));
  const piece = fc.oneof(
    byte,
    byte.map((e) => e.toUpperCase()),
    fc.constantFrom('%', '%z', '%4', 'a', ' ', '%e2%9c%93', '%f0%9f%98%80', '%ed%a0%80', '%c0%af'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const s = pieces.join('');
      return percentDecode(s) === reference(s);
    }),
    { numRuns: 100_000 },
  );
});

// Form encoding (Jaeger clients): a literal `+` is a space, an escaped one (`%2B`) stays `+`.
test('percentDecode(s, plusAsSpace) is decodeURIComponent after + → space, on 50,000 strings', () => {
  const piece = fc.constantFrom(
    '+',
    '%2B',
    '%2b',
    '%20',
    'a',
    '%',
    '%e2%82%ac',
    '%41',
    '%7F',
    '%80',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const s = pieces.join('');
      return percentDecode(s, true) === reference(s.replaceAll('+', ' '));
    }),
    { numRuns: 50_000 },
  );
});
