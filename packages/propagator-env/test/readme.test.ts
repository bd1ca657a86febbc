/**
 * The README's "custom name" recipe, as written there: a platform team registers a header propagator
 * under a name, and a service turns it on from the environment.
 */
import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
} from '@opentelemetry/api';
import { describePropagator, propagatorFromEnv, registerPropagator } from '@baton/propagator-env';
import { createHeaderPropagator } from '@baton/propagator-platform-id';

test('registerPropagator("tenant", …) + OTEL_PROPAGATORS=tracecontext,tenant', () => {
  const tenant = createHeaderPropagator({ header: 'x-tenant-id' });
  registerPropagator('tenant', () => tenant.propagator);

  const propagator = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext,tenant' });
  expect(describePropagator(propagator)).toBe('Composite[W3CTraceContext, Header(x-tenant-id)]');

  const incoming = {
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    'x-tenant-id': 'acme',
  };
  const ctx = propagator.extract(ROOT_CONTEXT, incoming, defaultTextMapGetter);
  expect(tenant.get(ctx)).toBe('acme');
  expect(trace.getSpanContext(ctx)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');

  const outgoing: Record<string, string> = {};
  propagator.inject(ctx, outgoing, defaultTextMapSetter);
  expect(outgoing).toEqual(incoming);
});
