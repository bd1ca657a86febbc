/**
 * joinEnvironmentContext's probe for a context manager already registered (join.ts): it enters a
 * context with `context.with` and looks for it in `context.active()`. A file of its own: the join
 * hook, once installed, stays for the life of the API instance, and each Jest test file has a fresh
 * one.
 *
 * join.ts: "Returns what it did; never throws." A probe that throws shows no manager, so the join
 * goes on as with none registered — here, where none is, the right answer: the warning "a context
 * manager was registered before …" would be false, and root spans would lose the environment's
 * context (OTEL env-carriers: "Applications SHOULD read context-related environment variables during
 * initialization").
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resolvePropagators } from '@baton/propagator-env';
import { joinEnvironmentContext, type JoinResult } from '@baton/carriers';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const ENV = { TRACEPARENT: `00-${TRACE_ID}-b7ad6b7169203331-01` };
const w3c = resolvePropagators(['tracecontext']);

afterAll(() => context.disable());

test('context.with throws while probing, no manager registered: joined, no warning, never a throw', () => {
  const spy = jest.spyOn(context, 'with').mockImplementation(() => {
    throw new Error('with() broken');
  });
  const warnings: string[] = [];
  let result: JoinResult;
  try {
    result = joinEnvironmentContext({ env: ENV, propagator: w3c, warn: (m) => warnings.push(m) });
  } finally {
    spy.mockRestore();
  }
  expect(result.joined).toBe(true);
  expect(result.reason).toBeUndefined();
  expect(warnings).toEqual([]);
  // The join took: the manager registered next is wrapped and answers the environment's context.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  expect(trace.getSpanContext(context.active())?.traceId).toBe(TRACE_ID);
});
