/**
 * A Sampler that honours what X-Ray said (REQUIREMENTS §12: "`?` or missing `Sampled` → deferred").
 *
 * As ParentBasedSampler({ root }) with its defaults — a valid parent's sampled flag is followed, a
 * root span is decided by `root` — except:
 * - a span context that arrived with `Sampled=?` or no `Sampled` is decided by `root` (it sees the
 *   propagated trace id, so a ratio sampler decides the same way in every service);
 * - a root span under a `Root`-only header follows that header's `Sampled=1|0`, if it had one.
 *
 * Use: `new NodeSDK({ sampler: new AWSXRaySampler(root) })`. The decision and the structural
 * `Sampler` shape (so this package depends on `@opentelemetry/api` alone) are @baton/internal's
 * `DeferredDecisionSampler`, shared with B3Sampler: here X-Ray says how its record reads.
 */
import {
  DeferredDecisionSampler,
  SamplingDecision,
  type RecordedSampling,
  type SamplerLike,
  type SamplingDecisionValue,
  type SamplingResultLike,
} from '@baton/internal';
import { getXRayRootOnly, isXRayDeferred } from './sampling-state';

/** `SamplingDecision` of sdk-trace-base: the same numbers. */
export const XRaySamplingDecision = SamplingDecision;
export type XRaySamplingDecisionValue = SamplingDecisionValue;

/** `SamplingResult` of sdk-trace-base. */
export type XRaySamplingResultLike = SamplingResultLike;

/** `Sampler` of sdk-trace-base. */
export type XRaySamplerLike = SamplerLike;

const XRAY_RECORD: RecordedSampling = {
  // X-Ray has no debug flag; a debug key another format extracted is not X-Ray's to honour.
  debugSamples: false,
  isDeferred: isXRayDeferred,
  // A root span under a `Root`-only header follows its `Sampled=1|0`.
  rootDecision(ctx) {
    const rootOnly = getXRayRootOnly(ctx);
    if (rootOnly?.sampling === 'sampled') return true;
    if (rootOnly?.sampling === 'not-sampled') return false;
    return undefined;
  },
};

export class AWSXRaySampler extends DeferredDecisionSampler {
  /** `root` decides root spans and deferred X-Ray contexts (e.g. `new TraceIdRatioBasedSampler(0.1)`). */
  constructor(root: XRaySamplerLike) {
    super('AWSXRaySampler', XRAY_RECORD, root);
  }
}
