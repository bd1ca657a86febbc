/** Shared fixtures of the X-Ray tests: ids, getters and one comparable view of an extract. */
import {
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { getXRaySamplingState, type XRaySampling } from '@baton/propagator-aws-xray';

/** The X-Ray documentation's example: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8 */
export const EPOCH = '5759e988';
export const RANDOM = 'bd862e3fe1be46a994272793';
export const ROOT = `1-${EPOCH}-${RANDOM}`;
export const TRACE_ID = EPOCH + RANDOM;
export const PARENT = '53995c3f42cd8ad8';
export const LINEAGE = '1:a87bd80c:10';
export const OTHER_TRACE = '0af7651916cd43dd8448eb211c80319c';
export const OTHER_SPAN = 'b7ad6b7169203331';

/** A getter over a Record that keeps the keys' case (a Kafka/AMQP-like carrier). */
export const recordGetter: TextMapGetter<Record<string, unknown>> = {
  get: (c, k) => c[k] as string | string[] | undefined,
  keys: (c) => Object.keys(c),
};

export type Outcome =
  | { kind: 'unchanged' }
  | {
      kind: 'span';
      traceId: string;
      spanId: string;
      sampled: boolean;
      deferred: boolean;
      lineage: string | undefined;
    }
  | { kind: 'rootOnly'; traceId: string; sampling: XRaySampling; lineage: string | undefined };

/** What an extract did, in one shape a table can compare. */
export function outcome(input: Context, output: Context): Outcome {
  if (output === input) return { kind: 'unchanged' };
  const lineage = propagation.getBaggage(output)?.getEntry('Lineage')?.value;
  const sc = trace.getSpanContext(output);
  const record = getXRaySamplingState(output);
  if (sc !== undefined && sc !== trace.getSpanContext(input)) {
    if (sc.isRemote !== true) throw new Error('extracted span context is not remote');
    return {
      kind: 'span',
      traceId: sc.traceId,
      spanId: sc.spanId,
      sampled: (sc.traceFlags & 1) === 1,
      deferred:
        record?.sampling === 'deferred' &&
        record.traceId === sc.traceId &&
        record.spanId === sc.spanId,
      lineage,
    };
  }
  if (record !== undefined && record.spanId === undefined)
    return { kind: 'rootOnly', traceId: record.traceId, sampling: record.sampling, lineage };
  throw new Error('extract changed the context in an unexpected way');
}

export const span = (
  flags: { sampled: boolean; deferred?: boolean; lineage?: string },
  traceId = TRACE_ID,
  spanId = PARENT,
): Outcome => ({
  kind: 'span',
  traceId,
  spanId,
  sampled: flags.sampled,
  deferred: flags.deferred ?? false,
  lineage: flags.lineage,
});
export const unchanged: Outcome = { kind: 'unchanged' };
export const rootOnly = (sampling: XRaySampling, lineage?: string): Outcome => ({
  kind: 'rootOnly',
  traceId: TRACE_ID,
  sampling,
  lineage,
});

/** A context holding a valid span context of another trace: extract of garbage must keep it. */
export const CONTEXT_WITH_SPAN = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: OTHER_TRACE,
  spanId: OTHER_SPAN,
  traceFlags: 1,
  isRemote: true,
});
