/**
 * Reconciliation step 3, tracestate and flags carry-over. REQUIREMENTS §4: "when B3 extracts the
 * same trace and span id as a span context already in the context, keep that context's
 * `traceState` and flag bits" — and §7: what the composite injects it extracts back exactly.
 *
 * B3 and Jaeger carry no tracestate and know only the sampled bit. When one of them extracts the
 * same ids as an earlier member (W3C ran first, the headers were written by one service), the
 * earlier member's tracestate and its flag bits beyond sampled (the W3C random bit, 0x02) belong
 * to the same span context and must not vanish. Baton's B3 and Jaeger keep them themselves; this
 * step does it for any member (the official packages do not).
 */
import { TraceFlags, trace, type Context, type SpanContext } from '@opentelemetry/api';

/**
 * Read once: the API's CommonJS build exports TraceFlags through a getter, which commit() would
 * otherwise call for every member that extracts.
 */
const SAMPLED: number = TraceFlags.SAMPLED;

/**
 * `sc` with what `earlier` adds to it, when both have the same ids: `earlier`'s tracestate if `sc`
 * has none, and `earlier`'s flag bits beyond sampled. `sc` itself when there is nothing to add.
 * The sampled bit is always `sc`'s: the member that extracted `sc` decided it.
 */
export function carriedFrom(sc: SpanContext, earlier: SpanContext | undefined): SpanContext {
  if (earlier === undefined || earlier.traceId !== sc.traceId || earlier.spanId !== sc.spanId) {
    return sc;
  }
  const traceState = sc.traceState ?? earlier.traceState;
  const traceFlags = sc.traceFlags | (earlier.traceFlags & ~SAMPLED);
  if (traceState === sc.traceState && traceFlags === sc.traceFlags) return sc;
  const out: SpanContext = {
    traceId: sc.traceId,
    spanId: sc.spanId,
    traceFlags,
    isRemote: sc.isRemote,
  };
  if (traceState !== undefined) out.traceState = traceState;
  return out;
}

/**
 * Precedence 'last', once after every member ran: the final span context `sc` in `ctx` with what
 * the earlier extractions of the same ids add to it. `withState`: the latest earlier extraction
 * that carried a tracestate; `withFlags`: the latest that carried flag bits beyond sampled (either
 * may be the input context's own span context).
 */
export function carryOver(
  ctx: Context,
  sc: SpanContext,
  withState: SpanContext | undefined,
  withFlags: SpanContext | undefined,
): Context {
  const carried = carriedFrom(carriedFrom(sc, withState), withFlags);
  return carried === sc ? ctx : trace.setSpanContext(ctx, carried);
}

/** True when `sc` holds something carry-over would pass on (a tracestate). */
export function hasTraceState(sc: SpanContext): boolean {
  return sc.traceState !== undefined;
}

/** True when `sc` holds flag bits beyond sampled (the W3C random bit). */
export function hasFlagsBeyondSampled(sc: SpanContext): boolean {
  return (sc.traceFlags & ~SAMPLED) !== 0;
}
