/**
 * Reconciliation step 1, valid-replaces-invalid. REQUIREMENTS §1: "Extract of a malformed value
 * never replaces a valid SpanContext or Baggage already in the context."
 *
 * A member's span context counts only when it is valid (lowercase hex ids, 32 / 16 chars, not all
 * zero). A member that promised Baton's rules (KEEPS_BATON_RULES) is trusted without the check.
 */
import { trace, type Context, type Span, type SpanContext } from '@opentelemetry/api';
import { isValidSpanId, isValidTraceId } from '@baton/internal';
import { restoreDebug } from '../debug';

/**
 * The span context `memberSpan` carries when it may replace the previous one, else undefined.
 * `known`: an extraction already checked in this call. When the ids equal its ids the char-by-char
 * check is skipped: with every format present, each member re-extracts the same ids.
 */
export function validExtraction(
  memberSpan: Span | undefined,
  trusted: boolean,
  known: SpanContext | undefined,
): SpanContext | undefined {
  if (memberSpan === undefined) return undefined;
  const sc = memberSpan.spanContext();
  if (sc === undefined || sc === null) return undefined;
  if (trusted) return sc;
  if (known !== undefined && known.traceId === sc.traceId && known.spanId === sc.spanId) return sc;
  return isValidTraceId(sc.traceId) && isValidSpanId(sc.spanId) ? sc : undefined;
}

/**
 * The member's context with its span context rejected: the previous span (or none) put back, and
 * the member's debug value with it — debug belongs to the span context it came with (see debug.ts).
 * The member's other writes (baggage, platform ids) are kept.
 */
export function rejectSpan(before: Context, next: Context, previous: Span | undefined): Context {
  const kept = previous === undefined ? trace.deleteSpan(next) : trace.setSpan(next, previous);
  return restoreDebug(before, kept);
}
