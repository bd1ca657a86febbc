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
});
