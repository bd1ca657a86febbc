import { ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  isTchar,
  isToken,
  isSafeHeaderValue,
  isTracingSuppressed,
  setDebugTrace,
  isDebugTrace,
  percentDecode,
  percentEncode,
  safeSet,
} from '@baton/internal';

describe('header safety', () => {
  // RFC 9110 §5.6.2: token = 1*tchar
  test.each([
    ['b3', true],
    ['x-b3-traceid', true],
    ["uberctx-a!#$%&'*+.^_`|~", true],
    ['', false],
    ['a b', false],
    ['a:b', false],
    ['a\nb', false],
    ['é', false],
    // The edges of the tchar ranges: DIGIT 0x30–0x39, ALPHA 0x41–0x5a / 0x61–0x7a, and past ASCII.
    ['09AZaz', true],
    ['/', false],
    [':', false],
    ['@', false],
    ['[', false],
    ['{', false],
    ['\u007f', false],
    ['\u0080', false],
    ['a\u0080', false],
  ])('isToken(%j) = %s', (s, expected) => expect(isToken(s)).toBe(expected));

  test.each([
    [0x21, true],
    [0x7e, true],
    [0x30, true],
    [0x22, false],
    [0x7f, false],
    [0x80, false],
    [0x10000, false],
  ])('isTchar(%d) = %s', (code, expected) => expect(isTchar(code)).toBe(expected));

  test.each([
    ['00-abc-01', true],
    ['inner space ok', true],
    [' leading', false],
    ['trailing ', false],
    ['a\r\nb', false],
    ['a\u0000b', false],
    ['caf\u00e9', false],
    ['', true],
    // "visible US-ASCII (0x21–0x7E) with inner spaces or tabs": the edges of each part.
    ['!~', true],
    ['a\u007fb', false],
    ['a\u001fb', false],
    ['a\tb', true],
    ['\tleading', false],
    ['trailing\t', false],
    [' ', false],
    ['a  b', true],
  ])('isSafeHeaderValue(%j) = %s', (s, expected) => expect(isSafeHeaderValue(s)).toBe(expected));
});

describe('suppression', () => {
  test('reads the key @opentelemetry/core sets', () => {
    expect(isTracingSuppressed(ROOT_CONTEXT)).toBe(false);
    expect(isTracingSuppressed(suppressTracing(ROOT_CONTEXT))).toBe(true);
  });
});

describe('debug belongs to its trace', () => {
  test('only the trace it was set for is debug', () => {
    const ctx = setDebugTrace(ROOT_CONTEXT, 'a'.repeat(32));
    expect(isDebugTrace(ctx, 'a'.repeat(32))).toBe(true);
    expect(isDebugTrace(ctx, 'b'.repeat(32))).toBe(false);
    expect(isDebugTrace(ROOT_CONTEXT, 'a'.repeat(32))).toBe(false);
  });
});

describe('percent codec', () => {
  test('decode', () => {
    expect(percentDecode('plain')).toBe('plain');
    expect(percentDecode('a%20b%2Cc')).toBe('a b,c');
    expect(percentDecode('%E2%9C%93')).toBe('\u2713');
    expect(percentDecode('a+b')).toBe('a+b');
    expect(percentDecode('a+b', true)).toBe('a b');
    expect(percentDecode('%zz')).toBeUndefined();
    expect(percentDecode('%E2%9C')).toBeUndefined();
    expect(percentDecode('%')).toBeUndefined();
  });
  test('encode never throws and drops lone surrogates', () => {
    expect(percentEncode('a b,c;d=e')).toBe('a%20b%2Cc%3Bd%3De');
    expect(percentEncode('\ud800')).toBeUndefined();
    expect(percentDecode(percentEncode('\u2713 x') as string)).toBe('\u2713 x');
  });
});

describe('safeSet', () => {
  test('swallows a throwing setter', () => {
    const setter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => safeSet({}, setter, 'b3', 'x')).not.toThrow();
    const carrier: Record<string, string> = {};
    safeSet(carrier, { set: (c: Record<string, string>, k, v) => (c[k] = v) }, 'b3', 'x');
    expect(carrier).toEqual({ b3: 'x' });
  });
});
