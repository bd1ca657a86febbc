export { OTTracePropagator } from './propagator';
export type { OTTracePropagatorConfig } from './config';
export {
  OT_TRACE_ID_HEADER,
  OT_SPAN_ID_HEADER,
  OT_SAMPLED_HEADER,
  OT_BAGGAGE_PREFIX,
} from './constants';
export { explainOTTrace, explainOTBaggage } from './explain';
export type { OTTraceFields, OTTraceHeaders, OTBaggageItem } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
