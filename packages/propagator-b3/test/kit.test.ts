/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against the B3 propagator in both inject
 * encodings, with vectors from §4. The format's own tables stay in the conformance tests here.
 */
import { describeConformance } from '@baton/testing';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(new B3Propagator(), {
  name: 'B3Propagator(single)',
  vectors: [
    {
      name: '§4 `b3` grammar: `{trace}-{span}[-{0|1|d}[-{parent16}]]`; `d` debug → sampled + debug',
      carrier: { b3: `${T}-${S}-d-${S}` },
      spanContext: { traceId: T, spanId: S, sampled: true },
      injects: { b3: `${T}-${S}-d` },
    },
    {
      name: '§4 trace id 16 (left-pad to 32)',
      carrier: { b3: `a3ce929d0e0e4736-${S}-1` },
      spanContext: { traceId: `0000000000000000a3ce929d0e0e4736`, spanId: S, sampled: true },
    },
    {
      name: '§4 Reject … a traceparent-shaped value',
      carrier: { b3: `00-${T}-${S}-01` },
      valid: false,
    },
  ],
});

describeConformance(new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }), {
  name: 'B3Propagator(multi)',
  vectors: [
    {
      name: '§4 `x-b3-flags: 1` → debug + sampled, even with `x-b3-sampled: 0`; inject `x-b3-flags: 1`',
      carrier: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '0', 'x-b3-flags': '1' },
      spanContext: { traceId: T, spanId: S, sampled: true },
      injects: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-flags': '1' },
    },
    {
      name: '§4 `x-b3-sampled` accepts … booleans case-insensitive',
      carrier: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': 'True' },
      injects: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '1' },
    },
    {
      name: '§4 anything else invalidates the multi context',
      carrier: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': 'yes' },
      valid: false,
    },
  ],
});
