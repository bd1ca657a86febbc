export { JaegerPropagator } from './propagator';
export type { JaegerPropagatorConfig } from './config';
export {
  UBER_TRACE_ID_HEADER,
  UBER_BAGGAGE_HEADER_PREFIX,
  JAEGER_BAGGAGE_HEADER,
} from './constants';
export { explainUberTraceId, explainUberctx, explainJaegerBaggage } from './explain';
export type { UberTraceIdFields, JaegerBaggageItem, JaegerBaggageFields } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
