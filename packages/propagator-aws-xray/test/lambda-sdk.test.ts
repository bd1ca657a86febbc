/**
 * I16: "A Lambda-style test: a handler invoked with `_X_AMZN_TRACE_ID` set continues that trace
 * through the real SDK."
 *
 * A real child process (fixtures/lambda-runtime.cjs) runs the real NodeSDK with the real
 * @opentelemetry/instrumentation-aws-lambda and `AWSXRayLambdaPropagator`, and invokes the handler
 * as the Node.js Lambda runtime does. The instrumentation extracts from the event's headers (there
 * are none), so the parent can only come from the invocation's trace header.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repo = join(__dirname, '../../..');
const fixtures = join(__dirname, 'fixtures');

beforeAll(() => {
  // The child loads the package through node_modules, i.e. its dist/: build it (incremental).
  execFileSync(
    process.execPath,
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-b',
      'packages/propagator-aws-xray/tsconfig.build.json',
    ],
    { cwd: repo, stdio: 'pipe' },
  );
}, 180_000);

interface Run {
  spans: Array<{
    name: string;
    requestId: string;
    traceId: string;
    parentSpanId: string;
    spanId: string;
    sampled: boolean;
  }>;
  results: Array<{ outgoing: Record<string, string> }>;
}

function runLambda(headers: string[], mode: 'sequential' | 'concurrent'): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OTEL_') && !k.startsWith('_X_AMZN') && v !== undefined) env[k] = v;
  }
  const out = execFileSync(process.execPath, [join(fixtures, 'lambda-runtime.cjs')], {
    cwd: repo,
    env: {
      ...env,
      TEST_HEADERS: JSON.stringify(headers),
      MODE: mode,
      LAMBDA_TASK_ROOT: fixtures,
      _HANDLER: 'lambda-handler.handler',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      // The concurrent mode's marker (the runtime stops setting _X_AMZN_TRACE_ID when it is set).
      ...(mode === 'concurrent' ? { AWS_LAMBDA_MAX_CONCURRENCY: '2' } : {}),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as Run;
}

// Two invocations, two traces: X-Ray documentation shape, Root=1-{8}-{24};Parent={16};Sampled=1.
const A = {
  root: '1-6a7b8c9d-0123456789abcdef01234567',
  trace: '6a7b8c9d0123456789abcdef01234567',
  parent: '1111222233334444',
};
const B = {
  root: '1-6a7b8c9e-fedcba9876543210fedcba98',
  trace: '6a7b8c9efedcba9876543210fedcba98',
  parent: '5555666677778888',
};
const header = (x: typeof A, sampled = '1') =>
  `Root=${x.root};Parent=${x.parent};Sampled=${sampled}`;

test('one invocation at a time, _X_AMZN_TRACE_ID set per invocation: each invocation span continues its own trace', () => {
  const run = runLambda([header(A), header(B)], 'sequential');
  const byRequest = Object.fromEntries(run.spans.map((s) => [s.requestId, s]));
  expect(byRequest['request-0']).toMatchObject({
    traceId: A.trace,
    parentSpanId: A.parent,
    sampled: true,
  });
  expect(byRequest['request-1']).toMatchObject({
    traceId: B.trace,
    parentSpanId: B.parent,
    sampled: true,
  });
  // And the handler's downstream call carries the trace on, with the invocation span as Parent.
  expect(run.results[0].outgoing['x-amzn-trace-id']).toBe(
    `Root=${A.root};Parent=${byRequest['request-0'].spanId};Sampled=1`,
  );
  expect(run.results[1].outgoing['x-amzn-trace-id']).toBe(
    `Root=${B.root};Parent=${byRequest['request-1'].spanId};Sampled=1`,
  );
}, 60_000);

test('Sampled=0 in _X_AMZN_TRACE_ID: the invocation is not recorded, and the decision travels on', () => {
  const run = runLambda([header(A, '0')], 'sequential');
  expect(run.spans).toEqual([]);
  expect(run.results[0].outgoing['x-amzn-trace-id']).toMatch(
    new RegExp(`^Root=${A.root};Parent=[0-9a-f]{16};Sampled=0$`),
  );
}, 60_000);

test('concurrent invocations in one process (InvokeStore, no _X_AMZN_TRACE_ID): no trace is mixed up', () => {
  const run = runLambda([header(A), header(B)], 'concurrent');
  const byRequest = Object.fromEntries(run.spans.map((s) => [s.requestId, s]));
  expect(byRequest['request-0']).toMatchObject({ traceId: A.trace, parentSpanId: A.parent });
  expect(byRequest['request-1']).toMatchObject({ traceId: B.trace, parentSpanId: B.parent });
}, 60_000);
