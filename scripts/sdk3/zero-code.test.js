/* global describe, test, expect */
/**
 * The zero-code setup on SDK 3 (sdk-node 0.301, auto-instrumentations-node 0.82, Node 22), run by
 * scripts/sdk3/run.sh in its scratch project against the packed Baton tarballs. The same scenarios as
 * packages/propagator-env/test/zero-code.test.ts (SDK 2); auto-instrumentations-node 0.82 has a
 * separate ES module build of its register entry, so `--import` exercises the ESM hand-off.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const fixtures = join(__dirname, 'fixtures');
const BATON = '@baton/propagator-env/register';
const SDK = '@opentelemetry/auto-instrumentations-node/register';
const NAMES = 'tracecontext,b3multi,jaeger,platform-id,x-custom';
const ENV = {
  OTEL_TRACES_EXPORTER: 'console',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
  OTEL_NODE_RESOURCE_DETECTORS: 'env',
  OTEL_PROPAGATORS: NAMES,
  OTEL_LOG_LEVEL: 'warn',
  CUSTOM_VALUE: 'hello',
};

function run(args) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OTEL_') && k !== 'NODE_OPTIONS') env[k] = v;
  }
  const r = spawnSync(process.execPath, args, {
    cwd: join(__dirname, '..'),
    env: { ...env, ...ENV },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`no RESULT line; stderr:\n${r.stderr}`);
  return { out: JSON.parse(line.slice(7)), stderr: r.stderr.split('\n').filter((l) => l !== '') };
}

describe.each([
  ['--require', 'register-custom.cjs', 'http-app.cjs', 'Custom'],
  ['--import', 'register-custom.mjs', 'http-app.mjs', 'Custom-esm'],
])('SDK 3, %s', (flag, custom, app, customName) => {
  const description = `Composite[W3CTraceContext, B3(multi), Jaeger, PlatformId, ${customName}]`;
  const preload = (...specs) => specs.flatMap((s) => [flag, s]);

  function expectEveryFormat(out) {
    expect(out.global).toBe(description);
    const h = out.received;
    const traceId = h.traceparent.split('-')[1];
    expect(h['x-b3-traceid']).toBe(traceId);
    expect(h['uber-trace-id'].split(':')[0]).toBe(traceId); // jaeger: not in SDK 3, Baton's
    expect(h['platform-id']).toBe('tenant-7');
    expect(h['x-custom']).toBe('hello');
  }

  test('Baton first: every name resolved by Baton, nothing printed at warn', () => {
    const r = run([...preload(join(fixtures, custom), BATON, SDK), join(fixtures, app)]);
    expectEveryFormat(r.out);
    expect(r.stderr).toEqual([]);
  });

  test('SDK first: replaced, and one line says the SDK warnings no longer apply', () => {
    const r = run([...preload(join(fixtures, custom), SDK, BATON), join(fixtures, app)]);
    expectEveryFormat(r.out);
    expect(r.stderr).toEqual([
      'Propagator "jaeger" requested through environment variable is unavailable.',
      'Propagator "platform-id" requested through environment variable is unavailable.',
      'Propagator "x-custom" requested through environment variable is unavailable.',
      `@baton/propagator-env: ${description} (from OTEL_PROPAGATORS="${NAMES}") is the global ` +
        'propagator; earlier warnings of @opentelemetry/sdk-node about "platform-id", "x-custom", ' +
        '"jaeger" came from its own resolver and no longer apply. Preload @baton/propagator-env/register first to avoid them.',
    ]);
  });
});
