/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against both W3C propagators, with vectors
 * from §2 and §3. The format's own grammar tables stay in traceparent/tracestate/baggage tests.
 */
import { describeConformance } from '@baton/testing';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(new W3CTraceContextPropagator(), {
  vectors: [
    {
      name: '§2 `traceparent` = `00-{32 lc hex}-{16 lc hex}-{2 lc hex}`',
      carrier: { traceparent: `00-${T}-${S}-01`, tracestate: 'congo=t61rcWkgMzE' },
      spanContext: { traceId: T, spanId: S, sampled: true },
      injects: { traceparent: `00-${T}-${S}-01`, tracestate: 'congo=t61rcWkgMzE' },
    },
    {
      name: '§2 Flags: keep sampled (0x01) and random (0x02); inject exactly two lowercase hex digits, reserved bits cleared',
      carrier: { traceparent: `00-${T}-${S}-ff` },
      injects: { traceparent: `00-${T}-${S}-03` },
    },
    {
      name: '§2 reject uppercase',
      carrier: { traceparent: `00-${T.toUpperCase()}-${S}-01` },
      valid: false,
    },
    { name: '§2 reject … version `ff`', carrier: { traceparent: `ff-${T}-${S}-01` }, valid: false },
  ],
});

describeConformance(new W3CBaggagePropagator(), {
  vectors: [
    {
      name: '§3 values percent-decoded; properties kept as metadata',
      carrier: { baggage: 'user.tier=gold;p=1, k=a%20b' },
      baggage: { 'user.tier': 'gold', k: 'a b' },
    },
    { name: '§3 key is an RFC 7230 token', carrier: { baggage: 'a b=1' }, valid: false },
  ],
});
