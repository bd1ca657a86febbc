/**
 * @baton/propagator-w3c — W3C Trace Context (Level 2) and W3C Baggage propagators.
 */
export { W3CTraceContextPropagator } from './trace-context-propagator';
export { W3CBaggagePropagator } from './baggage-propagator';
export { explainTraceparent } from './explain-traceparent';
export type { TraceparentFields } from './explain-traceparent';
export { explainTracestate } from './explain-tracestate';
export type { TracestateFields, TracestateMember } from './explain-tracestate';
export { explainBaggage } from './explain-baggage';
export type { BaggageFields, BaggageMemberExplanation } from './explain-baggage';
export type { Explanation, Rejection } from '@baton/internal';
