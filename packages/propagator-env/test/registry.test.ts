/**
 * REQUIREMENTS §8: "`registerPropagator(name, factory)`: lazy factories; a duplicate or built-in name
 * throws at registration with a clear message; a factory that throws → warn, that name skipped."
 */
import { describePropagator, registerPropagator, resolvePropagators } from '@baton/propagator-env';
import type { TextMapPropagator } from '@opentelemetry/api';
import { collectWarnings, labelPropagator } from './helpers';

describe('registration errors are thrown, with a message that says what to do', () => {
  test.each<[string, string, RegExp]>([
    [
      '"a … built-in name throws"',
      'tracecontext',
      /built-in.*Register your propagator under another name/,
    ],
    ['built-in, any case and spacing', '  B3Multi ', /'b3multi' is a built-in/],
    ['built-in: baggage', 'baggage', /built-in/],
    ['built-in: b3', 'b3', /built-in/],
    ['built-in: jaeger', 'jaeger', /built-in/],
    ['built-in: platform-id', 'platform-id', /built-in/],
    ['"none" is reserved by OTEL-ENV', 'none', /'none' is a built-in/],
  ])('%s (%j)', (_rule, name, message) => {
    expect(() => registerPropagator(name, () => labelPropagator('x'))).toThrow(message);
  });

  test('"a duplicate … name throws at registration" — also when spelt differently', () => {
    registerPropagator('dup-one', () => labelPropagator('a'));
    expect(() => registerPropagator('dup-one', () => labelPropagator('b'))).toThrow(
      /'dup-one' is already registered\. Register each name once/,
    );
    expect(() => registerPropagator(' DUP-ONE', () => labelPropagator('b'))).toThrow(
      /already registered/,
    );
    // The first registration is still the one in use.
    expect(describePropagator(resolvePropagators('dup-one'))).toBe('Label(a)');
  });

  test.each<[unknown, RegExp]>([
    ['', /empty/],
    ['a,b', /comma/],
    ['has space', /visible ASCII/],
    [undefined, /must be a string/],
  ])('a name that cannot appear in OTEL_PROPAGATORS is a TypeError: %j', (name, message) => {
    expect(() => registerPropagator(name as string, () => labelPropagator('x'))).toThrow(TypeError);
    expect(() => registerPropagator(name as string, () => labelPropagator('x'))).toThrow(message);
  });

  test('a factory that is not a function is a TypeError naming the name', () => {
    expect(() => registerPropagator('not-fn', {} as never)).toThrow(
      /registerPropagator\('not-fn'\): the factory must be a function/,
    );
    // …and the failed call did not take the name.
    expect(() => registerPropagator('not-fn', () => labelPropagator('ok'))).not.toThrow();
  });

  test('xray and xray-lambda are built in (issue 16): registering them throws', () => {
    expect(() => registerPropagator('xray', () => labelPropagator('xray'))).toThrow(/built-in/);
    expect(() => registerPropagator('XRAY-Lambda', () => labelPropagator('x'))).toThrow(/built-in/);
  });

  test('ottrace, gcp and oneway-gcp are built in (issue 19): registering them throws', () => {
    expect(() => registerPropagator('ottrace', () => labelPropagator('o'))).toThrow(/built-in/);
    expect(() => registerPropagator('GCP', () => labelPropagator('g'))).toThrow(/built-in/);
    expect(() => registerPropagator('oneway-gcp', () => labelPropagator('g'))).toThrow(/built-in/);
  });
});

describe('"lazy factories"', () => {
  test('a factory is not called at registration, only when its name is resolved — each time', () => {
    const factory = jest.fn(() => labelPropagator('lazy'));
    registerPropagator('lazy', factory);
    expect(factory).not.toHaveBeenCalled();
    resolvePropagators('other-unknown,lazy', { logger: collectWarnings().logger });
    expect(factory).toHaveBeenCalledTimes(1);
    resolvePropagators(['LAZY']);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  test('a name that is not listed is never built', () => {
    const used = jest.fn(() => labelPropagator('used'));
    const unused = jest.fn(() => labelPropagator('unused'));
    registerPropagator('used', used);
    registerPropagator('unused', unused);
    resolvePropagators('used');
    expect(used).toHaveBeenCalledTimes(1);
    expect(unused).not.toHaveBeenCalled();
  });

  test('the factory receives the normalised name and the environment', () => {
    const factory = jest.fn(
      (ctx: { name: string; env: Readonly<Record<string, string | undefined>> }) =>
        labelPropagator(ctx.env.MY_LABEL ?? 'none-set'),
    );
    registerPropagator('with-env', factory);
    const env = { MY_LABEL: 'from-env' };
    const p = resolvePropagators(' With-Env ', { env });
    expect(factory).toHaveBeenCalledWith({ name: 'with-env', env });
    expect(describePropagator(p)).toBe('Label(from-env)');
  });
});

describe('"a factory that throws → warn, that name skipped"', () => {
  test('throwing factory: warned with its message, the other names still resolve', () => {
    registerPropagator('throws', () => {
      throw new Error('missing TENANT_HEADER');
    });
    registerPropagator('fine-a', () => labelPropagator('a'));
    const { warnings, logger } = collectWarnings();
    const p = resolvePropagators('throws,fine-a', { logger });
    expect(describePropagator(p)).toBe('Label(a)');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the factory for "throws" threw (missing TENANT_HEADER)');
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['a string', 'b3'],
    ['an object without fields()', { inject() {}, extract: (c: unknown) => c }],
  ])('a factory returning %s is warned about and skipped', (label, value) => {
    const name = `bad-return-${label.replace(/[^a-z]/g, '')}`;
    registerPropagator(name, () => value as TextMapPropagator);
    registerPropagator(`${name}-ok`, () => labelPropagator('ok'));
    const { warnings, logger } = collectWarnings();
    const p = resolvePropagators([name, `${name}-ok`], { logger });
    expect(describePropagator(p)).toBe('Label(ok)');
    expect(warnings).toEqual([
      expect.stringContaining(`the factory for "${name}" did not return a TextMapPropagator`),
    ]);
  });
});
