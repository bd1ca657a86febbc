export { CloudTracePropagator, CloudTraceOneWayPropagator } from './propagators';
/** The official package's class name, so replacing it is a change of import only. */
export { CloudTracePropagator as CloudPropagator } from './propagators';
export { X_CLOUD_TRACE_HEADER } from './constants';
export { explainCloudTraceContext } from './explain';
export type { CloudTraceFields } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
