/**
 * The zero-code setup with the real `@opentelemetry/auto-instrumentations-node/register` (SDK 2 here;
 * SDK 3 in `npm run test:sdk3`), in both load orders, as `--require`, `--import` and NODE_OPTIONS.
 * Each child runs fixtures/http-app: a real node:http server on 127.0.0.1 and a request to it that
 * the SDK's http instrumentation injects into.
 *
 * Issue 14: "the global propagator ends up as what OTEL_PROPAGATORS says, resolved by Baton, custom
 * names included; at OTEL_LOG_LEVEL=warn nothing misleading is printed; a global propagator that the
 * user's own code registered on purpose is never silently replaced."
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildPackages, childEnv, fixtures, lines, repo, runNode } from './child';

beforeAll(buildPackages, 180_000);

const BATON = '@baton/propagator-env/register';
const SDK = '@opentelemetry/auto-instrumentations-node/register';
const NAMES = 'tracecontext,b3multi,jaeger,platform-id,x-custom';

/** No network: spans to stdout (console exporter), no metrics or logs export, env resource only. */
const ENV = {
  OTEL_TRACES_EXPORTER: 'console',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
  OTEL_NODE_RESOURCE_DETECTORS: 'env',
  OTEL_PROPAGATORS: NAMES,
  OTEL_LOG_LEVEL: 'warn',
  CUSTOM_VALUE: 'hello',
};

interface AppResult {
  global: string;
  received: Record<string, string>;
}

function result(stdout: string): AppResult {
  const line = lines(stdout).find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`no RESULT line in:\n${stdout}`);
  return JSON.parse(line.slice(7));
}

/** What the server received carries every listed format, one trace id, the platform and custom ids. */
function expectEveryFormat(r: AppResult): void {
  const h = r.received;
  const traceId = h.traceparent.split('-')[1];
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(h['x-b3-traceid']).toBe(traceId);
  expect(h['uber-trace-id'].split(':')[0]).toBe(traceId);
  expect(h['platform-id']).toBe('tenant-7');
  expect(h['x-custom']).toBe('hello');
}

const SDK_OWN_WARNINGS = [
  'The Jaeger propagator is deprecated and will be removed in a future release. Use the W3C TraceContext propagator ("tracecontext") instead.',
  'Propagator "platform-id" requested through environment variable is unavailable.',
  'Propagator "x-custom" requested through environment variable is unavailable.',
];
const EXPLANATION = (description: string) =>
  `@baton/propagator-env: ${description} (from OTEL_PROPAGATORS="${NAMES}") is the global propagator; ` +
  'earlier warnings of @opentelemetry/sdk-node about "platform-id", "x-custom", "jaeger" came from its ' +
  'own resolver and no longer apply. Preload @baton/propagator-env/register first to avoid them.';

describe.each([
  ['--require', 'register-custom.cjs', 'http-app.cjs', 'Custom'],
  ['--import', 'register-custom.mjs', 'http-app.mjs', 'Custom-esm'],
])('%s', (flag, custom, app, customName) => {
  const description = `Composite[W3CTraceContext, B3(multi), Jaeger, PlatformId, ${customName}]`;
  const preload = (...specs: string[]) => specs.flatMap((s) => [flag, s]);

  test('Baton first: Baton resolves every name, and nothing is printed at warn', () => {
    const r = runNode([...preload(join(fixtures, custom), BATON, SDK), join(fixtures, app)], ENV);
    expect(r.status).toBe(0);
    const out = result(r.stdout);
    expect(out.global).toBe(description);
    expectEveryFormat(out);
    expect(r.stderr).toBe('');
  });

  test('SDK first: Baton replaces the SDK-built propagator and says the SDK warnings no longer apply', () => {
    const r = runNode([...preload(join(fixtures, custom), SDK, BATON), join(fixtures, app)], ENV);
    expect(r.status).toBe(0);
    const out = result(r.stdout);
    expect(out.global).toBe(description);
    expectEveryFormat(out);
    // The SDK's own lines come first (Baton cannot run before a preload listed before it); then
    // one line of Baton's that says they no longer apply. No duplicate-registration error.
    expect(lines(r.stderr)).toEqual([...SDK_OWN_WARNINGS, EXPLANATION(description)]);
  });

  test('SDK first, names the SDK knows: nothing to explain, nothing printed', () => {
    const env = { ...ENV, OTEL_PROPAGATORS: 'tracecontext,b3multi' };
    const r = runNode([...preload(SDK, BATON), join(fixtures, app)], env);
    const out = result(r.stdout);
    expect(out.global).toBe('Composite[W3CTraceContext, B3(multi)]');
    expect(r.stderr).toBe('');
  });

  test.each([
    ['Baton first', [BATON, SDK]],
    ['SDK first', [SDK, BATON]],
  ])('%s, OTEL_LOG_LEVEL=info: one line says what is installed', (_order, specs) => {
    const env = { ...ENV, OTEL_PROPAGATORS: 'tracecontext,b3multi', OTEL_LOG_LEVEL: 'info' };
    const r = runNode([...preload(...specs), join(fixtures, app)], env);
    const replacing = specs[0] === SDK ? ', replacing the one the SDK built' : '';
    expect(lines(r.stderr).filter((l) => l.includes('@baton'))).toEqual([
      '@baton/propagator-env: registered global propagator Composite[W3CTraceContext, B3(multi)] ' +
        `(from OTEL_PROPAGATORS="tracecontext,b3multi"${replacing})`,
    ]);
  });
});

test('Baton --require, SDK --import: auto-instrumentations-node 0.81 has one CommonJS file for both, started once', () => {
  const env = {
    ...ENV,
    OTEL_PROPAGATORS: 'tracecontext,jaeger,platform-id',
    OTEL_LOG_LEVEL: 'info',
  };
  const r = runNode(['--require', BATON, '--import', SDK, join(fixtures, 'http-app.cjs')], env);
  expect(result(r.stdout).global).toBe('Composite[W3CTraceContext, Jaeger, PlatformId]');
  // The SDK's own info line, once: its preload did not run a second time.
  const started = lines(r.stdout + r.stderr).filter((l) => l.includes('instrumentation started'));
  expect(started).toHaveLength(1);
  expect(lines(r.stderr).filter((l) => /unavailable|deprecated|duplicate/.test(l))).toEqual([]);
});

describe("a propagator the user's code registered on purpose is kept, and Baton says so", () => {
  test.each([
    ['Baton first', [BATON, SDK]],
    ['SDK first', [SDK, BATON]],
  ])('%s', (_order, specs) => {
    const args = [join(fixtures, 'set-global-first.cjs'), ...specs].flatMap((s) => [
      '--require',
      s,
    ]);
    const r = runNode([...args, join(fixtures, 'http-app.cjs')], ENV);
    const out = result(r.stdout);
    expect(out.global).toBe('TextMapPropagator'); // the fixture's, which injects nothing
    expect(out.received.traceparent).toBeUndefined();
    expect(lines(r.stderr)).toContain(
      '@baton/propagator-env: a global propagator was already registered; ' +
        `Composite[W3CTraceContext, B3(multi), Jaeger, PlatformId] (from OTEL_PROPAGATORS="${NAMES}") ` +
        'was not installed. Preload @baton/propagator-env/register before other OpenTelemetry setup.',
    );
  });
});

describe('NODE_OPTIONS', () => {
  test.each([
    ['Baton first', `--require ${BATON} --require ${SDK}`],
    ['SDK first', `--require ${SDK} --require ${BATON}`],
  ])('%s', (order, nodeOptions) => {
    const env = {
      ...ENV,
      OTEL_PROPAGATORS: 'tracecontext,jaeger,platform-id',
      NODE_OPTIONS: nodeOptions,
    };
    const r = runNode([join(fixtures, 'http-app.cjs')], env);
    expect(result(r.stdout).global).toBe('Composite[W3CTraceContext, Jaeger, PlatformId]');
    expect(lines(r.stderr).some((l) => /duplicate registration/.test(l))).toBe(false);
    if (order === 'Baton first') expect(r.stderr).toBe('');
  });
});

describe('inside npm, through NODE_OPTIONS: silent, and npm still works', () => {
  // A scratch project inside the repository, so the app resolves the packages through node_modules.
  const project = join(repo, '.tmp/zero-code-npm');
  // The absolute path `require.resolve('@baton/propagator-env/register')` gives a user (Jest's own
  // require.resolve would map the name to the sources).
  const entry = join(repo, 'node_modules/@baton/propagator-env/dist/cjs/register.js');

  beforeAll(() => {
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'zc', private: true, scripts: { start: 'node app.js' } }),
    );
    writeFileSync(join(project, 'app.js'), "console.log('app ran');\n");
  });

  function npm(args: string[], env: Record<string, string>, cwd: string) {
    return spawnSync('npm', args, { cwd, env: childEnv(env), encoding: 'utf8', timeout: 120_000 });
  }

  test('`npm start`: the registered line is printed once (by the app, not by npm)', () => {
    const r = npm(
      ['start', '--silent'],
      { OTEL_LOG_LEVEL: 'info', OTEL_PROPAGATORS: 'b3', NODE_OPTIONS: `--require ${entry}` },
      project,
    );
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toContain('app ran');
    expect(lines(r.stderr)).toEqual([
      '@baton/propagator-env: registered global propagator B3(single) (from OTEL_PROPAGATORS="b3")',
    ]);
  });

  test('npm with a typo in OTEL_PROPAGATORS, from a folder outside the project: npm prints nothing of Baton', () => {
    const r = npm(
      ['--version'],
      { OTEL_PROPAGATORS: 'b3mutli', NODE_OPTIONS: `--require ${entry}` },
      '/',
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stderr).toBe('');
  });
});
