/**
 * @baton/propagator-w3c — W3C Trace Context (Level 2) and W3C Baggage propagators.
 */
export { W3CTraceContextPropagator } from './trace-context-propagator';
export { W3CBaggagePropagator } from './baggage-propagator';
