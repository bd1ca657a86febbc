import { B3Propagator } from './B3Propagator';
import { B3InjectEncoding, type B3PropagatorConfig } from './types';

/**
 * Injects `x-b3-*`. Unlike the official class of the same name it also extracts `b3`
 * (REQUIREMENTS §4: "Both encodings are extracted by every B3 propagator").
 */
export class B3MultiPropagator extends B3Propagator {
  constructor(config?: Omit<B3PropagatorConfig, 'injectEncoding'>) {
    super({ ...config, injectEncoding: B3InjectEncoding.MULTI_HEADER });
  }
}
