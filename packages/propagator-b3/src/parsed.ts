import type { B3SamplingState } from './sampling-state';

/**
 * What one B3 encoding said: ids (both or neither) and the sampling state. `traceId` is always the
 * 32-char form (a 64-bit id left-padded). No ids = a sampling-only header.
 */
export interface B3Parsed {
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly state: B3SamplingState;
}

/** The sampling-only results are constants: parsing `b3: 0` allocates nothing. */
export const SAMPLING_ONLY: Readonly<Record<B3SamplingState, B3Parsed>> = {
  deny: { traceId: undefined, spanId: undefined, state: 'deny' },
  accept: { traceId: undefined, spanId: undefined, state: 'accept' },
  debug: { traceId: undefined, spanId: undefined, state: 'debug' },
  deferred: { traceId: undefined, spanId: undefined, state: 'deferred' },
};
