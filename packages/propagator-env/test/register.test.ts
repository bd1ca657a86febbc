/**
 * The `@baton/propagator-env/register` entry, preloaded into a real child `node` process with
 * `--require` (CommonJS) and `--import` (ESM), resolving the BUILT package through node_modules.
 *
 * REQUIREMENTS §8: "Usable … by preloading `--require @baton/propagator-env/register` (sets the global
 * propagator)". The child injects a fixed span context through the global API and prints the carrier.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repo = join(__dirname, '../../..');
const fixtures = join(__dirname, 'fixtures');
const ENTRY = '@baton/propagator-env/register';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

/** Injects a sampled span context via the global propagator and prints the carrier as JSON. */
const CJS_APP = `
const { propagation, trace, ROOT_CONTEXT } = require('@opentelemetry/api');
const carrier = {};
propagation.inject(trace.setSpanContext(ROOT_CONTEXT, { traceId: '${TRACE_ID}', spanId: '${SPAN_ID}', traceFlags: 1 }), carrier);
console.log(JSON.stringify(carrier));
`;
const ESM_APP = `
import { propagation, trace, ROOT_CONTEXT } from '@opentelemetry/api';
const carrier = {};
propagation.inject(trace.setSpanContext(ROOT_CONTEXT, { traceId: '${TRACE_ID}', spanId: '${SPAN_ID}', traceFlags: 1 }), carrier);
console.log(JSON.stringify(carrier));
`;

beforeAll(() => {
  // The child resolves the package through node_modules, i.e. its dist/: build it (incremental).
  execFileSync(
    process.execPath,
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-b',
      'packages/propagator-env/tsconfig.build.json',
    ],
    { cwd: repo, stdio: 'pipe' },
  );
  execFileSync(process.execPath, ['scripts/esm-wrappers.mjs'], { cwd: repo, stdio: 'pipe' });
}, 180_000);

interface Run {
  carrier: Record<string, string>;
  stderr: string;
}

function run(preloads: string[], env: Record<string, string>, esm = false): Run {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OTEL_') && v !== undefined) base[k] = v;
  }
  const args = [
    ...preloads.flatMap((p) => [esm ? '--import' : '--require', p]),
    ...(esm ? ['--input-type=module'] : []),
    '-e',
    esm ? ESM_APP : CJS_APP,
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: repo,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr}`);
  return { carrier: JSON.parse(r.stdout), stderr: r.stderr };
}

// Expected headers, from the format specs (see sdk.test.ts for the quotes).
const TRACEPARENT = { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` };
const B3_SINGLE = { b3: `${TRACE_ID}-${SPAN_ID}-1` };
const B3_MULTI = { 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': SPAN_ID, 'x-b3-sampled': '1' };
const JAEGER = { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:01` };

describe.each([
  ['--require (CommonJS)', false],
  ['--import (ESM)', true],
])('preloaded with %s', (_how, esm) => {
  test('OTEL_PROPAGATORS unset → the default tracecontext,baggage is the global propagator; silent', () => {
    const r = run([ENTRY], {}, esm);
    expect(r.carrier).toEqual(TRACEPARENT);
    expect(r.stderr).toBe('');
  });

  test('a mixed list is installed, and OTEL_LOG_LEVEL=info prints one line naming it', () => {
    const r = run([ENTRY], { OTEL_PROPAGATORS: 'B3multi, jaeger', OTEL_LOG_LEVEL: 'info' }, esm);
    expect(r.carrier).toEqual({ ...B3_MULTI, ...JAEGER });
    expect(r.stderr).toBe(
      '@baton/propagator-env: registered global propagator Composite[B3(multi), Jaeger] ' +
        '(from OTEL_PROPAGATORS="B3multi, jaeger")\n',
    );
  });

  test.each(['debug', 'VERBOSE', 'all'])('OTEL_LOG_LEVEL=%s prints the line too', (level) => {
    const r = run([ENTRY], { OTEL_PROPAGATORS: 'b3', OTEL_LOG_LEVEL: level }, esm);
    expect(r.carrier).toEqual(B3_SINGLE);
    expect(r.stderr).toContain(
      'registered global propagator B3(single) (from OTEL_PROPAGATORS="b3")',
    );
  });

  test('an unknown name is warned on stderr (no diag logger exists yet at preload time)', () => {
    const r = run([ENTRY], { OTEL_PROPAGATORS: 'tracecontext,zipkin' }, esm);
    expect(r.carrier).toEqual(TRACEPARENT);
    expect(r.stderr).toContain('OTEL_PROPAGATORS: unknown propagator "zipkin"; skipped.');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('OTEL_LOG_LEVEL=error silences the warning', () => {
    const r = run(
      [ENTRY],
      { OTEL_PROPAGATORS: 'tracecontext,zipkin', OTEL_LOG_LEVEL: 'error' },
      esm,
    );
    expect(r.carrier).toEqual(TRACEPARENT);
    expect(r.stderr).toBe('');
  });

  test('none → nothing injected', () => {
    const r = run([ENTRY], { OTEL_PROPAGATORS: 'none', OTEL_LOG_LEVEL: 'info' }, esm);
    expect(r.carrier).toEqual({});
    expect(r.stderr).toContain('registered global propagator Noop');
  });

  test('a custom name, registered by a module preloaded first, resolves from the environment', () => {
    const fixture = join(fixtures, esm ? 'register-custom.mjs' : 'register-custom.cjs');
    const r = run(
      [fixture, ENTRY],
      { OTEL_PROPAGATORS: 'x-custom,b3', CUSTOM_VALUE: 'hello', OTEL_LOG_LEVEL: 'info' },
      esm,
    );
    expect(r.carrier).toEqual({ 'x-custom': 'hello', ...B3_SINGLE });
    expect(r.stderr).toContain(
      `registered global propagator Composite[${esm ? 'Custom-esm' : 'Custom'}, B3(single)]`,
    );
  });
});

test('a global propagator registered before the entry is kept, and the entry says so', () => {
  const r = run([join(fixtures, 'set-global-first.cjs'), ENTRY], { OTEL_PROPAGATORS: 'b3' });
  expect(r.carrier).toEqual({});
  expect(r.stderr).toContain(
    'a global propagator was already registered; B3(single) (from OTEL_PROPAGATORS="b3") was not installed',
  );
});

test('the entry exports what it resolved and whether it was installed', () => {
  const script = `
    const r = require('${ENTRY}');
    const { describePropagator } = require('@baton/propagator-env');
    console.log(JSON.stringify({ d: describePropagator(r.propagator), registered: r.registered }));
  `;
  const out = spawnSync(process.execPath, ['-e', script], {
    cwd: repo,
    env: { ...process.env, OTEL_PROPAGATORS: 'jaeger,tracecontext', OTEL_LOG_LEVEL: 'none' },
    encoding: 'utf8',
  });
  expect(JSON.parse(out.stdout)).toEqual({
    d: 'Composite[Jaeger, W3CTraceContext]',
    registered: true,
  });
});
