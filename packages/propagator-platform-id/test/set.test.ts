/**
 * Values set by code. Issue 5: "a value set by code that fails validation raises a clear error at
 * the call, never at inject time". Lead: "throw a TypeError/RangeError whose message names the
 * header, the offending character/length and the limit". §6: "rejected with a clear error when set
 * by code".
 */
import { ROOT_CONTEXT, defaultTextMapSetter } from '@opentelemetry/api';
import {
  PlatformIdPropagator,
  getPlatformId,
  setPlatformId,
  createHeaderPropagator,
} from '@baton/propagator-platform-id';

describe('setPlatformId rejects invalid values at the call', () => {
  test.each<[string, unknown, ErrorConstructor, RegExp[]]>([
    [
      'too long',
      'a'.repeat(257),
      RangeError,
      [/^platform-id: /, /257 characters/, /maximum is 256/],
    ],
    ['empty', '', RangeError, [/^platform-id: /, /empty/, /1 to 256/]],
    ['LF', 'a\nb', TypeError, [/^platform-id: /, /"\\n" \(U\+000A\)/, /index 1/, /0x21-0x7E/]],
    ['CR', '\rb', TypeError, [/^platform-id: /, /U\+000D/, /index 0/]],
    ['space', 'a b', TypeError, [/^platform-id: /, /" " \(U\+0020\)/, /index 1/]],
    ['comma', 'a,b', TypeError, [/^platform-id: /, /U\+002C/, /except ","/]],
    ['non-ASCII', 'café', TypeError, [/^platform-id: /, /U\+00E9/, /index 3/]],
    ['lone surrogate', 'a\ud800', TypeError, [/^platform-id: /, /U\+D800/]],
    ['number', 42, TypeError, [/^platform-id: /, /must be a string, got number/]],
    ['null', null, TypeError, [/must be a string, got null/]],
    ['undefined', undefined, TypeError, [/must be a string, got undefined/]],
  ])('%s', (_name, value, errorType, messageParts) => {
    let caught: unknown;
    try {
      setPlatformId(ROOT_CONTEXT, value as string);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(errorType);
    for (const part of messageParts) expect((caught as Error).message).toMatch(part);
  });

  test('a valid value is stored, and inject then writes it without throwing', () => {
    const ctx = setPlatformId(ROOT_CONTEXT, 'a'.repeat(256));
    expect(getPlatformId(ctx)).toBe('a'.repeat(256));
    const carrier: Record<string, string> = {};
    new PlatformIdPropagator().inject(ctx, carrier, defaultTextMapSetter);
    expect(carrier['platform-id']).toBe('a'.repeat(256));
  });

  test('setPlatformId does not change the context it is given', () => {
    const ctx = setPlatformId(ROOT_CONTEXT, 'p');
    expect(getPlatformId(ROOT_CONTEXT)).toBeUndefined();
    expect(getPlatformId(setPlatformId(ctx, 'q'))).toBe('q');
    expect(getPlatformId(ctx)).toBe('p');
  });
});

test('setPlatformId past 256 characters: the message does not point to a maxLength option PlatformIdPropagator refuses', () => {
  expect(() => setPlatformId(ROOT_CONTEXT, 'a'.repeat(300))).toThrow(
    /^platform-id: the value has 300 characters; the maximum is 256 \(the format's limit; a longer id needs a header of your own, createHeaderPropagator\)$/,
  );
  expect(() => new PlatformIdPropagator({ maxLength: 512 } as never)).toThrow(/maxLength/);
});

describe('set with the options of createHeaderPropagator', () => {
  test('maxLength: the message names the header and the configured limit', () => {
    const t = createHeaderPropagator({ header: 'X-Tenant-Id', maxLength: 8 });
    expect(() => t.set(ROOT_CONTEXT, 'a'.repeat(9))).toThrow(RangeError);
    expect(() => t.set(ROOT_CONTEXT, 'a'.repeat(9))).toThrow(
      /^x-tenant-id: the value has 9 characters; the maximum is 8 \(raise it with the maxLength option\)$/,
    );
    expect(t.get(t.set(ROOT_CONTEXT, 'a'.repeat(8)))).toBe('a'.repeat(8));
  });
  test('validate returning false: TypeError naming the header and the value', () => {
    const t = createHeaderPropagator({
      header: 'x-tenant-id',
      validate: (v) => /^[a-z]+$/.test(v),
    });
    expect(() => t.set(ROOT_CONTEXT, 'ACME')).toThrow(
      new TypeError('x-tenant-id: the value "ACME" was rejected by the validate option'),
    );
  });
  test('validate that throws: TypeError with the original error as cause', () => {
    const boom = new Error('boom');
    const t = createHeaderPropagator({
      header: 'x-tenant-id',
      validate: () => {
        throw boom;
      },
    });
    let caught: unknown;
    try {
      t.set(ROOT_CONTEXT, 'acme');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toBe('x-tenant-id: the validate option threw for "acme"');
    expect((caught as Error).cause).toBe(boom);
  });
  test('the built-in rules run before the validator, which cannot widen them', () => {
    const validate = jest.fn(() => true);
    const t = createHeaderPropagator({ header: 'x-tenant-id', validate });
    expect(() => t.set(ROOT_CONTEXT, 'a\r\nb')).toThrow(TypeError);
    expect(validate).not.toHaveBeenCalled();
  });
  test('isValid answers without throwing', () => {
    const t = createHeaderPropagator({
      header: 'x-tenant-id',
      maxLength: 4,
      validate: (v) => {
        if (v === 'boom') throw new Error('x');
        return v !== 'nope';
      },
    });
    expect(t.isValid('ok')).toBe(true);
    expect(t.isValid('nope')).toBe(false);
    expect(t.isValid('boom')).toBe(false);
    expect(t.isValid('toolong')).toBe(false);
    expect(t.isValid('a b')).toBe(false);
    expect(t.isValid(7)).toBe(false);
  });
});
