/**
 * A Sampler that honours what B3 said (REQUIREMENTS §4, Decision): a deny-only `b3: 0` drops the
 * trace, a deferred context is decided by the wrapped root sampler, debug always samples.
 *
 * The `Sampler` shape of `@opentelemetry/sdk-trace-base` is declared here structurally, so this
 * package keeps depending on `@opentelemetry/api` alone: pass `createB3Sampler(root)` as
 * `new BasicTracerProvider({ sampler })` / `new NodeSDK({ sampler })`.
 *
 * Otherwise it behaves as `ParentBasedSampler({ root })` with its defaults: a valid parent's sampled
 * flag is followed, a root span is decided by `root`.
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
import { isDebugTrace, isValidSpanId, isValidTraceId } from '@baton/internal';
import { getSamplingOnlyState, isDeferred } from './sampling-state';

/** `SamplingDecision` of sdk-trace-base: the same numbers. */
export const B3SamplingDecision = {
  NOT_RECORD: 0,
  RECORD: 1,
  RECORD_AND_SAMPLED: 2,
} as const;
export type B3SamplingDecisionValue = (typeof B3SamplingDecision)[keyof typeof B3SamplingDecision];

/** `SamplingResult` of sdk-trace-base. */
export interface SamplingResultLike {
  decision: B3SamplingDecisionValue;
  attributes?: Readonly<Attributes>;
  traceState?: TraceState;
}

/** `Sampler` of sdk-trace-base. */
export interface SamplerLike {
  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResultLike;
  toString(): string;
}

const SAMPLE: SamplingResultLike = { decision: B3SamplingDecision.RECORD_AND_SAMPLED };
const DROP: SamplingResultLike = { decision: B3SamplingDecision.NOT_RECORD };

export class B3Sampler implements SamplerLike {
  private readonly _root: SamplerLike;

  /** `root` decides root spans and deferred B3 contexts (e.g. `new TraceIdRatioBasedSampler(0.1)`). */
  constructor(root: SamplerLike) {
    if (root === null || typeof root !== 'object' || typeof root.shouldSample !== 'function') {
      throw new TypeError(
        'B3Sampler: pass the root sampler to wrap, e.g. new B3Sampler(new AlwaysOnSampler()) from @opentelemetry/sdk-trace-base',
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
  ): SamplingResultLike {
    const parent = trace.getSpanContext(context);
    if (parent !== undefined && isValidTraceId(parent.traceId) && isValidSpanId(parent.spanId)) {
      // B3: "Debug is encoded as X-B3-Flags: 1. Debug implies an accept decision".
      if (isDebugTrace(context, parent.traceId)) return SAMPLE;
      if (
        (parent.traceFlags & TraceFlags.SAMPLED) === 0 &&
        isDeferred(context, parent.traceId, parent.spanId)
      ) {
        // B3: deferred = "the decision will be made later": here, by the root sampler, which sees
        // the propagated trace id (so a ratio sampler decides the same way in every service) but no
        // parent (so a ParentBased root does not read the unset flag as "not sampled").
        return this._root.shouldSample(
          trace.deleteSpan(context),
          traceId,
          spanName,
          spanKind,
          attributes,
          links,
        );
      }
      return (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? SAMPLE : DROP;
    }
    // A root span: a sampling-only header (`b3: 0|1|d`, `x-b3-sampled` alone) decides it.
    const only = getSamplingOnlyState(context);
    if (only === 'deny') return DROP;
    if (only === 'accept' || only === 'debug') return SAMPLE;
    return this._root.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `B3Sampler{root=${this._root.toString()}}`;
  }

  /** Some SDK code and exporters call getDescription(); same text as toString(). */
  getDescription(): string {
    return this.toString();
  }
}

/** `new B3Sampler(root)`, for symmetry with the SDK's factory style. */
export function createB3Sampler(root: SamplerLike): B3Sampler {
  return new B3Sampler(root);
}
