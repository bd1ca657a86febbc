/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against the OT Trace propagator, with vectors
 * from §12 ("OT Trace"). `ot-baggage-` is a header prefix: those keys are written but are not fixed
 * fields().
 */
import { describeConformance } from '@baton/testing';
import { OTTracePropagator } from '@baton/propagator-ot-trace';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(new OTTracePropagator(), {
  headerPrefixes: ['ot-baggage-'],
  vectors: [
    {
      name: '§12 `ot-tracer-traceid` (32 hex), `ot-tracer-spanid`, `ot-tracer-sampled: true`',
      carrier: { 'ot-tracer-traceid': T, 'ot-tracer-spanid': S, 'ot-tracer-sampled': 'true' },
      spanContext: { traceId: T, spanId: S, sampled: true },
    },
    {
      name: '§12 a 16-hex `ot-tracer-traceid` is left-padded to 32',
      carrier: {
        'ot-tracer-traceid': 'a3ce929d0e0e4736',
        'ot-tracer-spanid': S,
        'ot-tracer-sampled': '0',
      },
      spanContext: { traceId: '0000000000000000a3ce929d0e0e4736', spanId: S, sampled: false },
    },
    {
      name: '§1 uppercase hex is not an id',
      carrier: {
        'ot-tracer-traceid': T.toUpperCase(),
        'ot-tracer-spanid': S,
        'ot-tracer-sampled': 'true',
      },
      valid: false,
    },
  ],
});
