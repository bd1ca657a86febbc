/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against a composite of every Baton format,
 * with §7 vectors: members see each other's context, and what it injects it extracts again.
 */
import { describeConformance } from '@baton/testing';
import { CompositePropagator } from '@baton/propagator-composite';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

const composite = new CompositePropagator({
  propagators: [
    new W3CTraceContextPropagator(),
    new W3CBaggagePropagator(),
    new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
    new JaegerPropagator(),
    new PlatformIdPropagator(),
  ],
});

describeConformance(composite, {
  name: 'Composite[W3CTraceContext, W3CBaggage, B3(multi), Jaeger, PlatformId]',
  headerPrefixes: ['uberctx-'],
  vectors: [
    {
      name: '§7 Default precedence as core (`last valid wins`); baggage from all members merged',
      carrier: {
        traceparent: `00-${T}-${S}-01`,
        'uber-trace-id': `${T}:${S}:0:1`,
        baggage: 'a=1',
        'uberctx-b': '2',
        'platform-id': 'plat-7f3a',
      },
      spanContext: { traceId: T, spanId: S, sampled: true },
      baggage: { a: '1', b: '2' },
    },
    {
      name: '§4 `x-b3-flags: 1` → debug (so inject writes every B3 field)',
      carrier: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-flags': '1' },
    },
  ],
});
