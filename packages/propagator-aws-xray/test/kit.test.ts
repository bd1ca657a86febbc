/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against the X-Ray propagator, with vectors
 * from §12 ("AWS X-Ray").
 */
import { describeConformance } from '@baton/testing';
import { AWSXRayPropagator } from '@baton/propagator-aws-xray';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const T = '5759e988bd862e3fe1be46a994272793';
const S = '53995c3f42cd8ad8';

describeConformance(new AWSXRayPropagator(), {
  vectors: [
    {
      name: '§12 `Root=1-{8hex}-{24hex};Parent={16hex};Sampled=1`: the trace id is the 8 + 24 hex digits',
      carrier: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${S};Sampled=1` },
      spanContext: { traceId: T, spanId: S, sampled: true },
    },
    {
      name: '§12 fields in any order, matched by exact key; `Self` and unknown keys tolerated',
      carrier: {
        'x-amzn-trace-id': `Self=1-67891233-abcdef012345678912345678;Sampled=0;Parent=${S};Root=${ROOT}`,
      },
      spanContext: { traceId: T, spanId: S, sampled: false },
    },
    {
      // Root without Parent keeps the root (getXRayRootOnly, see the README), so this is not
      // "nothing valid": the context changes, but no span context is made.
      name: '§12 `ParentX` is not `Parent` (exact key): no span context',
      carrier: { 'x-amzn-trace-id': `Root=${ROOT};ParentX=${S};Sampled=1` },
      spanContext: null,
    },
    {
      name: '§12 uppercase hex is rejected (never emitted)',
      carrier: { 'x-amzn-trace-id': `Root=${ROOT.toUpperCase()};Parent=${S};Sampled=1` },
      valid: false,
    },
  ],
});
