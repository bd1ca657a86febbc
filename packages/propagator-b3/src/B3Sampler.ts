/**
 * A Sampler that honours what B3 said (REQUIREMENTS §4, Decision): a deny-only `b3: 0` drops the
 * trace, a deferred context is decided by the wrapped root sampler, debug always samples.
 *
 * Otherwise it behaves as `ParentBasedSampler({ root })` with its defaults: a valid parent's sampled
 * flag is followed, a root span is decided by `root`. Pass `createB3Sampler(root)` as
 * `new BasicTracerProvider({ sampler })` / `new NodeSDK({ sampler })`.
 *
 * The decision and the structural `Sampler` shape (so this package depends on `@opentelemetry/api`
 * alone) are @baton/internal's `DeferredDecisionSampler`, shared with AWSXRaySampler, which decides
 * the same way from its own record: here B3 says how its record reads.
 */
import {
  DeferredDecisionSampler,
  SamplingDecision,
  type RecordedSampling,
  type SamplerLike as SdkSamplerLike,
  type SamplingDecisionValue,
  type SamplingResultLike as SdkSamplingResultLike,
} from '@baton/internal';
import { getSamplingOnlyState, isDeferred } from './sampling-state';

/** `SamplingDecision` of sdk-trace-base: the same numbers. */
export const B3SamplingDecision = SamplingDecision;
export type B3SamplingDecisionValue = SamplingDecisionValue;

/** `SamplingResult` of sdk-trace-base. */
export type SamplingResultLike = SdkSamplingResultLike;

/** `Sampler` of sdk-trace-base. */
export type SamplerLike = SdkSamplerLike;

const B3_RECORD: RecordedSampling = {
  // B3: "Debug is encoded as X-B3-Flags: 1. Debug implies an accept decision".
  debugSamples: true,
  isDeferred,
  // A root span: a sampling-only header (`b3: 0|1|d`, `x-b3-sampled` alone) decides it.
  rootDecision(ctx) {
    const only = getSamplingOnlyState(ctx);
    if (only === 'deny') return false;
    if (only === 'accept' || only === 'debug') return true;
    return undefined;
  },
};

export class B3Sampler extends DeferredDecisionSampler {
  /** `root` decides root spans and deferred B3 contexts (e.g. `new TraceIdRatioBasedSampler(0.1)`). */
  constructor(root: SamplerLike) {
    super('B3Sampler', B3_RECORD, root);
  }
}

/** `new B3Sampler(root)`, for symmetry with the SDK's factory style. */
export function createB3Sampler(root: SamplerLike): B3Sampler {
  return new B3Sampler(root);
}
