/** Shared fixtures of the B3 tests: ids, getters and a reader of what extract produced. */
import { ROOT_CONTEXT, trace, type Context, type TextMapGetter } from '@opentelemetry/api';
import { getB3SamplingState, isB3Debug, type B3SamplingState } from '@baton/propagator-b3';

export const T32 = '463ac35c9f6413ad48485a3953bb6124';
export const T16 = 'a3ce929d0e0e4736';
export const T16_PADDED = '0000000000000000a3ce929d0e0e4736';
export const S = 'e457b5a2e4d86bd1';
export const P = '05e3ac9a4f6e3b90';
export const OTHER_T = '0af7651916cd43dd8448eb211c80319c';
export const OTHER_S = 'b7ad6b7169203331';

/** A getter over a Record that keeps the keys' case (a Kafka/AMQP-like carrier). */
export const recordGetter: TextMapGetter<Record<string, unknown>> = {
  get: (c, k) => c[k] as string | string[] | undefined,
  keys: (c) => Object.keys(c),
};

/** What an extract put in the context, in one comparable shape. */
export type Outcome =
  | { kind: 'unchanged' }
  | {
      kind: 'span';
      traceId: string;
      spanId: string;
      sampled: boolean;
      debug: boolean;
      deferred: boolean;
    }
  | { kind: 'samplingOnly'; state: B3SamplingState };

export function outcome(input: Context, output: Context): Outcome {
  if (output === input) return { kind: 'unchanged' };
  const sc = trace.getSpanContext(output);
  if (sc !== undefined && sc !== trace.getSpanContext(input)) {
    const rec = getB3SamplingState(output);
    return {
      kind: 'span',
      traceId: sc.traceId,
      spanId: sc.spanId,
      sampled: (sc.traceFlags & 1) === 1,
      debug: isB3Debug(output),
      deferred: rec?.state === 'deferred' && rec.traceId === sc.traceId && rec.spanId === sc.spanId,
    };
  }
  const rec = getB3SamplingState(output);
  if (rec !== undefined && rec.traceId === undefined)
    return { kind: 'samplingOnly', state: rec.state };
  throw new Error('extract changed the context in an unexpected way');
}

export const span = (
  traceId: string,
  spanId: string,
  flags: { sampled: boolean; debug?: boolean; deferred?: boolean },
): Outcome => ({
  kind: 'span',
  traceId,
  spanId,
  sampled: flags.sampled,
  debug: flags.debug ?? false,
  deferred: flags.deferred ?? false,
});
export const unchanged: Outcome = { kind: 'unchanged' };
export const samplingOnly = (state: B3SamplingState): Outcome => ({ kind: 'samplingOnly', state });

/** A context holding a valid span context of another trace: extract of garbage must keep it. */
export const CONTEXT_WITH_SPAN = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: OTHER_T,
  spanId: OTHER_S,
  traceFlags: 1,
  isRemote: true,
});
