/**
 * Resolution rules of REQUIREMENTS §8, with test propagators registered for the purpose (the format
 * packages are covered in describe.test.ts, names.test.ts and sdk.test.ts).
 */
import {
  trace,
  diag,
  DiagLogLevel,
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import {
  describePropagator,
  propagatorFromEnv,
  registerPropagator,
  resolvePropagators,
} from '@baton/propagator-env';
import { collectWarnings, labelPropagator } from './helpers';

beforeAll(() => {
  for (const label of ['alpha', 'beta', 'gamma', 'd1', 'd2'])
    registerPropagator(label, () => labelPropagator(label));
});

/** Defaults made of test propagators, so the fallback rules are tested without the W3C package. */
const defaults = ['d1', 'd2'];

describe('resolution table', () => {
  test.each<[string, string | string[], string, number]>([
    // [rule quoted, names, description of the result, number of warnings]
    [
      '"Unset or empty → `tracecontext,baggage`" (here: the configured defaults)',
      '',
      'Composite[Label(d1), Label(d2)]',
      0,
    ],
    ['an empty list → the defaults', [], 'Composite[Label(d1), Label(d2)]', 0],
    ['one name → that propagator alone, not wrapped', 'alpha', 'Label(alpha)', 0],
    [
      'several names → a composite, in list order',
      'gamma, alpha ,BETA',
      'Composite[Label(gamma), Label(alpha), Label(beta)]',
      0,
    ],
    [
      '"duplicates dropped keeping the first"',
      'beta,alpha,beta',
      'Composite[Label(beta), Label(alpha)]',
      0,
    ],
    ['"Unknown name → `diag.warn` naming the value, skipped"', 'alpha,nope', 'Label(alpha)', 1],
    [
      '"every name unknown → warn and fall back to the default"',
      'nope,nada',
      'Composite[Label(d1), Label(d2)]',
      3,
    ],
    ['"`none` alone → no-op propagator"', 'none', 'Noop', 0],
    ['`none`, any case', ' NONE ', 'Noop', 0],
    ['"`none` with others → warn, no-op"', 'alpha,none', 'Noop', 1],
    ['`none` with unknown names → warn, no-op', 'none,nope', 'Noop', 1],
    [
      'Object.prototype names are unknown names, like any other',
      '__proto__,constructor,toString',
      'Composite[Label(d1), Label(d2)]',
      4,
    ],
    [
      'issue 19: `ottrace`, `gcp` and `oneway-gcp` are built in',
      'ottrace,alpha,oneway-gcp',
      'Composite[OTTrace, Label(alpha), CloudTrace(one-way)]',
      0,
    ],
    ['issue 16: `xray` is built in', 'xray', 'AWSXRay', 0],
    ['issue 16: `xray-lambda` is built in', 'xray-lambda', 'AWSXRayLambda', 0],
    [
      'issue 16: "Listing both `xray` and `xray-lambda` … warns and keeps `xray-lambda`"',
      'xray,alpha,xray-lambda',
      'Composite[Label(alpha), AWSXRayLambda]',
      1,
    ],
  ])('%s: %j', (_rule, names, description, warningCount) => {
    const { warnings, logger } = collectWarnings();
    const p = resolvePropagators(names, { logger, defaults });
    expect(describePropagator(p)).toBe(description);
    expect(warnings).toHaveLength(warningCount);
  });
});

describe('warnings say what happened and what to do', () => {
  test('unknown name: names the value, lists the known names, says how to add one', () => {
    const { warnings, logger } = collectWarnings();
    resolvePropagators('alpha,Zipkin2', { logger, defaults });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^@baton\/propagator-env: resolvePropagators: unknown propagator "zipkin2"; skipped\./,
    );
    expect(warnings[0]).toContain(
      'Known names: tracecontext, baggage, b3, b3multi, jaeger, platform-id, xray, xray-lambda, ottrace, gcp, oneway-gcp, none, ',
    );
    expect(warnings[0]).toContain('alpha');
    expect(warnings[0]).toContain('registerPropagator(name, factory)');
  });

  test('xray and xray-lambda together: says what is kept and what to remove', () => {
    const { warnings, logger } = collectWarnings();
    resolvePropagators('xray-lambda,xray', { logger, defaults, source: 'OTEL_PROPAGATORS' });
    expect(warnings).toEqual([
      '@baton/propagator-env: OTEL_PROPAGATORS lists both "xray" and "xray-lambda", which read and ' +
        'write the same X-Amzn-Trace-Id header ("xray-lambda" also reads the Lambda invocation\'s ' +
        'header): keeping "xray-lambda" only. Remove "xray" from the list.',
    ]);
  });

  test('all unknown: one warning per name, then the fallback', () => {
    const { warnings, logger } = collectWarnings();
    resolvePropagators('nope', { logger, defaults });
    expect(warnings[0]).toContain('unknown propagator "nope"');
    expect(warnings[1]).toContain(
      'none of the propagators nope could be used; falling back to the default d1,d2',
    );
  });

  test('none with others: names the list and how to fix it', () => {
    const { warnings, logger } = collectWarnings();
    resolvePropagators('none,alpha', { logger, defaults });
    expect(warnings).toEqual([
      expect.stringContaining('lists "none" with other names (none,alpha): "none" wins'),
    ]);
  });

  test('nothing buildable, not even the defaults → warn, Noop', () => {
    const { warnings, logger } = collectWarnings();
    const p = resolvePropagators('nope', { logger, defaults: ['also-unknown'] });
    expect(describePropagator(p)).toBe('Noop');
    expect(warnings[warnings.length - 1]).toContain(
      'no propagator could be built; nothing will be propagated',
    );
  });

  test('by default, warnings go through diag from @opentelemetry/api', () => {
    const seen: string[] = [];
    const sink = (m: string) => void seen.push(m);
    diag.setLogger(
      { error: sink, warn: sink, info: sink, debug: sink, verbose: sink },
      DiagLogLevel.WARN,
    );
    try {
      resolvePropagators('alpha,not-registered');
    } finally {
      diag.disable();
    }
    expect(seen).toEqual([expect.stringContaining('unknown propagator "not-registered"')]);
  });

  test('a logger that throws does not make resolution throw', () => {
    const logger = {
      warn: () => {
        throw new Error('logger down');
      },
    };
    expect(describePropagator(resolvePropagators('nope,alpha', { logger, defaults }))).toBe(
      'Label(alpha)',
    );
  });
});

describe('the no-op propagator', () => {
  test('extract returns the context unchanged; inject writes nothing; no fields', () => {
    const p = resolvePropagators('none');
    const carrier: Record<string, string> = {
      'x-alpha': 'v',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    expect(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
    const out: Record<string, string> = {};
    p.inject(ROOT_CONTEXT, out, defaultTextMapSetter);
    expect(out).toEqual({});
    expect(p.fields()).toEqual([]);
  });
});

describe('the composite behaves as its members', () => {
  test('extract runs every member; inject writes every member header; fields is the union', () => {
    const p = resolvePropagators('alpha,beta', { defaults });
    const ctx = p.extract(ROOT_CONTEXT, { 'x-alpha': 'A', 'x-beta': 'B' }, defaultTextMapGetter);
    const out: Record<string, string> = {};
    p.inject(ctx, out, defaultTextMapSetter);
    expect(out).toEqual({ 'x-alpha': 'A', 'x-beta': 'B' });
    expect(p.fields()).toEqual(['x-alpha', 'x-beta']);
  });
});

describe('propagatorFromEnv', () => {
  test('"Reads the environment when called (not at import)": reads the env it is given, each call', () => {
    const env: Record<string, string | undefined> = { OTEL_PROPAGATORS: 'alpha' };
    expect(describePropagator(propagatorFromEnv(env))).toBe('Label(alpha)');
    env.OTEL_PROPAGATORS = 'beta, gamma';
    expect(describePropagator(propagatorFromEnv(env))).toBe('Composite[Label(beta), Label(gamma)]');
  });

  test('reads process.env by default', () => {
    const before = process.env.OTEL_PROPAGATORS;
    process.env.OTEL_PROPAGATORS = 'gamma';
    try {
      expect(describePropagator(propagatorFromEnv())).toBe('Label(gamma)');
    } finally {
      if (before === undefined) delete process.env.OTEL_PROPAGATORS;
      else process.env.OTEL_PROPAGATORS = before;
    }
  });

  test('warnings name OTEL_PROPAGATORS as the source', () => {
    const { warnings, logger } = collectWarnings();
    propagatorFromEnv({ OTEL_PROPAGATORS: 'alpha,bogus' }, { logger });
    expect(warnings).toEqual([
      expect.stringContaining('OTEL_PROPAGATORS: unknown propagator "bogus"'),
    ]);
  });

  test('unset, empty, or not a string → the defaults', () => {
    for (const env of [
      {},
      { OTEL_PROPAGATORS: '' },
      { OTEL_PROPAGATORS: ' , ' },
      { OTEL_PROPAGATORS: 3 as unknown as string },
    ]) {
      expect(describePropagator(propagatorFromEnv(env, { defaults }))).toBe(
        'Composite[Label(d1), Label(d2)]',
      );
    }
  });

  test('the env is handed to factories', () => {
    registerPropagator('env-reader', ({ env }) => labelPropagator(env.LABEL ?? 'unset'));
    expect(
      describePropagator(propagatorFromEnv({ OTEL_PROPAGATORS: 'env-reader', LABEL: 'x1' })),
    ).toBe('Label(x1)');
  });
});

describe('composite options', () => {
  /** A member that extracts a remote span context whose trace id is the value of header `x-<label>`. */
  function traceIdPropagator(label: string): TextMapPropagator {
    const header = `x-${label}`;
    return {
      inject() {},
      extract(ctx, carrier, getter) {
        const traceId = getter.get(carrier, header);
        if (typeof traceId !== 'string') return ctx;
        return trace.setSpanContext(ctx, {
          traceId,
          spanId: 'b7ad6b7169203331',
          traceFlags: 1,
          isRemote: true,
        });
      },
      fields: () => [header],
    };
  }
  const idA = '0af7651916cd43dd8448eb211c80319c';
  const idB = '4bf92f3577b34da6a3ce929d0e0e4736';

  test('are passed to the CompositePropagator: precedence and onConflict take effect', () => {
    registerPropagator('tid-a', () => traceIdPropagator('a'));
    registerPropagator('tid-b', () => traceIdPropagator('b'));
    const carrier = { 'x-a': idA, 'x-b': idB };
    const extractTraceId = (p: TextMapPropagator) =>
      trace.getSpanContext(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter))?.traceId;

    // Default precedence, as core: the last valid wins.
    expect(extractTraceId(resolvePropagators('tid-a,tid-b'))).toBe(idB);
    const conflicts: unknown[] = [];
    const first = resolvePropagators('tid-a,tid-b', {
      composite: { precedence: 'first', onConflict: (info) => void conflicts.push(info) },
    });
    expect(extractTraceId(first)).toBe(idA);
    expect(conflicts).toHaveLength(1);
  });

  test('invalid composite options throw (bad configuration in code fails loudly)', () => {
    expect(() =>
      resolvePropagators('alpha,beta', { composite: { precedence: 'middle' as 'first' } }),
    ).toThrow(/precedence/);
  });
});

// Found in review. DESIGN: "Configuration errors ... fail loudly, at start-up, with a message that
// says what to change" — a misspelt option must not be ignored.
describe('options are checked', () => {
  it('an unknown option throws, naming the options', () => {
    expect(() => resolvePropagators(['b3'], { logr: console } as never)).toThrow(
      /unknown option "logr"; the options are logger, env, defaults, source, composite/,
    );
  });
  it('known options are accepted', () => {
    expect(String(resolvePropagators(['b3'], { source: 'test', defaults: ['b3'] }))).toBe(
      'B3(single)',
    );
  });
});
