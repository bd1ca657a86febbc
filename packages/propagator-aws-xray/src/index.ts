/** @baton/propagator-aws-xray — public surface only. */
export { AWSXRayPropagator } from './AWSXRayPropagator';
export { AWSXRayLambdaPropagator } from './AWSXRayLambdaPropagator';
export {
  AWSXRAY_TRACE_ID_HEADER,
  AWSXRAY_TRACE_ID_ENV_VAR,
  LINEAGE_BAGGAGE_KEY,
} from './constants';
export { parseXRayTraceHeader, isXRayRejection } from './trace-header';
export type { XRayTraceHeader, XRayRejection, XRaySampling } from './trace-header';
export { XRAY_SAMPLING_STATE_KEY, getXRaySamplingState, getXRayRootOnly } from './sampling-state';
export type { XRaySamplingRecord } from './sampling-state';
export { AWSXRaySampler, XRaySamplingDecision } from './AWSXRaySampler';
export type {
  XRaySamplerLike,
  XRaySamplingResultLike,
  XRaySamplingDecisionValue,
} from './AWSXRaySampler';
export { explainXRayTraceHeader } from './explain';
export type { XRayFields } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
