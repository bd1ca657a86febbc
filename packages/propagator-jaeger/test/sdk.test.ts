/**
 * With the real SDK: the @baton/testing harness (node:http services on 127.0.0.1, each recording its
 * spans with sdk-trace-base's BasicTracerProvider), and NodeSDK. A Jaeger-instrumented client
 * (headers exactly as Jaeger clients write them: leading zeros stripped, `%3A` colons, form-encoded
 * baggage) calls a service using Baton, which calls a downstream; the trace, the debug flag and the
 * baggage arrive whole.
 */
import { startServices, type Services } from '@baton/testing';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { throughNodeSdk } from '../../../test/support/node-sdk';
import { finishedSpan } from '../../../test/support/harness';

let fleet: Services;
beforeAll(async () => {
  fleet = await startServices([
    { name: 'service', propagators: new JaegerPropagator() },
    { name: 'downstream', propagators: new JaegerPropagator() },
  ]);
});
afterAll(() => fleet.close());

test('Jaeger client → Baton service (real server span) → downstream: one trace, debug and baggage kept', async () => {
  // As jaeger-client-node / -go write it: ids without leading zeros, URL-encoded colons,
  // flags 3 (sampled + debug), baggage form-encoded, mixed-case header names.
  const result = await fleet.request(['service', 'downstream'], {
    headers: {
      'Uber-Trace-Id': 'a3ce929d0e0e4736%3Af067aa0ba902b7%3A0%3A3',
      'Uberctx-User-Name': 'Jos%C3%A9+Garc%C3%ADa',
      'jaeger-baggage': 'tenant=acme, plan=gold',
    },
  });
  // One trace; the downstream's server span is the child of the service's client span.
  result.assertPropagated();
  const [service, downstream] = result.hops;
  const span = finishedSpan(fleet, 'service', service.serverSpanId);
  const traceId = '0000000000000000a3ce929d0e0e4736';
  expect(span.spanContext().traceId).toBe(traceId);
  expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  expect(span.parentSpanContext?.isRemote).toBe(true);
  // Downstream sees the service's (client) span, still sampled + debug.
  expect(downstream.headers['uber-trace-id']).toBe(`${traceId}:${service.clientSpanId}:0:03`);
  expect(downstream.baggage).toEqual({ 'user-name': 'José García', tenant: 'acme', plan: 'gold' });
  expect(
    Object.keys(downstream.headers)
      .filter((k) => k.startsWith('uberctx-'))
      .sort(),
  ).toEqual(['uberctx-plan', 'uberctx-tenant', 'uberctx-user-name']);
});

test('a malformed uber-trace-id over HTTP starts a new trace instead of a garbage one', async () => {
  const result = await fleet.request(['service'], {
    headers: { 'uber-trace-id': 'zzzz:yyyy:0:1' },
  });
  const span = finishedSpan(fleet, 'service', result.hops[0].serverSpanId);
  expect(span.parentSpanContext).toBeUndefined();
  expect(span.spanContext().traceId).not.toMatch(/z/);
});

test('NodeSDK({ textMapPropagator: new JaegerPropagator() }) is the global propagator', async () => {
  const { traceId, spanId, carrier, fields, extracted } = await throughNodeSdk(
    new JaegerPropagator(),
  );
  expect(carrier).toEqual({ 'uber-trace-id': `${traceId}:${spanId}:0:01` });
  expect(fields).toEqual(['uber-trace-id']);
  expect(extracted).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
});
