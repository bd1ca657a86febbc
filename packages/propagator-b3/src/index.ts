/** @baton/propagator-b3 — public surface only. */
export { B3Propagator } from './B3Propagator';
export { B3SinglePropagator } from './B3SinglePropagator';
export { B3MultiPropagator } from './B3MultiPropagator';
export { B3InjectEncoding } from './types';
export type { B3PropagatorConfig } from './types';
export {
  B3_CONTEXT_HEADER,
  X_B3_TRACE_ID,
  X_B3_SPAN_ID,
  X_B3_SAMPLED,
  X_B3_FLAGS,
  X_B3_PARENT_SPAN_ID,
} from './constants';
export { B3_SAMPLING_STATE_KEY, getB3SamplingState } from './sampling-state';
export type { B3SamplingState, B3SamplingRecord } from './sampling-state';
export { B3_DEBUG_TRACE_KEY, isB3Debug } from './debug';
export { B3Sampler, createB3Sampler, B3SamplingDecision } from './B3Sampler';
export type { SamplerLike, SamplingResultLike, B3SamplingDecisionValue } from './B3Sampler';
export { explainB3Single, explainB3Multi } from './explain';
export type { B3Fields, B3MultiHeaders } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
