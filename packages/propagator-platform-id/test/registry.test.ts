/**
 * The README's "register it by name with the resolver" section, executed. Issue 5: "how to register
 * it by name with the resolver"; REQUIREMENTS §8: "Known: ... `platform-id`, plus anything
 * registered" and "A `describe` function returns what was resolved".
 */
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter } from '@opentelemetry/api';
import { describePropagator, propagatorFromEnv, registerPropagator } from '@baton/propagator-env';
import { createHeaderPropagator, getPlatformId } from '@baton/propagator-platform-id';

const tenant = createHeaderPropagator({ header: 'x-tenant-id', maxLength: 64 });
registerPropagator('tenant-id', () => tenant.propagator);

test('OTEL_PROPAGATORS=tracecontext,tenant-id turns the custom header on', () => {
  const p = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext,tenant-id' });
  expect(describePropagator(p)).toBe('Composite[W3CTraceContext, Header(x-tenant-id)]');
  expect(p.fields()).toEqual(['traceparent', 'tracestate', 'x-tenant-id']);
  const ctx = p.extract(ROOT_CONTEXT, { 'x-tenant-id': 'acme' }, defaultTextMapGetter);
  expect(tenant.get(ctx)).toBe('acme');
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  expect(out['x-tenant-id']).toBe('acme');
});

test('platform-id is a built-in name', () => {
  const p = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext,platform-id' });
  expect(describePropagator(p)).toBe('Composite[W3CTraceContext, PlatformId]');
  const ctx = p.extract(ROOT_CONTEXT, { 'platform-id': 'p-1' }, defaultTextMapGetter);
  expect(getPlatformId(ctx)).toBe('p-1');
});
