/** Which headers inject writes. Same names and values as `@opentelemetry/propagator-b3`. */
export enum B3InjectEncoding {
  SINGLE_HEADER = 0,
  MULTI_HEADER = 1,
}

/** Options of `B3Propagator`. A superset of the official `B3PropagatorConfig`. */
export interface B3PropagatorConfig {
  /** `SINGLE_HEADER` (default, writes `b3`) or `MULTI_HEADER` (writes `x-b3-*`). Extract reads both. */
  injectEncoding?: B3InjectEncoding;
  /**
   * Re-emit a 64-bit trace id as its original 16 hex chars, for Zipkin-era peers that reject
   * 128-bit ids (openzipkin/b3-propagation#47). A trace id is treated as 64-bit when its first 16
   * hex chars are all zero — which is how OpenTelemetry holds an extracted 64-bit id, and which a
   * random 128-bit id hits with probability 2^-64. Default `false`: always 32 chars, as the official.
   */
  emit64BitTraceIds?: boolean;
}
