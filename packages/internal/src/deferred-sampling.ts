/**
 * The sampling decision of a sampler that honours what a header said but a SpanContext cannot hold.
 *
 * A SpanContext has one sampled bit, so "no decision yet" (B3 with no sampling field, X-Ray
 * `Sampled=?`) reads as "not sampled", and a decision without ids (B3 `b3: 0`, X-Ray's `Root`-only
 * header) has no SpanContext at all. B3 (REQUIREMENTS §4, Decision) and X-Ray (§12) each record
 * those states in a context key of their own, and their samplers (B3Sampler, AWSXRaySampler) then
 * decide alike. The rule lives here once; each format passes a `RecordedSampling` that reads its key.
 *
 * Otherwise the decision is `ParentBasedSampler({ root })`'s with its defaults: a valid parent's
 * sampled flag is followed, a root span is decided by `root`.
 *
 * The `Sampler` shape of `@opentelemetry/sdk-trace-base` is declared here structurally, so the
 * format packages keep depending on `@opentelemetry/api` alone.
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
import { isDebugTrace } from './debug';
import { isValidSpanId, isValidTraceId } from './hex';

/** `SamplingDecision` of sdk-trace-base: the same numbers. */
export const SamplingDecision = {
  NOT_RECORD: 0,
  RECORD: 1,
  RECORD_AND_SAMPLED: 2,
} as const;
export type SamplingDecisionValue = (typeof SamplingDecision)[keyof typeof SamplingDecision];

/** `SamplingResult` of sdk-trace-base. */
export interface SamplingResultLike {
  decision: SamplingDecisionValue;
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

/** How one format reads the sampling states it recorded at extract. */
export interface RecordedSampling {
  /** True when `ctx` records that the span context (traceId, spanId) arrived with no decision. */
  isDeferred(ctx: Context, traceId: string, spanId: string): boolean;
  /**
   * For a root span: what a header without a span context decided (true: sample, false: drop), or
   * undefined to let the root sampler decide.
   */
  rootDecision(ctx: Context): boolean | undefined;
  /** True when a debug trace (the shared debug key, B3 and Jaeger) always samples. */
  readonly debugSamples: boolean;
}

const SAMPLE: SamplingResultLike = { decision: SamplingDecision.RECORD_AND_SAMPLED };
const DROP: SamplingResultLike = { decision: SamplingDecision.NOT_RECORD };

/**
 * The sampler both formats export (B3Sampler, AWSXRaySampler extend it with their name and record):
 * `shouldSample` is `decideRecordedSampling`; `toString` names the wrapped root sampler.
 */
export class DeferredDecisionSampler implements SamplerLike {
  private readonly _name: string;
  private readonly _recorded: RecordedSampling;
  private readonly _root: SamplerLike;

  /** Fails at start-up, with what to pass, when `root` is not a Sampler. */
  constructor(name: string, recorded: RecordedSampling, root: SamplerLike) {
    if (root === null || typeof root !== 'object' || typeof root.shouldSample !== 'function') {
      throw new TypeError(
        `${name}: pass the root sampler to wrap, e.g. new ${name}(new AlwaysOnSampler()) from @opentelemetry/sdk-trace-base`,
      );
    }
    this._name = name;
    this._recorded = recorded;
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
    return decideRecordedSampling(
      this._recorded,
      this._root,
      context,
      traceId,
      spanName,
      spanKind,
      attributes,
      links,
    );
  }

  toString(): string {
    return `${this._name}{root=${this._root.toString()}}`;
  }

  /** Some SDK code and exporters call getDescription(); same text as toString(). */
  getDescription(): string {
    return this.toString();
  }
}

/** The decision for a span started in `context`: a Sampler's `shouldSample`, given the format. */
export function decideRecordedSampling(
  recorded: RecordedSampling,
  root: SamplerLike,
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
    if (recorded.debugSamples && isDebugTrace(context, parent.traceId)) return SAMPLE;
    const sampled = (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
    if (!sampled && recorded.isDeferred(context, parent.traceId, parent.spanId)) {
      // Deferred = "the decision will be made later": here, by the root sampler, which sees the
      // propagated trace id (so a ratio sampler decides the same way in every service) but no
      // parent (so a ParentBased root does not read the unset flag as "not sampled").
      return root.shouldSample(
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
  const decided = recorded.rootDecision(context);
  if (decided !== undefined) return decided ? SAMPLE : DROP;
  return root.shouldSample(context, traceId, spanName, spanKind, attributes, links);
}
