import {
  readHexId,
  hasValidIds,
  isValidTraceId,
  isValidSpanId,
  padHexId,
  isLowerHex,
  hexValue,
  hexOr,
  INVALID_TRACE_ID,
  INVALID_SPAN_ID,
} from '@baton/internal';

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

describe('hasValidIds remembers only the span context and ids it accepted', () => {
  // REQUIREMENTS §1: "Inject with no valid span context writes no trace headers." The last accepted
  // span context is remembered (a composite's members inject the same one); nothing else may pass
  // because of it.
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  const S = '00f067aa0ba902b7';

  test('the same span context and ids again: accepted; any other id on it: checked in full', () => {
    const sc = { traceId: T, spanId: S };
    expect(hasValidIds(sc, sc.traceId, sc.spanId)).toBe(true);
    expect(hasValidIds(sc, sc.traceId, sc.spanId)).toBe(true);
    // The same object with a reassigned id (a SpanContext is a plain object).
    for (const [t, s] of [
      [T.slice(0, 31) + 'x', S],
      [T.toUpperCase(), S],
      [T, '0000000000000000'],
      [T, S + ' '],
      ['00000000000000000000000000000000', S],
      // Hex of the wrong length: only the length check rejects these (charCodeAt past the end is
      // NaN, which the hex table reads as nothing).
      [T + 'a', S],
      [T.slice(0, 31), S],
      [T, S + 'a'],
      [T, S.slice(0, 15)],
    ]) {
      sc.traceId = t;
      sc.spanId = s;
      expect(hasValidIds(sc, sc.traceId, sc.spanId)).toBe(false);
    }
  });

  test('the ids passed are what is judged, not a second read of the span context', () => {
    const sc = { traceId: T, spanId: S };
    expect(hasValidIds(sc, T, S)).toBe(true);
    // A getter span context could answer differently on the second read: the caller's values count.
    expect(hasValidIds(sc, 'not-an-id', S)).toBe(false);
    expect(hasValidIds(sc, T, undefined)).toBe(false);
    expect(hasValidIds(sc, T, S)).toBe(true);
  });

  test('nothing invalid passes on a fresh object, whatever came before', () => {
    expect(hasValidIds({}, T, S)).toBe(true);
    for (const id of ['', '00000000000000000000000000000000', undefined, null, 1, {}]) {
      expect(hasValidIds({}, id, S)).toBe(false);
      expect(hasValidIds({}, T, id)).toBe(false);
      expect(isValidTraceId(id)).toBe(false);
      expect(isValidSpanId(id)).toBe(false);
    }
  });
});

describe('hexValue: lowercase hex digits only', () => {
  // W3C-TC: HEXDIGLC = DIGIT / "a" / "b" / "c" / "d" / "e" / "f" ; lowercase hex character
  test.each([
    ['0', 0],
    ['9', 9],
    ['a', 10],
    ['c', 12],
    ['f', 15],
  ])('%s is %d', (ch, value) => {
    expect(hexValue(ch.charCodeAt(0))).toBe(value);
  });
  test.each([
    ['/', 0x2f],
    [':', 0x3a],
    ['`', 0x60],
    ['g', 0x67],
    ['A', 0x41],
    ['F', 0x46],
    ['past the UTF-16 range', 0x10000],
    ['negative', -1],
  ])('%s is not a digit (-1)', (_name, code) => {
    expect(hexValue(code)).toBe(-1);
  });
});

describe('every character of an id is checked', () => {
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  // ":" follows "9" and "`" precedes "a" in ASCII: the edges of the digit ranges.
  test.each(['g', 'G', 'A', ':', '`', '-', ' '])(
    'one %j at any position of a 32-char id rejects it',
    (bad) => {
      for (let p = 0; p < T.length; p++) {
        const id = T.slice(0, p) + bad + T.slice(p + 1);
        expect([p, readHexId(id, 0, 32, 32)]).toEqual([p, undefined]);
        expect([p, isValidTraceId(id)]).toEqual([p, false]);
        expect([p, isLowerHex(id, 0, 32)]).toEqual([p, false]);
      }
    },
  );
  test('a range ends where it says: the char after it is not read', () => {
    // Ranges of every length 1..8 followed by a non-hex char.
    for (let n = 1; n <= 8; n++) {
      const s = 'abcdef12'.slice(0, n) + '-';
      expect([n, isLowerHex(s, 0, n)]).toEqual([n, true]);
      expect([n, hexOr(s, 0, n) > 0]).toEqual([n, true]);
    }
  });
});

describe('isLowerHex bounds', () => {
  test('a range up to the end of the string is read', () => {
    expect(isLowerHex('0a', 0, 2)).toBe(true);
  });
  test('a range past the end of the string is not hex', () => {
    expect(isLowerHex('ab', 0, 3)).toBe(false);
  });
  test('all zeros are hex digits (isLowerHex does not judge the id)', () => {
    expect(isLowerHex('00', 0, 2)).toBe(true);
  });
});

describe('readHexId bounds and slicing', () => {
  const T = '4bf92f3577b34da6a3ce929d0e0e4736';
  test('a one-digit id is read and padded', () => {
    // JAEGER: ids with leading zeros stripped are left-padded.
    expect(readHexId('1', 0, 1, 16, 1)).toBe('0000000000000001');
  });
  test('a range that starts before the string is rejected', () => {
    expect(readHexId('abc', -1, 2, 16, 1)).toBeUndefined();
  });
  test('a range that ends past the string is rejected', () => {
    expect(readHexId('abc', 0, 4, 16, 1)).toBeUndefined();
  });
  test('a field at the start of a longer value is only that field', () => {
    expect(readHexId(`${T}-00f067aa0ba902b7`, 0, 32, 32)).toBe(T);
  });
  test('a field at the end of a longer value is only that field', () => {
    expect(readHexId(`00f067aa0ba902b7-${T}`, 17, 49, 32)).toBe(T);
  });
  test('the whole value as the field', () => {
    expect(readHexId(T, 0, 32, 32)).toBe(T);
  });
});

describe('id constants and lengths', () => {
  // OpenTelemetry API: INVALID_TRACEID is 32 zeros, INVALID_SPANID 16 zeros.
  test('INVALID_TRACE_ID and INVALID_SPAN_ID', () => {
    expect(INVALID_TRACE_ID).toBe('0'.repeat(32));
    expect(INVALID_SPAN_ID).toBe('0'.repeat(16));
  });
  test('isValidTraceId requires exactly 32 chars', () => {
    const T = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(isValidTraceId(T.slice(1))).toBe(false);
    expect(isValidTraceId(T + '0')).toBe(false);
    expect(isValidTraceId(T + 'x')).toBe(false);
  });
  test('isValidSpanId requires exactly 16 chars', () => {
    expect(isValidSpanId('00f067aa0ba902b7' + '1')).toBe(false);
    expect(isValidSpanId('0f067aa0ba902b7')).toBe(false);
  });
  test('padHexId returns an id longer than the width as it is', () => {
    expect(padHexId('00f067aa0ba902b7', 8)).toBe('00f067aa0ba902b7');
  });
});
