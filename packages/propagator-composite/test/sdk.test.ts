/**
 * With the real SDK: the @baton/testing harness (node:http services on 127.0.0.1, each recording its
 * spans with sdk-trace-base's BasicTracerProvider), and NodeSDK. The migration of DESIGN "Who uses
 * it" 3 — a service reads B3 and W3C, writes only W3C — keeps one trace across an old B3 client and a
 * W3C-only downstream.
 */
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator } from '@baton/propagator-composite';
import { startServices } from '@baton/testing';
import { throughNodeSdk } from '../../../test/support/node-sdk';
import { S1, T1 } from './support';

test('an old B3 client → a migrating service (reads B3 + W3C, writes W3C) → a W3C-only service: one trace', async () => {
  const w3cOnly = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  const migrating = new CompositePropagator({
    extract: [
      new B3Propagator(),
      new JaegerPropagator(),
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
    ],
    inject: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  const fleet = await startServices([
    { name: 'middle', propagators: migrating },
    { name: 'downstream', propagators: w3cOnly },
  ]);

  try {
    const result = await fleet.request(['middle', 'downstream'], {
      headers: { b3: `${T1}-${S1}-1`, 'uberctx-user': 'alice' },
    });
    // One trace; the downstream's server span is the child of the middle's client span.
    result.assertPropagated();
    const [middle, downstream] = result.hops;
    expect(downstream.traceId).toBe(T1);
    expect(downstream.baggage.user).toBe('alice'); // Jaeger baggage in, W3C baggage out
    expect(downstream.headers.b3).toBeUndefined(); // writes W3C only
    expect(downstream.headers['uber-trace-id']).toBeUndefined();
    expect(downstream.headers.traceparent).toBe(`00-${T1}-${middle.clientSpanId}-01`);
    const span = result.spans.find((s) => s.spanId === middle.serverSpanId);
    expect(span?.traceId).toBe(T1);
    expect(span?.parentSpanId).toBe(S1);
  } finally {
    await fleet.close();
  }
});

test('NodeSDK({ textMapPropagator }) installs the composite as the global propagator', async () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new B3Propagator(), new JaegerPropagator()],
  });
  const { traceId, spanId, carrier, extracted } = await throughNodeSdk(composite);
  expect(carrier).toEqual({
    traceparent: `00-${traceId}-${spanId}-01`,
    b3: `${traceId}-${spanId}-1`,
    'uber-trace-id': `${traceId}:${spanId}:0:01`,
  });
  expect(extracted?.spanId).toBe(spanId);
});
