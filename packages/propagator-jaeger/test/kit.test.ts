/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against the Jaeger propagator, with vectors
 * from §5. `uberctx-` is a header prefix: those keys are written but are not fixed fields().
 */
import { describeConformance } from '@baton/testing';
import { JaegerPropagator } from '@baton/propagator-jaeger';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(new JaegerPropagator(), {
  headerPrefixes: ['uberctx-'],
  vectors: [
    {
      name: '§5 the whole value may be URL-encoded (`%3A`) — decode first',
      carrier: { 'uber-trace-id': `${T}%3A${S}%3A0%3A3` },
      spanContext: { traceId: T, spanId: S, sampled: true },
    },
    {
      name: '§5 `uberctx-{key}` → Baggage, value percent-decoded with `+` read as space',
      carrier: { 'uberctx-user': 'a+b%21' },
      baggage: { user: 'a b!' },
    },
    {
      name: '§5 unparsable flags → header invalid',
      carrier: { 'uber-trace-id': `${T}:${S}:0:zz` },
      valid: false,
    },
  ],
});
