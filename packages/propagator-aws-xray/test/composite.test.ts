/**
 * `xray` as a member of Baton's CompositePropagator, what `OTEL_PROPAGATORS=tracecontext,xray` builds.
 * I16: "Composite: the member declares the headers it reads, so the composite skips it cheaply when
 * absent. The tracestate of an identical span context is kept, as for B3 and Jaeger."
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { CompositePropagator } from '@baton/propagator-composite';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { PARENT, ROOT, TRACE_ID } from './helpers';

const traceparent = `00-${TRACE_ID}-${PARENT}-01`;
const xrayHeader = `Root=${ROOT};Parent=${PARENT};Sampled=1`;

test('W3C then X-Ray, same span: the W3C tracestate survives the X-Ray member', () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new AWSXRayPropagator()],
  });
  const out = composite.extract(
    ROOT_CONTEXT,
    { traceparent, tracestate: 'rojo=00f067aa0ba902b7', 'x-amzn-trace-id': xrayHeader },
    defaultTextMapGetter,
  );
  const sc = trace.getSpanContext(out);
  expect(sc?.traceId).toBe(TRACE_ID);
  expect(sc?.traceState?.serialize()).toBe('rojo=00f067aa0ba902b7');
});

test('the X-Ray member is skipped when its header is absent: its extract is never called', () => {
  const xray = new AWSXRayPropagator();
  let calls = 0;
  const original = xray.extract.bind(xray);
  xray.extract = (ctx: Context, carrier: unknown, getter: TextMapGetter) => {
    calls++;
    return original(ctx, carrier, getter);
  };
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), xray],
  });
  composite.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
  expect(calls).toBe(0);
  composite.extract(
    ROOT_CONTEXT,
    { traceparent, 'X-Amzn-Trace-Id': xrayHeader },
    defaultTextMapGetter,
  );
  expect(calls).toBe(1);
});

test('inject through the composite writes both headers for one span', () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new AWSXRayPropagator()],
  });
  const carrier: Record<string, string> = {};
  composite.inject(
    trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: PARENT, traceFlags: 1 }),
    carrier,
    defaultTextMapSetter,
  );
  expect(carrier).toEqual({ traceparent, 'x-amzn-trace-id': xrayHeader });
});
