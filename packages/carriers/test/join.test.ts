/**
 * Joining at startup in code, in this process, with the real context manager and tracer provider.
 *
 * OTEL env-carriers: "Child processes SHOULD extract context from environment variables at startup."
 * The preload form is tested over real processes in child-process.test.ts.
 */
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { resolvePropagators } from '@baton/propagator-env';
import {
  contextFromEnv,
  joinEnvironmentContext,
  joinSwitch,
  StartupContextManager,
} from '@baton/carriers';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const ENV = { TRACEPARENT: `00-${TRACE_ID}-${SPAN_ID}-01`, BAGGAGE: 'job=nightly' };
const w3c = resolvePropagators(['tracecontext', 'baggage']);

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');

afterEach(() => {
  context.disable();
  exporter.reset();
});

test('contextFromEnv reads the environment through the given propagator', () => {
  const ctx = contextFromEnv({ env: ENV, propagator: w3c });
  expect(trace.getSpanContext(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  expect(propagation.getBaggage(ctx)?.getEntry('job')?.value).toBe('nightly');
  expect(contextFromEnv({ env: {}, propagator: w3c })).toBe(ROOT_CONTEXT);
  const throwing = {
    extract: () => {
      throw new Error('boom');
    },
  };
  expect(contextFromEnv({ env: ENV, propagator: throwing })).toBe(ROOT_CONTEXT);
});

test('one line: context.with(contextFromEnv(), main) makes main’s root span a child', () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  context.with(contextFromEnv({ env: ENV, propagator: w3c }), () =>
    tracer.startActiveSpan('main', (span) => span.end()),
  );
  const [main] = exporter.getFinishedSpans();
  expect(main.spanContext().traceId).toBe(TRACE_ID);
  expect(main.parentSpanContext?.spanId).toBe(SPAN_ID);
});

test('joinEnvironmentContext() before the context manager is registered: root spans, even in later ticks, are children', async () => {
  const result = joinEnvironmentContext({ env: ENV, propagator: w3c });
  expect(result.joined).toBe(true);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  await new Promise((resolve) => setTimeout(resolve, 1));
  tracer.startActiveSpan('later', (span) => span.end());
  // An explicitly entered context is left alone.
  const other = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: 'f'.repeat(32),
    spanId: 'e'.repeat(16),
    traceFlags: 1,
  });
  context.with(other, () => tracer.startActiveSpan('inside-other', (span) => span.end()));
  const [later, inside] = exporter.getFinishedSpans();
  expect(later.parentSpanContext?.spanId).toBe(SPAN_ID);
  expect(later.spanContext().traceId).toBe(TRACE_ID);
  expect(inside.spanContext().traceId).toBe('f'.repeat(32));
  // `{ root: true }` still starts a new trace.
  const root = tracer.startSpan('root', { root: true });
  expect(root.spanContext().traceId).not.toBe(TRACE_ID);
  root.end();
});

test('nothing in the environment: nothing is installed', () => {
  expect(joinEnvironmentContext({ env: { PATH: '/bin' }, propagator: w3c })).toMatchObject({
    joined: false,
    reason: 'the environment carries no context',
  });
});

test('StartupContextManager forwards with/bind/enable/disable to the real manager', async () => {
  const inner = new AsyncLocalStorageContextManager();
  const startup = contextFromEnv({ env: ENV, propagator: w3c });
  const m = new StartupContextManager(inner, { startup }).enable();
  expect(m.active()).toBe(startup);
  const ctx = ROOT_CONTEXT.setValue(Symbol('k'), 1);
  expect(m.with(ctx, () => m.active())).toBe(ctx);
  const bound = m.bind(ctx, () => m.active());
  expect(bound()).toBe(ctx);
  m.disable();
});

test.each([
  [undefined, true, false],
  ['', true, false],
  ['true', true, false],
  ['ON', true, false],
  ['1', true, false],
  ['false', false, false],
  [' Off ', false, false],
  ['0', false, false],
  ['nah', true, true],
])('BATON_JOIN_ENV_CONTEXT=%j → on %s, warned %s', (value, on, warned) => {
  const r = joinSwitch(value);
  expect(r.on).toBe(on);
  expect(r.problem !== undefined).toBe(warned);
});
