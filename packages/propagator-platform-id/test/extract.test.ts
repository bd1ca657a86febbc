/**
 * Extract and inject of `platform-id`, table-driven. Each table quotes the requirement it checks:
 * REQUIREMENTS §1 (every propagator), §6 (custom header propagators), and issue 5.
 */
import {
  ROOT_CONTEXT,
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  PlatformIdPropagator,
  getPlatformId,
  setPlatformId,
  PLATFORM_ID_HEADER,
  PLATFORM_ID_KEY,
} from '@baton/propagator-platform-id';

const propagator = new PlatformIdPropagator();

function extract(carrier: unknown, ctx: Context = ROOT_CONTEXT, getter = defaultTextMapGetter) {
  return propagator.extract(ctx, carrier, getter);
}

describe('extract: valid values', () => {
  // §6: "extract reads the header into a context key (not a span context)".
  // Issue 5: "Extract reads the header (case-insensitive, first of several values)".
  // §1: "arrays (use the first value unless the format says to join), Buffers".
  test.each<[string, unknown, string]>([
    ['plain value', { 'platform-id': 'web-eu-1' }, 'web-eu-1'],
    [
      'every allowed punctuation',
      { 'platform-id': '!#$%&\'()*+-./:;<=>?@[\\]^_`{|}~"' },
      '!#$%&\'()*+-./:;<=>?@[\\]^_`{|}~"',
    ],
    ['mixed-case header name', { 'Platform-Id': 'p1' }, 'p1'],
    ['uppercase header name', { 'PLATFORM-ID': 'p1' }, 'p1'],
    ['array: first value', { 'platform-id': ['first', 'second'] }, 'first'],
    ['comma-joined repeat (node:http): first member', { 'platform-id': 'first, second' }, 'first'],
    ['comma-joined repeat without space', { 'platform-id': 'first,second' }, 'first'],
    ['OWS around the value is not part of it', { 'platform-id': ' \tp1\t ' }, 'p1'],
    ['Buffer (Kafka header)', { 'platform-id': Buffer.from('kafka-1') }, 'kafka-1'],
    ['exactly 256 characters', { 'platform-id': 'a'.repeat(256) }, 'a'.repeat(256)],
    ['one character', { 'platform-id': 'x' }, 'x'],
  ])('%s', (_name, carrier, expected) => {
    const ctx = extract(carrier);
    expect(getPlatformId(ctx)).toBe(expected);
    // "not a span context"
    expect(trace.getSpanContext(ctx)).toBeUndefined();
  });

  test('a valid header replaces a value already in the context', () => {
    const before = setPlatformId(ROOT_CONTEXT, 'old');
    expect(getPlatformId(extract({ 'platform-id': 'new' }, before))).toBe('new');
  });

  test('the lowercase lookup wins over a differently-cased duplicate (§1: lowercase first)', () => {
    expect(getPlatformId(extract({ 'platform-id': 'lower', 'Platform-Id': 'upper' }))).toBe(
      'lower',
    );
  });
});

describe('extract: absent or invalid values leave the context unchanged', () => {
  // Issue 5: "leaves the context unchanged for an absent or invalid value".
  // §6: "Values are validated: visible ASCII, no separators that break headers, max length
  // (default 256); invalid → ignored on extract".
  // §1: "Extract never throws, for any carrier: undefined/null, non-string values, arrays, Buffers,
  // 1 MB strings, lone UTF-16 surrogates, a getter that throws."
  const throwingGetter: TextMapGetter = {
    get: () => {
      throw new Error('get');
    },
    keys: () => {
      throw new Error('keys');
    },
  };
  test.each<[string, unknown, TextMapGetter?]>([
    ['no header', {}],
    ['undefined carrier', undefined],
    ['null carrier', null],
    ['carrier is a string', 'platform-id: x'],
    ['empty value', { 'platform-id': '' }],
    ['only whitespace', { 'platform-id': '  ' }],
    ['empty array', { 'platform-id': [] }],
    ['number value', { 'platform-id': 42 }],
    ['object value', { 'platform-id': { v: 'x' } }],
    ['257 characters (max 256)', { 'platform-id': 'a'.repeat(257) }],
    ['1 MB string', { 'platform-id': 'a'.repeat(1 << 20) }],
    ['inner space', { 'platform-id': 'a b' }],
    ['CR LF (header splitting)', { 'platform-id': 'a\r\nx-admin: 1' }],
    ['LF', { 'platform-id': 'a\nb' }],
    ['NUL', { 'platform-id': 'a\u0000b' }],
    ['DEL', { 'platform-id': 'a\u007fb' }],
    ['non-ASCII', { 'platform-id': 'café' }],
    ['lone surrogate', { 'platform-id': 'a\ud800' }],
    ['Buffer with a non-ASCII byte', { 'platform-id': Buffer.from([0x61, 0xe9]) }],
    ['empty first member', { 'platform-id': ', second' }],
    ['array whose first value is invalid', { 'platform-id': ['a b', 'valid'] }],
    ['getter that throws', { 'platform-id': 'x' }, throwingGetter],
  ])('%s', (_name, carrier, getter = defaultTextMapGetter) => {
    const before = ROOT_CONTEXT.setValue(createContextKey('other'), 1);
    expect(extract(carrier, before, getter)).toBe(before);
    const withId = setPlatformId(ROOT_CONTEXT, 'kept');
    expect(getPlatformId(extract(carrier, withId, getter))).toBe('kept');
  });
});

describe('inject', () => {
  // Issue 5: "Inject writes it back when the context holds one."
  test('writes the value under the lowercase header', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(setPlatformId(ROOT_CONTEXT, 'p-42'), carrier, defaultTextMapSetter);
    expect(carrier).toEqual({ 'platform-id': 'p-42' });
  });
  test('writes nothing when the context holds no value', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(ROOT_CONTEXT, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({});
  });
  // §1: "Honour suppressTracing: nothing injected, baggage included."
  test('writes nothing when tracing is suppressed', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(
      suppressTracing(setPlatformId(ROOT_CONTEXT, 'p')),
      carrier,
      defaultTextMapSetter,
    );
    expect(carrier).toEqual({});
  });
  // §1: "Inject never throws ... and writes only US-ASCII values legal in an HTTP field — no CR, LF, NUL".
  // The key is public, so code can bypass setPlatformId; inject still writes only legal values.
  test.each<[string, unknown]>([
    ['CR LF', 'a\r\nb'],
    ['too long', 'a'.repeat(257)],
    ['not a string', 42],
    ['empty', ''],
  ])('a value written straight into the key (%s) is not injected', (_name, raw) => {
    const carrier: Record<string, string> = {};
    propagator.inject(ROOT_CONTEXT.setValue(PLATFORM_ID_KEY, raw), carrier, defaultTextMapSetter);
    expect(carrier).toEqual({});
  });
  test('a setter that throws, or a frozen / undefined carrier, does not throw', () => {
    const ctx = setPlatformId(ROOT_CONTEXT, 'p');
    const throwing = {
      set: () => {
        throw new Error('set');
      },
    };
    expect(() => propagator.inject(ctx, {}, throwing)).not.toThrow();
    expect(() => propagator.inject(ctx, Object.freeze({}), defaultTextMapSetter)).not.toThrow();
    expect(() => propagator.inject(ctx, undefined, defaultTextMapSetter)).not.toThrow();
  });
  test('inject: false reads but never writes', () => {
    const readOnly = new PlatformIdPropagator({ inject: false });
    const ctx = readOnly.extract(ROOT_CONTEXT, { 'platform-id': 'p' }, defaultTextMapGetter);
    expect(getPlatformId(ctx)).toBe('p');
    const carrier: Record<string, string> = {};
    readOnly.inject(ctx, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({});
  });
});

describe('fields() and toString()', () => {
  // Issue 5: "`fields()` is `[header]`." §1: "fields() returns exactly the fixed keys inject can
  // write, lowercase, no duplicates."
  test('fields() is ["platform-id"]', () => {
    expect(propagator.fields()).toEqual(['platform-id']);
    expect(PLATFORM_ID_HEADER).toBe('platform-id');
  });
  test('an extract-only propagator writes no keys, so fields() is []', () => {
    expect(new PlatformIdPropagator({ inject: false }).fields()).toEqual([]);
  });
  test('fields() returns a fresh array each call (a caller may mutate it)', () => {
    const f = propagator.fields();
    f.push('x');
    expect(propagator.fields()).toEqual(['platform-id']);
  });
  // Lead: "toString(): `PlatformId` for the default".
  test('toString() is PlatformId', () => {
    expect(String(propagator)).toBe('PlatformId');
  });
});
