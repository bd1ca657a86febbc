/**
 * joinEnvironmentContext() called in code before `sdk.start()`, without a propagator: the global
 * one is still the API's no-op, which reads nothing. REQUIREMENTS §10: a configuration that cannot
 * work is never silent — with TRACEPARENT (or any trace variable) set, it warns and says what to
 * pass. A file of its own: it depends on no global propagator being registered yet.
 */
import { propagation, trace } from '@opentelemetry/api';
import { resolvePropagators } from '@baton/propagator-env';
import { joinEnvironmentContext } from '@baton/carriers';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

test('TRACEPARENT set, no propagator registered or passed: not joined, and a warning says what to pass', () => {
  const warnings: string[] = [];
  const result = joinEnvironmentContext({ env: { TRACEPARENT }, warn: (m) => warnings.push(m) });
  expect(result.joined).toBe(false);
  expect(result.reason).toBe('no propagator was registered yet to read the environment');
  expect(warnings).toHaveLength(1); // fails when the call returns silently (the old behaviour)
  expect(warnings[0]).toMatch(/^@baton\/carriers: TRACEPARENT is set, but no propagator/);
  expect(warnings[0]).toContain('joinEnvironmentContext({ propagator: propagatorFromEnv() })');
  expect(warnings[0]).toContain('preload @baton/propagator-env/register');
});

test('a prefixed trace variable (UBERCTX_…) is named too', () => {
  const warnings: string[] = [];
  joinEnvironmentContext({
    env: { HOME: '/root', UBERCTX_TENANT: 'acme' },
    warn: (m) => warnings.push(m),
  });
  expect(warnings[0]).toMatch(/^@baton\/carriers: UBERCTX_TENANT is set/);
});

test('no trace variable in the environment: nothing to warn about', () => {
  const warnings: string[] = [];
  const result = joinEnvironmentContext({ env: { HOME: '/root' }, warn: (m) => warnings.push(m) });
  expect(result).toMatchObject({ joined: false, reason: 'the environment carries no context' });
  expect(warnings).toEqual([]);
});

test('a propagator passed explicitly that reads nothing there: no warning (it was asked)', () => {
  const warnings: string[] = [];
  const b3 = resolvePropagators(['b3multi']);
  const result = joinEnvironmentContext({
    env: { TRACEPARENT },
    propagator: b3,
    warn: (m) => warnings.push(m),
  });
  expect(result.reason).toBe('the environment carries no context');
  expect(warnings).toEqual([]);
});

test('once a propagator is registered, the call with no options reads the environment through it', () => {
  propagation.setGlobalPropagator(resolvePropagators(['tracecontext']));
  const warnings: string[] = [];
  const result = joinEnvironmentContext({ env: { TRACEPARENT }, warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  expect(result.joined).toBe(true);
  expect(trace.getSpanContext(result.context)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
});
