/**
 * The diagnostics as a user meets them: two real services (child processes with the zero-code setup:
 * Baton's preload and the real auto-instrumentations-node register), real node:http on 127.0.0.1.
 *
 * Issue 14: "a misconfigured two-service setup prints the mismatch hint"; "Conflicts and these reports
 * reach stderr in the preload setup too. `onConflict`, and an equivalent hook for these reports, can
 * be set from the preload".
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { buildPackages, childEnv, fixtures, lines, repo, runNode } from './child';

beforeAll(buildPackages, 180_000);

const PRELOADS = [
  '--require',
  '@baton/propagator-env/register',
  '--require',
  '@opentelemetry/auto-instrumentations-node/register',
];
const QUIET_SDK = {
  OTEL_TRACES_EXPORTER: 'console',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
  OTEL_NODE_RESOURCE_DETECTORS: 'env',
};
const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * Starts fixtures/serve.cjs under the zero-code setup with `env`, runs `caller` against it, and
 * returns the server's stdout and stderr once it has exited.
 */
async function serveOnce(
  env: Record<string, string>,
  caller: (url: string) => void,
): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...PRELOADS, join(fixtures, 'serve.cjs')], {
    cwd: repo,
    env: childEnv({ ...QUIET_SDK, ...env }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill(), 30_000);
  try {
    while (!/PORT \d+/.test(stdout)) {
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    }
    caller(`http://127.0.0.1:${/PORT (\d+)/.exec(stdout)![1]}/`);
    if (child.exitCode === null) await once(child, 'exit');
  } finally {
    clearTimeout(timer);
  }
  return { stdout, stderr };
}

/** The caller service: the zero-code setup with its own OTEL_PROPAGATORS. */
function callWithSdk(propagators: string) {
  return (url: string) => {
    const r = runNode([...PRELOADS, join(fixtures, 'call.cjs')], {
      ...QUIET_SDK,
      OTEL_PROPAGATORS: propagators,
      TARGET: url,
    });
    expect(lines(r.stdout)).toContain('STATUS 200');
  };
}

/** A caller without any SDK: sends exactly `headers` (a proxy, a sidecar, an old client). */
function callWithHeaders(headers: Record<string, string>) {
  return (url: string) => {
    const r = runNode([join(fixtures, 'call.cjs')], {
      TARGET: url,
      HEADERS: JSON.stringify(headers),
    });
    expect(lines(r.stdout)).toContain('STATUS 200');
  };
}

const MISMATCH =
  '@baton/propagator-env: a request carried x-b3-traceid (B3 multi), which no configured propagator ' +
  'reads (OTEL_PROPAGATORS=tracecontext,baggage → Composite[W3CTraceContext, W3CBaggage]); its trace ' +
  'was not continued. Fix: add b3multi to OTEL_PROPAGATORS.';

describe('caller b3multi → callee tracecontext,baggage: the callee prints the mismatch hint', () => {
  test.each([
    ['OTEL_LOG_LEVEL unset (no diag logger: stderr)', {}],
    ['OTEL_LOG_LEVEL=warn (the SDK’s diag logger)', { OTEL_LOG_LEVEL: 'warn' }],
  ])(
    '%s',
    async (_case, level) => {
      const server = await serveOnce(
        { OTEL_PROPAGATORS: 'tracecontext,baggage', ...level },
        callWithSdk('b3multi'),
      );
      expect(lines(server.stderr)).toEqual([MISMATCH]);
    },
    60_000,
  );

  test('OTEL_LOG_LEVEL=none silences it', async () => {
    const server = await serveOnce(
      { OTEL_PROPAGATORS: 'tracecontext,baggage', OTEL_LOG_LEVEL: 'none' },
      callWithSdk('b3multi'),
    );
    expect(server.stderr).toBe('');
  }, 60_000);

  test('configured alike, nothing is printed', async () => {
    const server = await serveOnce(
      { OTEL_PROPAGATORS: 'tracecontext,b3multi' },
      callWithSdk('b3multi'),
    );
    expect(server.stderr).toBe('');
  }, 60_000);
});

test('a rejected header at a jaeger service is printed with the value', async () => {
  const value = `${TRACE_A.toUpperCase()}:B7AD6B7169203331:0:1`;
  const server = await serveOnce(
    { OTEL_PROPAGATORS: 'jaeger' },
    callWithHeaders({ 'uber-trace-id': value }),
  );
  expect(lines(server.stderr)).toEqual([
    `@baton/propagator-env: Jaeger rejected uber-trace-id "${value}": trace-id has uppercase 'A' ` +
      'at position 1 (uber-trace-id/trace-id-uppercase) (Jaeger Propagation Format §Trace/Span ' +
      'Identity); its trace was not continued.',
  ]);
}, 60_000);

test('a conflict reaches stderr in the preload setup (no diag logger)', async () => {
  const server = await serveOnce(
    { OTEL_PROPAGATORS: 'tracecontext,b3multi' },
    callWithHeaders({
      traceparent: `00-${TRACE_A}-b7ad6b7169203331-01`,
      'x-b3-traceid': TRACE_B,
      'x-b3-spanid': '00f067aa0ba902b7',
      'x-b3-sampled': '1',
    }),
  );
  expect(lines(server.stderr)).toEqual([
    `@baton/propagator-env: one request carried different traces (W3CTraceContext trace ${TRACE_A}, ` +
      `B3(multi) trace ${TRACE_B}); continuing ${TRACE_B} from B3(multi) (precedence 'last'). A proxy ` +
      'or an old client rewrote one header family; the other trace breaks here.',
  ]);
}, 60_000);

describe('BATON_PROPAGATORS_CONFIG: hooks and precedence for the preload', () => {
  test('onConflict, precedence and onReport from the module take effect', async () => {
    const config = join(fixtures, 'baton.config.cjs');
    const conflict = await serveOnce(
      {
        OTEL_PROPAGATORS: 'tracecontext,b3multi',
        BATON_PROPAGATORS_CONFIG: config,
        EXIT_AFTER: '1',
      },
      callWithHeaders({
        traceparent: `00-${TRACE_A}-b7ad6b7169203331-01`,
        'x-b3-traceid': TRACE_B,
        'x-b3-spanid': '00f067aa0ba902b7',
      }),
    );
    const info = JSON.parse(
      lines(conflict.stdout)
        .find((l) => l.startsWith('CONFLICT '))!
        .slice(9),
    );
    expect(info.precedence).toBe('first');
    expect(info.chosen).toEqual({
      propagator: 'W3CTraceContext',
      traceId: TRACE_A,
      spanId: 'b7ad6b7169203331',
    });

    const report = await serveOnce(
      { OTEL_PROPAGATORS: 'tracecontext', BATON_PROPAGATORS_CONFIG: config },
      callWithHeaders({ 'uber-trace-id': `${TRACE_A}:b7ad6b7169203331:0:1` }),
    );
    const r = JSON.parse(
      lines(report.stdout)
        .find((l) => l.startsWith('REPORT '))!
        .slice(7),
    );
    expect(r).toMatchObject({ kind: 'unread-format', header: 'uber-trace-id', name: 'jaeger' });
  }, 60_000);

  test('a module with a misspelt key is reported, and the service starts without it', () => {
    const r = runNode(['--require', '@baton/propagator-env/register', '-e', "console.log('up')"], {
      BATON_PROPAGATORS_CONFIG: join(fixtures, 'bad.config.cjs'),
    });
    expect(r.stdout).toBe('up\n');
    expect(lines(r.stderr)).toEqual([
      `@baton/propagator-env: BATON_PROPAGATORS_CONFIG: ${join(fixtures, 'bad.config.cjs')} exports "onConflict", ` +
        'which the preload does not use; it was ignored. The options are composite, diagnostics (e.g. { composite: { onConflict } }).',
    ]);
  });

  test('a module that does not exist is reported', () => {
    const r = runNode(['--require', '@baton/propagator-env/register', '-e', "console.log('up')"], {
      BATON_PROPAGATORS_CONFIG: './no-such-config.cjs',
    });
    expect(r.stdout).toBe('up\n');
    expect(lines(r.stderr)).toEqual([
      expect.stringContaining(
        '@baton/propagator-env: BATON_PROPAGATORS_CONFIG="./no-such-config.cjs" could not be loaded (Cannot find module',
      ),
    ]);
  });
});
