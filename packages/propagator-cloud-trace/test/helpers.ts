/** The Cloud Trace tests' ids; the propagation helpers are the ones every format shares. */
export * from '../../../test/support/propagation';

/** SPAN_ID in decimal: 0x00f067aa0ba902b7 = 67667974448284343. */
export const SPAN_DEC = '67667974448284343';
