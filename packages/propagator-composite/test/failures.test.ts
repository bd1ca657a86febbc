/**
 * REQUIREMENTS §7: "A member that throws is caught, reported once through diag, and the rest still
 * run." DESIGN: "Bad configuration: throw at construction with a message that says what to change."
 */
import {
  diag,
  ROOT_CONTEXT,
  trace,
  type DiagLogger,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { CompositePropagator } from '@baton/propagator-composite';
import { FixedPropagator, ThrowingPropagator, getter, remote, setter, S1, T1 } from './support';

function captureDiag(): { warn: jest.Mock; error: jest.Mock } {
  const logger = {
    warn: jest.fn(),
    error: jest.fn(),
    info: jest.fn(),
    debug: jest.fn(),
    verbose: jest.fn(),
  };
  diag.setLogger(logger as unknown as DiagLogger, { suppressOverrideMessage: true });
  return logger;
}

afterEach(() => diag.disable());

describe('a throwing member', () => {
  test('extract: the others still run, the error is reported once per member', () => {
    const log = captureDiag();
    const bad = new ThrowingPropagator();
    const composite = new CompositePropagator({
      propagators: [bad, new FixedPropagator('good', remote(T1, S1))],
    });
    for (let i = 0; i < 5; i++) {
      const ctx = composite.extract(ROOT_CONTEXT, {}, getter);
      expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
    }
    expect(bad.calls).toBe(5);
    const extractWarnings = log.warn.mock.calls.filter((c) => String(c[0]).includes('.extract'));
    expect(extractWarnings).toHaveLength(1);
    expect(extractWarnings[0][0]).toContain('ThrowingPropagator.extract threw (extract boom)');
  });

  test('inject: the others still write, reported once', () => {
    const log = captureDiag();
    const composite = new CompositePropagator({
      propagators: [new ThrowingPropagator(), new FixedPropagator('good', remote(T1, S1))],
    });
    const ctx = trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1));
    for (let i = 0; i < 3; i++) {
      const carrier: Record<string, string> = {};
      composite.inject(ctx, carrier, setter);
      expect(carrier).toEqual({ 'x-good': '1' });
    }
    expect(log.warn.mock.calls.filter((c) => String(c[0]).includes('.inject'))).toHaveLength(1);
  });

  test('fields: a throwing fields() adds nothing, reported at construction', () => {
    const log = captureDiag();
    const composite = new CompositePropagator({
      propagators: [new ThrowingPropagator(), new FixedPropagator('good', undefined)],
    });
    expect(composite.fields()).toEqual(['x-good']);
    expect(log.warn.mock.calls.filter((c) => String(c[0]).includes('.fields'))).toHaveLength(1);
  });

  test('two throwing members are each reported', () => {
    const log = captureDiag();
    const composite = new CompositePropagator({
      extract: [new ThrowingPropagator(), new ThrowingPropagator()],
    });
    composite.extract(ROOT_CONTEXT, {}, getter);
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  test('a member returning something that is not a Context is skipped', () => {
    const log = captureDiag();
    const broken = {
      extract: () => undefined,
      inject: () => undefined,
      fields: () => [],
    } as unknown as TextMapPropagator;
    const composite = new CompositePropagator({
      propagators: [new FixedPropagator('good', remote(T1, S1)), broken],
    });
    const ctx = composite.extract(ROOT_CONTEXT, {}, getter);
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T1);
    expect(log.warn.mock.calls[0][0]).toContain('returned a non-Context');
  });

  test('a member producing a span whose spanContext() throws is skipped', () => {
    captureDiag();
    const weird = {
      extract: (ctx: typeof ROOT_CONTEXT) =>
        trace.setSpan(ctx, {
          spanContext() {
            throw new Error('no');
          },
        } as never),
      inject: () => undefined,
      fields: () => [],
    } as unknown as TextMapPropagator;
    const composite = new CompositePropagator({
      propagators: [new FixedPropagator('good', remote(T1, S1)), weird],
    });
    const ctx = composite.extract(ROOT_CONTEXT, {}, getter);
    expect(trace.getSpanContext(ctx)?.spanId).toBe(S1);
  });
});

describe('bad configuration throws at construction, saying what to change', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['propagators not an array', { propagators: {} }, /"propagators" must be an array/],
    [
      'a class instead of an instance',
      { propagators: [FixedPropagator] },
      /propagators\[0\].*new Class\(\)/,
    ],
    ['null member', { extract: [null] }, /extract\[0\] is not a TextMapPropagator/],
    ['object without extract', { inject: [{ inject() {} }] }, /inject\[0\]/],
    ['unknown precedence', { precedence: 'middle' }, /'first' or 'last', got "middle"/],
    ['onConflict not a function', { onConflict: 'log' }, /"onConflict" must be a function/],
    ['negative interval', { conflictWarningIntervalMs: -1 }, /conflictWarningIntervalMs/],
    ['NaN interval', { conflictWarningIntervalMs: NaN }, /conflictWarningIntervalMs/],
    [
      'propagators unused',
      { propagators: [], inject: [], extract: [] },
      /"propagators" is unused when both "inject" and "extract"/,
    ],
    ['not an object', 'b3', /must be an options object/],
    // Found in review: these were accepted and gave a composite that propagates nothing / 'last'.
    ['an array instead of options', [new FixedPropagator('a', undefined)], /not as an array/],
    ['a typo in an option name', { precendence: 'first' }, /unknown option "precendence"/],
  ];
  test.each(cases)('%s', (_name, config, message) => {
    expect(() => new CompositePropagator(config as never)).toThrow(message);
  });

  test('no argument and an empty object are valid (as core)', () => {
    expect(new CompositePropagator().fields()).toEqual([]);
    expect(new CompositePropagator({}).extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  });

  test('the member array is copied: changing it later does not change the composite', () => {
    const members: TextMapPropagator[] = [new FixedPropagator('a', undefined)];
    const composite = new CompositePropagator({ propagators: members });
    members.push(new FixedPropagator('b', undefined));
    expect(composite.fields()).toEqual(['x-a']);
    expect(composite.toString()).toBe('Composite[a]');
  });
});
