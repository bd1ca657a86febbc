/**
 * REQUIREMENTS §10: "A configuration mistake (unknown name, a factory that throws or returns no
 * propagator, bad separators, a wrong argument type) is never silent: printed once on stderr even when
 * no `diag` logger is installed, and sent through `diag` too. `OTEL_LOG_LEVEL=none` silences it."
 *
 * What the user sees is stderr of a real process, so the stderr cases run in child processes, with the
 * real NodeSDK where the README's setup uses it.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger, TextMapPropagator } from '@opentelemetry/api';
import { propagatorFromEnv, registerPropagator, resolvePropagators } from '@baton/propagator-env';
import { buildPackages, lines, runNode } from './child';

beforeAll(buildPackages, 180_000);

const KNOWN =
  'Known names: tracecontext, baggage, b3, b3multi, jaeger, platform-id, xray, xray-lambda, ottrace, gcp, oneway-gcp, none.';

/** The README's tracing.js, then one line on stdout so the test knows the process got that far. */
const README_SETUP = `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { propagatorFromEnv } = require('@baton/propagator-env');
const sdk = new NodeSDK({ textMapPropagator: propagatorFromEnv(), instrumentations: [] });
sdk.start();
console.log('started');
sdk.shutdown();
`;
const SDK_QUIET = {
  OTEL_TRACES_EXPORTER: 'none',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
};

describe("the README's NodeSDK setup prints a typo once, at every level but none/error", () => {
  const typo =
    '@baton/propagator-env: OTEL_PROPAGATORS: unknown propagator "b3mutli"; skipped. ' +
    `Did you mean "b3multi"? ${KNOWN} Register others with registerPropagator(name, factory) before resolving.`;

  test.each([undefined, 'warn', 'info', 'debug'])('OTEL_LOG_LEVEL=%s', (level) => {
    const r = runNode(['-e', README_SETUP], {
      ...SDK_QUIET,
      OTEL_PROPAGATORS: 'tracecontext,b3mutli',
      ...(level === undefined ? {} : { OTEL_LOG_LEVEL: level }),
    });
    // (at info the SDK prints its own lines on stdout)
    expect(lines(r.stdout)).toContain('started');
    expect(lines(r.stderr).filter((l) => l.includes('b3mutli'))).toEqual([typo]);
  });

  test.each(['none', 'error'])('OTEL_LOG_LEVEL=%s silences it', (level) => {
    const r = runNode(['-e', README_SETUP], {
      ...SDK_QUIET,
      OTEL_PROPAGATORS: 'tracecontext,b3mutli',
      OTEL_LOG_LEVEL: level,
    });
    expect(r.stdout).toBe('started\n');
    expect(r.stderr).toBe('');
  });

  test('an unknown custom name (tennant-id) is printed, with the registered name it resembles', () => {
    const script = `
      const { registerPropagator, propagatorFromEnv } = require('@baton/propagator-env');
      registerPropagator('tenant-id', () => ({ inject() {}, extract: (c) => c, fields: () => [] }));
      propagatorFromEnv();
    `;
    const r = runNode(['-e', script], { OTEL_PROPAGATORS: 'tracecontext,tennant-id' });
    expect(lines(r.stderr)).toEqual([
      expect.stringContaining(
        'unknown propagator "tennant-id"; skipped. Did you mean "tenant-id"?',
      ),
    ]);
  });

  test('the same mistake resolved twice is printed once', () => {
    const script = `
      const { propagatorFromEnv } = require('@baton/propagator-env');
      propagatorFromEnv(); propagatorFromEnv();
    `;
    const r = runNode(['-e', script], { OTEL_PROPAGATORS: 'b3,zipkin' });
    expect(lines(r.stderr)).toHaveLength(1);
  });

  test('"tracecontext;b3" suggests the comma', () => {
    const r = runNode(['-e', "require('@baton/propagator-env').propagatorFromEnv()"], {
      OTEL_PROPAGATORS: 'tracecontext;b3',
    });
    expect(lines(r.stderr)).toEqual([
      expect.stringContaining(
        'unknown propagator "tracecontext;b3"; skipped. OTEL_PROPAGATORS separates names with commas: write "tracecontext,b3".',
      ),
      // every name unusable → the default, and that is said too (REQUIREMENTS §8)
      expect.stringContaining('falling back to the default tracecontext,baggage'),
    ]);
  });

  test('"none" with other names is printed', () => {
    const r = runNode(['-e', "require('@baton/propagator-env').propagatorFromEnv()"], {
      OTEL_PROPAGATORS: 'b3,none',
    });
    expect(lines(r.stderr)).toEqual([
      expect.stringContaining('lists "none" with other names (b3,none): "none" wins'),
    ]);
  });
});

describe('with a diag logger installed, warnings go through diag (and not a second time on stderr)', () => {
  afterEach(() => diag.disable());

  test('unknown name → diag.warn', () => {
    const seen: string[] = [];
    const logger = { warn: (m: string) => void seen.push(m) } as unknown as DiagLogger;
    for (const level of ['error', 'info', 'debug', 'verbose'] as const) logger[level] = () => {};
    diag.setLogger(logger, DiagLogLevel.WARN);
    const write = jest.spyOn(process.stderr, 'write');
    try {
      propagatorFromEnv({ OTEL_PROPAGATORS: 'b3,through-diag' });
      expect(seen).toEqual([expect.stringContaining('unknown propagator "through-diag"')]);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

describe('misuse caught at registration throws, saying what to write', () => {
  class MyPropagator implements TextMapPropagator {
    inject(): void {}
    extract<T>(c: T): T {
      return c;
    }
    fields(): string[] {
      return [];
    }
  }

  test('a class instead of a factory', () => {
    expect(() => registerPropagator('as-class', MyPropagator as never)).toThrow(
      "registerPropagator('as-class'): got the class MyPropagator, not a factory; pass a function " +
        "that returns an instance: registerPropagator('as-class', () => new MyPropagator()).",
    );
  });

  test('an old-style constructor function', () => {
    function Legacy(this: unknown) {}
    Legacy.prototype.inject = () => {};
    Legacy.prototype.extract = (c: unknown) => c;
    expect(() => registerPropagator('as-ctor', Legacy as never)).toThrow(/got the class Legacy/);
  });

  test('an instance instead of a factory', () => {
    expect(() => registerPropagator('as-instance', new MyPropagator() as never)).toThrow(
      /got object \(a propagator instance\); write registerPropagator\('as-instance', \(\) => propagator\)/,
    );
  });

  test('a plain function and an arrow are factories (not rejected as classes)', () => {
    expect(() =>
      registerPropagator('plain-fn', function () {
        return new MyPropagator();
      }),
    ).not.toThrow();
    expect(() => registerPropagator('arrow-fn', () => new MyPropagator())).not.toThrow();
  });

  test('a factory returning {} is reported at its first resolution, with what to write', () => {
    registerPropagator('returns-empty', () => ({}) as never);
    const warnings: string[] = [];
    resolvePropagators('returns-empty,b3', { logger: { warn: (m) => void warnings.push(m) } });
    expect(warnings).toEqual([
      '@baton/propagator-env: resolvePropagators: the factory for "returns-empty" did not return a ' +
        'TextMapPropagator (an object with inject, extract and fields) but an object; "returns-empty" ' +
        "skipped. The factory must return an instance: registerPropagator('returns-empty', () => new MyPropagator()).",
    ]);
  });
});

describe('wrong argument types from JavaScript throw', () => {
  test.each<[unknown, RegExp]>([
    ['b3', /got the string "b3"\. To resolve names from code, call resolvePropagators\("b3"\)/],
    [['b3'], /got an array\. To resolve names from code, call resolvePropagators\(\["b3"\]\)/],
    [null, /got null/],
    [42, /got 42/],
  ])('propagatorFromEnv(%j)', (arg, message) => {
    expect(() => propagatorFromEnv(arg as never)).toThrow(TypeError);
    expect(() => propagatorFromEnv(arg as never)).toThrow(message);
  });

  test.each<[unknown, RegExp]>([
    [42, /the names must be a string or an array of strings, got 42/],
    [undefined, /got undefined/],
    [['b3', 3], /names\[1\] is 3; every name must be a string/],
    [{ names: 'b3' }, /got an object/],
  ])('resolvePropagators(%j)', (arg, message) => {
    expect(() => resolvePropagators(arg as never)).toThrow(message);
  });
});
