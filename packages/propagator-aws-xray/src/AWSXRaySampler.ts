/**
 * A Sampler that honours what X-Ray said (REQUIREMENTS §12: "`?` or missing `Sampled` → deferred").
 *
 * As ParentBasedSampler({ root }) with its defaults — a valid parent's sampled flag is followed, a
 * root span is decided by `root` — except:
 * - a span context that arrived with `Sampled=?` or no `Sampled` is decided by `root` (it sees the
 *   propagated trace id, so a ratio sampler decides the same way in every service);
 * - a root span under a `Root`-only header follows that header's `Sampled=1|0`, if it had one.
 *
 * The `Sampler` shape of `@opentelemetry/sdk-trace-base` is declared here structurally, so this
 * package depends on `@opentelemetry/api` alone: `new NodeSDK({ sampler: new AWSXRaySampler(root) })`.
 * (The same shape and behaviour as B3Sampler of @baton/propagator-b3, for X-Ray's record.)
 */
import {
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type SpanKind,
  type TraceState,
} from '@opentelemetry/api';
import { isValidSpanId, isValidTraceId } from '@baton/internal';
import { getXRayRootOnly, isXRayDeferred } from './sampling-state';

/** `SamplingDecision` of sdk-trace-base: the same numbers. */
export const XRaySamplingDecision = {
  NOT_RECORD: 0,
  RECORD: 1,
  RECORD_AND_SAMPLED: 2,
} as const;
export type XRaySamplingDecisionValue =
  (typeof XRaySamplingDecision)[keyof typeof XRaySamplingDecision];

/** `SamplingResult` of sdk-trace-base. */
export interface XRaySamplingResultLike {
  decision: XRaySamplingDecisionValue;
  attributes?: Readonly<Attributes>;
  traceState?: TraceState;
}

/** `Sampler` of sdk-trace-base. */
export interface XRaySamplerLike {
  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): XRaySamplingResultLike;
  toString(): string;
}

const SAMPLE: XRaySamplingResultLike = { decision: XRaySamplingDecision.RECORD_AND_SAMPLED };
const DROP: XRaySamplingResultLike = { decision: XRaySamplingDecision.NOT_RECORD };

export class AWSXRaySampler implements XRaySamplerLike {
  private readonly _root: XRaySamplerLike;

  /** `root` decides root spans and deferred X-Ray contexts (e.g. `new TraceIdRatioBasedSampler(0.1)`). */
  constructor(root: XRaySamplerLike) {
    if (root === null || typeof root !== 'object' || typeof root.shouldSample !== 'function') {
      throw new TypeError(
        'AWSXRaySampler: pass the root sampler to wrap, e.g. new AWSXRaySampler(new AlwaysOnSampler()) from @opentelemetry/sdk-trace-base',
      );
    }
    this._root = root;
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): XRaySamplingResultLike {
    const parent = trace.getSpanContext(context);
    if (parent !== undefined && isValidTraceId(parent.traceId) && isValidSpanId(parent.spanId)) {
      const sampled = (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
      if (!sampled && isXRayDeferred(context, parent.traceId, parent.spanId)) {
        // Without the parent, so a ParentBased root does not read the unset flag as "not sampled".
        return this._root.shouldSample(
          trace.deleteSpan(context),
          traceId,
          spanName,
          spanKind,
          attributes,
          links,
        );
      }
      return sampled ? SAMPLE : DROP;
    }
    const rootOnly = getXRayRootOnly(context);
    if (rootOnly !== undefined && rootOnly.sampling === 'sampled') return SAMPLE;
    if (rootOnly !== undefined && rootOnly.sampling === 'not-sampled') return DROP;
    return this._root.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `AWSXRaySampler{root=${this._root.toString()}}`;
  }

  /** Some SDK code and exporters call getDescription(); same text as toString(). */
  getDescription(): string {
    return this.toString();
  }
}
