/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against both Cloud Trace propagators, with
 * vectors from §12 ("Google Cloud"): `X-Cloud-Trace-Context: {32hex}/{u64 decimal}[;o=0|1]`.
 */
import { describeConformance } from '@baton/testing';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';

const vectors = [
  {
    name: '§12 exact decimal ↔ hex: span 1 is 0000000000000001; `o=1` sampled',
    carrier: { 'x-cloud-trace-context': `${T}/1;o=1` },
    spanContext: { traceId: T, spanId: '0000000000000001', sampled: true },
  },
  {
    name: '§12 exact decimal ↔ hex at the top of u64 (18446744073709551615 = ffffffffffffffff)',
    carrier: { 'x-cloud-trace-context': `${T}/18446744073709551615;o=0` },
    spanContext: { traceId: T, spanId: 'ffffffffffffffff', sampled: false },
  },
  {
    name: '§12 zero rejected',
    carrier: { 'x-cloud-trace-context': `${T}/0;o=1` },
    valid: false,
  },
  {
    name: '§12 overflow rejected (2^64)',
    carrier: { 'x-cloud-trace-context': `${T}/18446744073709551616;o=1` },
    valid: false,
  },
];

describeConformance(new CloudTracePropagator(), { vectors });
describeConformance(new CloudTraceOneWayPropagator(), { vectors });
