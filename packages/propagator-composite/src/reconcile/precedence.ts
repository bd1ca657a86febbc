/**
 * Reconciliation step 2, precedence. REQUIREMENTS §7: "Default precedence as core (`last valid
 * wins`) … Options: `first valid wins`".
 *
 * 'last' needs no step: each member extracts over the previous member's context, so the last
 * valid span context is the one left. 'first' puts the first valid span context back over any
 * later member's (the later member's other writes — baggage, platform ids — are kept).
 */
import { trace, type Context, type Span, type SpanContext } from '@opentelemetry/api';
import { restoreDebug } from '../debug';
import { carriedFrom } from './carry-over';

/**
 * Precedence 'first', a later member extracted `sc` into `next`: the context keeping `winner`.
 * The same ids are the same request, so what the later member knows of it (a tracestate, the W3C
 * random bit) is carried onto the winner (see carry-over.ts) and its debug value, which belongs to
 * this trace, stays. A different trace is rejected along with its debug value.
 */
export function keepWinner(before: Context, next: Context, winner: Span, sc: SpanContext): Context {
  const w = winner.spanContext();
  if (sc.traceId === w.traceId && sc.spanId === w.spanId) {
    const carried = carriedFrom(w, sc);
    return carried === w ? trace.setSpan(next, winner) : trace.setSpanContext(next, carried);
  }
  return restoreDebug(before, trace.setSpan(next, winner));
}
