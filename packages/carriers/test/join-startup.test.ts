/**
 * What the `@baton/propagator-env/register` preload runs (`joinAtStartup`), in this process: the
 * preload itself is tested over real processes in child-process.test.ts, where no coverage of this
 * process sees it. A file of its own: the join hook, once installed, stays for the life of the API
 * instance, and each Jest test file has a fresh one.
 *
 * OTEL env-carriers: "Child processes SHOULD extract context from environment variables at
 * startup." REQUIREMENTS §10: "A configuration mistake (…) is never silent: printed once on stderr
 * even when no `diag` logger is installed".
 */
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resolvePropagators } from '@baton/propagator-env';
import {
  joinAtStartup,
  joinEnvironmentContext,
  joinSwitch,
  JOIN_ENV_CONTEXT,
  StartupContextManager,
} from '@baton/carriers';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const OTHER_TRACE_ID = '11111111111111111111111111111111';
const OTHER_SPAN_ID = '2222222222222222';
const ENV = { TRACEPARENT: `00-${TRACE_ID}-${SPAN_ID}-01` };
const w3c = resolvePropagators(['tracecontext']);

test('the switch’s name', () => {
  expect(JOIN_ENV_CONTEXT).toBe('BATON_JOIN_ENV_CONTEXT');
});

test('a value that is neither true nor false: the problem names the variable, the value and the fix', () => {
  const { on, problem } = joinSwitch('nah');
  expect(on).toBe(true);
  expect(problem).toContain('BATON_JOIN_ENV_CONTEXT="nah" is not true or false');
  expect(problem).toContain('stays on');
  expect(problem).toContain('Set BATON_JOIN_ENV_CONTEXT=false to turn it off.');
});

test('BATON_JOIN_ENV_CONTEXT=false: not joined, nothing read, nothing warned', () => {
  const warnings: string[] = [];
  const result = joinAtStartup({
    env: { ...ENV, BATON_JOIN_ENV_CONTEXT: 'false' },
    propagator: w3c,
    warn: (m) => warnings.push(m),
  });
  expect(result).toEqual({
    joined: false,
    context: ROOT_CONTEXT,
    reason: 'BATON_JOIN_ENV_CONTEXT is false',
  });
  expect(warnings).toEqual([]);
});

test('a bad switch value: warned once, with the package name, and the nothing-to-join reason', () => {
  const warnings: string[] = [];
  const result = joinAtStartup({
    env: { PATH: '/bin', BATON_JOIN_ENV_CONTEXT: 'maybe' },
    propagator: w3c,
    warn: (m) => warnings.push(m),
  });
  expect(warnings).toEqual([`@baton/carriers: ${joinSwitch('maybe').problem}`]);
  expect(result).toEqual({
    joined: false,
    context: ROOT_CONTEXT,
    reason: 'the environment carries no context',
  });
});

test('joined: root spans continue the environment; a second join replaces the startup context', () => {
  const warnings: string[] = [];
  const first = joinAtStartup({ env: ENV, propagator: w3c, warn: (m) => warnings.push(m) });
  expect(first.joined).toBe(true);
  expect(first.reason).toBeUndefined();
  expect(trace.getSpanContext(first.context)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });

  // The SDK registers its manager later: it is wrapped, and registering still succeeds.
  const manager = new AsyncLocalStorageContextManager().enable();
  expect(context.setGlobalContextManager(manager)).toBe(true);
  expect(context.active()).toBe(first.context);
  // Registering a manager that is already a StartupContextManager keeps it as it is.
  context.disable();
  const own = new StartupContextManager(new AsyncLocalStorageContextManager().enable(), {
    startup: first.context,
  });
  expect(context.setGlobalContextManager(own)).toBe(true);
  expect(context.active()).toBe(first.context);

  // Joining again (another copy of the package, or a second call): the hook's context is replaced,
  // even though a context manager is registered by now. No warning.
  const second = joinEnvironmentContext({
    env: { TRACEPARENT: `00-${OTHER_TRACE_ID}-${OTHER_SPAN_ID}-01` },
    propagator: w3c,
    warn: (m) => warnings.push(m),
  });
  expect(second.joined).toBe(true);
  expect(trace.getSpanContext(second.context)?.traceId).toBe(OTHER_TRACE_ID);
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  expect(trace.getSpanContext(context.active())?.traceId).toBe(OTHER_TRACE_ID);
  expect(warnings).toEqual([]);
  context.disable();
});
