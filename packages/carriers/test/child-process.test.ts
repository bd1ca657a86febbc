/**
 * Real child processes, real NodeSDK. A parent span here; `envForChild()` passes it to a batch job
 * (fixtures/job.cjs) started with the `@baton/propagator-env/register` preload; the job's root span
 * continues it, and the job passes its own span on to a grandchild the same way.
 *
 * OTEL env-carriers, Process Spawning: "Parent processes SHOULD copy the current environment
 * variables (if applicable), modify, and inject context when spawning child processes." / "Child
 * processes SHOULD extract context from environment variables at startup."
 */
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { resolvePropagators } from '@baton/propagator-env';
import { envForChild } from '@baton/carriers';
import { buildPackages, cleanEnv, fixtures, inSpan, repo, startTracing } from './helpers';

interface JobSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
}
interface JobOutput {
  depth: number;
  joined: boolean;
  baggage: Record<string, string>;
  child: JobOutput | null;
  spans: JobSpan[];
}

const PRELOAD = ['--require', '@baton/propagator-env/register'];

function runJob(env: Record<string, string>): { out: JobOutput; stderr: string } {
  const r = spawnSync(process.execPath, [...PRELOAD, join(fixtures, 'job.cjs')], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`job.cjs failed (${r.status}): ${r.stderr}`);
  return { out: JSON.parse(r.stdout), stderr: r.stderr };
}

let tracing: ReturnType<typeof startTracing>;
beforeAll(() => {
  buildPackages();
  tracing = startTracing();
}, 180_000);
afterAll(() => tracing.stop());

const w3c = resolvePropagators(['tracecontext', 'baggage']);

test('a batch job and its own child join the parent trace; baggage arrives at both', async () => {
  const { result, span } = await inSpan('parent', { 'user.tier': 'gold' }, () => {
    const env = envForChild({ env: cleanEnv(), propagator: w3c });
    return runJob({ ...env, JOB_MAX_DEPTH: '1', OTEL_PROPAGATORS: 'tracecontext,baggage' }).out;
  });
  const parent = span.spanContext();
  expect(result.joined).toBe(true);
  const [job] = result.spans;
  expect(job).toMatchObject({
    name: 'job 0',
    traceId: parent.traceId,
    parentSpanId: parent.spanId,
  });
  expect(result.baggage).toEqual({ 'user.tier': 'gold' });
  const grandchild = result.child as JobOutput;
  expect(grandchild.spans[0]).toMatchObject({
    name: 'job 1',
    traceId: parent.traceId,
    parentSpanId: job.spanId,
  });
  expect(grandchild.baggage).toEqual({ 'user.tier': 'gold' });
}, 60_000);

test('a mixed chain: the parent writes tracecontext and b3multi, the job reads only b3multi', async () => {
  const chain = resolvePropagators(['tracecontext', 'b3multi']);
  const { result, span } = await inSpan('parent', {}, (parent) => {
    const env = envForChild({ env: cleanEnv(), propagator: chain });
    expect(env.X_B3_TRACEID).toBe(parent.spanContext().traceId);
    expect(env.TRACEPARENT).toContain(parent.spanContext().traceId);
    return runJob({ ...env, OTEL_PROPAGATORS: 'b3multi' }).out;
  });
  expect(result.spans[0]).toMatchObject({
    traceId: span.spanContext().traceId,
    parentSpanId: span.spanContext().spanId,
  });
}, 60_000);

test('stale variables the parent inherited are not passed on: with no active span the job starts its own trace', () => {
  const stale = {
    ...cleanEnv(),
    TRACEPARENT: '00-11111111111111111111111111111111-2222222222222222-01',
    X_B3_TRACEID: '33333333333333333333333333333333',
    X_B3_SPANID: '4444444444444444',
    X_B3_SAMPLED: '1',
    OTEL_PROPAGATORS: 'tracecontext,b3multi',
  };
  const env = envForChild({ env: stale, propagator: w3c }); // no active span here
  expect(env.TRACEPARENT).toBeUndefined();
  expect(env.X_B3_TRACEID).toBeUndefined();
  const { out } = runJob(env);
  expect(out.joined).toBe(false);
  expect(out.spans[0].parentSpanId).toBeNull();
  expect(out.spans[0].traceId).not.toMatch(/^(1+|3+)$/);
}, 60_000);

describe('the off switch, BATON_JOIN_ENV_CONTEXT', () => {
  test('=false: the job does not join; its span is a root of a new trace', async () => {
    const { result, span } = await inSpan('parent', {}, () =>
      runJob({
        ...envForChild({ env: cleanEnv(), propagator: w3c }),
        BATON_JOIN_ENV_CONTEXT: 'false',
      }),
    );
    expect(result.out.joined).toBe(false);
    expect(result.out.spans[0].parentSpanId).toBeNull();
    expect(result.out.spans[0].traceId).not.toBe(span.spanContext().traceId);
  }, 60_000);

  test('a value that is neither true nor false: a warning that says what to change; joining stays on', async () => {
    const { result, span } = await inSpan('parent', {}, () =>
      runJob({
        ...envForChild({ env: cleanEnv(), propagator: w3c }),
        BATON_JOIN_ENV_CONTEXT: 'nope',
      }),
    );
    expect(result.stderr).toContain(
      'BATON_JOIN_ENV_CONTEXT="nope" is not true or false; joining the environment\'s trace context stays on. Set BATON_JOIN_ENV_CONTEXT=false to turn it off.',
    );
    expect(result.out.spans[0].parentSpanId).toBe(span.spanContext().spanId);
  }, 60_000);
});

describe('a joined process that serves requests', () => {
  const INCOMING_TRACE = 'abcdef0123456789abcdef0123456789';
  const INCOMING_SPAN = '0123456789abcdef';

  function get(port: number, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('a request that carries its own context wins; one without starts its own trace', async () => {
    const { result, span } = await inSpan('deploy', {}, async () => {
      const env = {
        ...envForChild({ env: cleanEnv(), propagator: w3c }),
        SERVER_REQUESTS: '2',
        OTEL_PROPAGATORS: 'tracecontext,baggage',
      };
      const child = spawn(process.execPath, [...PRELOAD, join(fixtures, 'server.cjs')], {
        cwd: repo,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const { port } = JSON.parse((await lines.next()).value);
      await get(port, { traceparent: `00-${INCOMING_TRACE}-${INCOMING_SPAN}-01` });
      await get(port, {});
      return JSON.parse((await lines.next()).value) as { spans: JobSpan[] };
    });
    const startup = span.spanContext();
    const byName = (name: string) => result.spans.filter((s) => s.name === name);
    expect(byName('warm-up')[0]).toMatchObject({
      traceId: startup.traceId,
      parentSpanId: startup.spanId,
    });
    const servers = result.spans.filter((s) => s.name.startsWith('GET'));
    expect(servers).toHaveLength(2);
    const [withContext, without] = servers;
    expect(withContext).toMatchObject({ traceId: INCOMING_TRACE, parentSpanId: INCOMING_SPAN });
    expect(without.parentSpanId).toBeNull();
    expect(without.traceId).not.toBe(startup.traceId);
    // Inside each request, the active span is that request's server span.
    const handlers = byName('handler');
    expect(handlers.map((h) => h.parentSpanId).sort()).toEqual(
      [withContext.spanId, without.spanId].sort(),
    );
  }, 60_000);
});

test('"process.env is never mutated" (REQUIREMENTS §11): envForChild returns a copy', async () => {
  const before = JSON.stringify(process.env);
  await inSpan('p', { k: 'v' }, () => {
    const env = envForChild({ propagator: w3c });
    expect(env.TRACEPARENT).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(env).not.toBe(process.env);
  });
  expect(JSON.stringify(process.env)).toBe(before);
});
