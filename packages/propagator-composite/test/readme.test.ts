/** The README's examples, run: a README that lies is a defect. */
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator, type ConflictInfo } from '@baton/propagator-composite';
import { getter, S1, S2, T1, T2, traceparent } from './support';

test('the migration example: toString and the conflict info shape', () => {
  const seen: ConflictInfo[] = [];
  const propagator = new CompositePropagator({
    extract: [
      new B3Propagator(),
      new JaegerPropagator(),
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
    ],
    inject: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    precedence: 'first',
    onConflict: (info) => seen.push(info),
    conflictWarningIntervalMs: Infinity,
  });
  expect(propagator.toString()).toBe(
    'Composite[extract: B3(single), Jaeger, W3CTraceContext, W3CBaggage; inject: W3CTraceContext, W3CBaggage; precedence: first]',
  );
  const ctx = propagator.extract(
    ROOT_CONTEXT,
    { b3: `${T2}-${S2}-1`, traceparent: traceparent(T1, S1) },
    getter,
  );
  expect(trace.getSpanContext(ctx)?.traceId).toBe(T2);
  expect(seen).toEqual([
    {
      extractions: [
        { propagator: 'B3(single)', traceId: T2, spanId: S2 },
        { propagator: 'W3CTraceContext', traceId: T1, spanId: S1 },
      ],
      chosen: { propagator: 'B3(single)', traceId: T2, spanId: S2 },
      precedence: 'first',
    },
  ]);
});
