/**
 * Joining after the SDK has registered its context manager cannot work (the manager is not ours to
 * wrap): it must say so, with the fix. A file of its own: the join hook, once installed, stays for
 * the life of the API instance, and each Jest test file has a fresh one.
 */
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resolvePropagators } from '@baton/propagator-env';
import { joinEnvironmentContext } from '@baton/carriers';

const ENV = { TRACEPARENT: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
const w3c = resolvePropagators(['tracecontext']);

test('a context manager registered before joining: not wrapped, and a warning says what to do', () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const warnings: string[] = [];
  const result = joinEnvironmentContext({
    env: ENV,
    propagator: w3c,
    warn: (m) => warnings.push(m),
  });
  expect(result.joined).toBe(false);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('call joinEnvironmentContext() before sdk.start()');
  expect(context.active()).toBe(ROOT_CONTEXT);
  // What happened and each of the three fixes (REQUIREMENTS §10: never silent, with the fix).
  expect(result.reason).toBe(
    'a context manager was registered before the environment context could be joined',
  );
  expect(warnings[0]).toMatch(/^@baton\/carriers: a context manager was registered before/);
  expect(warnings[0]).toContain('so root spans will not continue TRACEPARENT/BAGGAGE.');
  expect(warnings[0]).toContain(
    'Preload @baton/propagator-env/register before the OpenTelemetry SDK starts',
  );
  expect(warnings[0]).toContain('or run your entry point inside');
  expect(warnings[0]).toMatch(/context\.with\(contextFromEnv\(\), main\)\.$/);
});

test('with no warn option the warning goes to stderr (console.error), once', () => {
  const printed: unknown[][] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args) => {
    printed.push(args);
  });
  try {
    const result = joinEnvironmentContext({ env: ENV, propagator: w3c });
    expect(result.joined).toBe(false);
  } finally {
    spy.mockRestore();
  }
  expect(printed).toHaveLength(1);
  expect(String(printed[0][0])).toContain('call joinEnvironmentContext() before sdk.start()');
});

test('a console that throws: still no throw', () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => {
    throw new Error('stderr closed');
  });
  try {
    expect(joinEnvironmentContext({ env: ENV, propagator: w3c }).joined).toBe(false);
  } finally {
    spy.mockRestore();
  }
});
