/** The OT Trace tests' ids and carriers; the propagation helpers are the ones every format shares. */
import { SPAN_ID, TRACE_ID } from '../../../test/support/propagation';

export * from '../../../test/support/propagation';

export const TRACE_ID_64 = 'a3ce929d0e0e4736';

/** The three trace headers of a valid sampled context, plus `extra`. */
export function otHeaders(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'ot-tracer-traceid': TRACE_ID,
    'ot-tracer-spanid': SPAN_ID,
    'ot-tracer-sampled': 'true',
    ...extra,
  };
}
