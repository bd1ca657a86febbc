import { readHexId, isValidTraceId, isValidSpanId, padHexId, isLowerHex } from '@baton/internal';

// W3C-TC §trace-id: "32HEXDIGLC ; 16 bytes array identifier. All zeroes forbidden"
// W3C-TC §parent-id: "16HEXDIGLC ; 8 bytes array identifier. All zeroes forbidden"
describe('readHexId', () => {
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  test.each([
    ['exact 32', T, 32, 32, T],
    ['exact 16', '00f067aa0ba902b7', 16, 16, '00f067aa0ba902b7'],
    ['short padded (Jaeger stripped zeros)', 'f067aa0ba902b7', 16, 1, '00f067aa0ba902b7'],
    ['64-bit trace padded (B3)', 'a3ce929d0e0e4736', 32, 16, '0000000000000000a3ce929d0e0e4736'],
  ])('%s', (_name, input, width, min, expected) => {
    expect(readHexId(input, 0, input.length, width, min)).toBe(expected);
  });

  test.each([
    ['uppercase', T.toUpperCase(), 32, 32],
    ['too long', T + '0', 32, 32],
    ['too short for exact', T.slice(1), 32, 32],
    ['all zero', '0'.repeat(32), 32, 32],
    ['all zero short', '000', 16, 1],
    ['non-hex', 'g'.repeat(16), 16, 16],
    ['empty', '', 16, 1],
    ['non-ASCII', 'é'.repeat(16), 16, 16],
  ])('rejects %s', (_name, input, width, min) => {
    expect(readHexId(input, 0, input.length, width, min)).toBeUndefined();
  });

  test('reads a field inside a larger string without copying the rest', () => {
    const header = `00-${T}-00f067aa0ba902b7-01`;
    expect(readHexId(header, 3, 35, 32)).toBe(T);
    expect(readHexId(header, 36, 52, 16)).toBe('00f067aa0ba902b7');
  });
});

describe('validators', () => {
  test('trace and span ids', () => {
    expect(isValidTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(true);
    expect(isValidTraceId('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe(false);
    expect(isValidTraceId(undefined)).toBe(false);
    expect(isValidSpanId('00f067aa0ba902b7')).toBe(true);
    expect(isValidSpanId('0000000000000000')).toBe(false);
    expect(isValidSpanId('00f067aa0ba902b')).toBe(false);
  });
  test('padHexId and isLowerHex', () => {
    expect(padHexId('abc', 16)).toBe('0000000000000abc');
    expect(padHexId('0000000000000abc', 16)).toBe('0000000000000abc');
    expect(isLowerHex('0a-', 0, 2)).toBe(true);
    expect(isLowerHex('0a-', 0, 3)).toBe(false);
    expect(isLowerHex('', 0, 0)).toBe(false);
  });
});

describe('isValidTraceId / isValidSpanId remember only what they accepted', () => {
  // The last accepted id is remembered (composite members check the same strings); nothing else
  // may pass because of it.
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  const S = '00f067aa0ba902b7';

  test('after accepting an id: the same id again, and its neighbours still checked in full', () => {
    expect(isValidTraceId(T)).toBe(true);
    expect(isValidTraceId(T.slice(0, 31) + 'x')).toBe(false);
    expect(isValidTraceId(T.toUpperCase())).toBe(false);
    expect(isValidTraceId(T)).toBe(true);
    expect(isValidSpanId(S)).toBe(true);
    expect(isValidSpanId('0000000000000000')).toBe(false);
    expect(isValidSpanId(S + ' ')).toBe(false);
    expect(isValidSpanId(S)).toBe(true);
  });

  test('the seed is never a way in: empty, all-zero and non-string ids stay invalid', () => {
    for (const id of ['', '00000000000000000000000000000000', undefined, null, 1, {}]) {
      expect(isValidTraceId(id)).toBe(false);
      expect(isValidSpanId(id)).toBe(false);
    }
    // The seeds themselves are valid ids, so remembering them changes no answer.
    expect(isValidTraceId('00000000000000000000000000000001')).toBe(true);
    expect(isValidSpanId('0000000000000001')).toBe(true);
  });
});
