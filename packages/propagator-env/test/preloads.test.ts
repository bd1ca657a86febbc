/**
 * The pieces the register entry decides with: the preload order Node uses, npm's own process, and
 * recognising the propagator `@opentelemetry/sdk-node` built from OTEL_PROPAGATORS (built here with
 * the real core / propagator-b3 / propagator-jaeger classes, as the SDK's resolver builds them).
 */
import {
  CompositePropagator as CoreComposite,
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator as OfficialB3 } from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import { propagatorFromEnv } from '@baton/propagator-env';
import { isSdkEnvPropagator, namesTheSdkLacks } from '../src/global-propagator';
import { laterSdkPreload, preloadOrder, splitNodeOptions } from '../src/preloads';
import { isPackageManagerProcess } from '../src/tool';

const BATON = '@baton/propagator-env/register';
const SDK = '@opentelemetry/auto-instrumentations-node/register';

describe('NODE_OPTIONS is split as Node splits it', () => {
  test.each<[string, string[]]>([
    ['--require a  --require b', ['--require', 'a', '--require', 'b']],
    ['--require "/path with space/x.js"', ['--require', '/path with space/x.js']],
    ["--import '/q/x.mjs'", ['--import', '/q/x.mjs']],
    ['', []],
  ])('%j', (value, expected) => {
    expect(splitNodeOptions(value)).toEqual(expected);
  });
});

describe('preload order: every --require, then every --import; NODE_OPTIONS before the command line', () => {
  test('the order Node runs them in', () => {
    const order = preloadOrder(
      ['--import', './d.mjs', '-r', './b.cjs'],
      '--import ./c.mjs --require ./a.cjs',
    );
    expect(order.map((p) => p.specifier)).toEqual(['./a.cjs', './b.cjs', './c.mjs', './d.mjs']);
    expect(order.map((p) => p.fromNodeOptions)).toEqual([true, false, true, false]);
  });

  test.each<[string, string[], string | undefined, string | undefined]>([
    ['Baton first (--require)', ['-r', BATON, '-r', SDK], undefined, SDK],
    ['SDK first (--require)', ['-r', SDK, '-r', BATON], undefined, undefined],
    ['Baton first (--import=)', [`--import=${BATON}`, `--import=${SDK}`], undefined, SDK],
    [
      'Baton --import, SDK --require: the SDK runs first',
      ['--import', BATON, '--require', SDK],
      undefined,
      undefined,
    ],
    ['Baton in NODE_OPTIONS, SDK on the command line', ['-r', SDK], `--require ${BATON}`, SDK],
    [
      'by path into node_modules',
      [
        '-r',
        '/app/node_modules/@baton/propagator-env/dist/cjs/register.js',
        '-r',
        '/app/node_modules/@opentelemetry/auto-instrumentations-node/build/src/register.js',
      ],
      undefined,
      '/app/node_modules/@opentelemetry/auto-instrumentations-node/build/src/register.js',
    ],
    ['no SDK preload', ['-r', BATON], undefined, undefined],
    ['Baton not preloaded', ['-r', SDK], undefined, undefined],
  ])('%s', (_case, execArgv, nodeOptions, expected) => {
    expect(laterSdkPreload(preloadOrder(execArgv, nodeOptions))?.specifier).toBe(expected);
  });
});

test.each<[string | undefined, boolean]>([
  ['/usr/lib/node_modules/npm/bin/npm-cli.js', true],
  ['/usr/local/bin/npx', true],
  ['/home/u/.cache/node/corepack/pnpm/9.0.0/bin/pnpm.cjs', true],
  ['/usr/lib/node_modules/yarn/bin/yarn.js', true],
  ['/srv/app/server.js', false],
  ['/srv/app/node_modules/.bin/ts-node', false],
  [undefined, false],
])('package manager process: %s → %s', (script, expected) => {
  expect(isPackageManagerProcess(script)).toBe(expected);
});

describe("recognising the SDK's own environment propagator", () => {
  const multi = () => new OfficialB3({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
  test.each<[string, string | undefined, () => unknown, boolean]>([
    [
      'unset → core composite of the W3C pair',
      undefined,
      () => new CoreComposite({ propagators: [new CoreTraceContext(), new CoreBaggage()] }),
      true,
    ],
    [
      'SDK 2 with jaeger and a name it lacks',
      'tracecontext,jaeger,platform-id',
      () => new CoreComposite({ propagators: [new CoreTraceContext(), new OfficialJaeger()] }),
      true,
    ],
    [
      'SDK 3 (no jaeger) for the same list',
      'tracecontext,jaeger,platform-id',
      () => new CoreTraceContext(),
      true,
    ],
    ['one name → the bare class', 'b3multi', multi, true],
    [
      'different headers: chosen by the user',
      'tracecontext,baggage',
      () => new CoreTraceContext(),
      false,
    ],
    [
      "Baton's resolution (describes itself)",
      'tracecontext',
      () => propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext' }, { diagnostics: false }),
      false,
    ],
    [
      'a plain object with the right headers',
      'tracecontext',
      () => ({
        inject() {},
        extract: (c: unknown) => c,
        fields: () => ['traceparent', 'tracestate'],
      }),
      false,
    ],
  ])('%s', (_case, value, make, expected) => {
    expect(isSdkEnvPropagator(make() as never, value)).toBe(expected);
  });

  test('names the SDK lacks (it warned about each)', () => {
    expect(namesTheSdkLacks('tracecontext, platform-id ,B3,x-custom')).toEqual([
      'platform-id',
      'B3',
      'x-custom',
    ]);
    expect(namesTheSdkLacks('none,platform-id')).toEqual([]);
  });
});
