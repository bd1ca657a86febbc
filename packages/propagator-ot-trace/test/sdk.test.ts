/**
 * With the real SDK: the @baton/testing harness (node:http services on 127.0.0.1, each recording its
 * spans with sdk-trace-base's BasicTracerProvider), and NodeSDK. An OpenTracing client (64-bit trace
 * id, mixed-case header names, `1` for sampled) calls a service using Baton, which calls a
 * downstream; the trace and the baggage arrive.
 */
import { startServices, type Services } from '@baton/testing';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { throughNodeSdk } from '../../../test/support/node-sdk';
import { finishedSpan } from '../../../test/support/harness';

let fleet: Services;
beforeAll(async () => {
  fleet = await startServices([
    { name: 'service', propagators: new OTTracePropagator({ emit64BitTraceIds: true }) },
    { name: 'downstream', propagators: new OTTracePropagator({ emit64BitTraceIds: true }) },
  ]);
});
afterAll(() => fleet.close());

test('OpenTracing client → Baton service (real server span) → downstream: one trace, baggage kept', async () => {
  const result = await fleet.request(['service', 'downstream'], {
    headers: {
      'OT-Tracer-TraceId': 'a3ce929d0e0e4736',
      'OT-Tracer-SpanId': '00f067aa0ba902b7',
      'OT-Tracer-Sampled': '1',
      'OT-Baggage-Tenant': 'acme',
    },
  });
  // One trace; the downstream's server span is the child of the service's client span.
  result.assertPropagated({ baggage: { tenant: 'acme' } });
  const [service, downstream] = result.hops;
  const span = finishedSpan(fleet, 'service', service.serverSpanId);
  expect(span.spanContext().traceId).toBe('0000000000000000a3ce929d0e0e4736');
  expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  expect(span.parentSpanContext?.isRemote).toBe(true);
  // emit64BitTraceIds: the 64-bit peer downstream gets its 16-char id back.
  expect(downstream.headers['ot-tracer-traceid']).toBe('a3ce929d0e0e4736');
  expect(downstream.headers['ot-tracer-spanid']).toBe(service.clientSpanId);
  expect(downstream.headers['ot-tracer-sampled']).toBe('true');
  expect(downstream.baggage).toEqual({ tenant: 'acme' });
});

test('a malformed ot-tracer-traceid over HTTP starts a new trace instead of a garbage one', async () => {
  const result = await fleet.request(['service'], {
    headers: { 'ot-tracer-traceid': 'A3CE929D0E0E4736', 'ot-tracer-spanid': '00f067aa0ba902b7' },
  });
  const [service] = result.hops;
  expect(service.traceId).toBeNull();
  expect(finishedSpan(fleet, 'service', service.serverSpanId).parentSpanContext).toBeUndefined();
});

test('NodeSDK({ textMapPropagator: new OTTracePropagator() }) is the global propagator', async () => {
  const { traceId, spanId, carrier, fields, extracted } = await throughNodeSdk(
    new OTTracePropagator(),
  );
  expect(carrier).toEqual({
    'ot-tracer-traceid': traceId,
    'ot-tracer-spanid': spanId,
    'ot-tracer-sampled': 'true',
  });
  expect(fields).toEqual(['ot-tracer-traceid', 'ot-tracer-spanid', 'ot-tracer-sampled']);
  expect(extracted).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
});
