/**
 * Inject: `{trace-header}: {32}:{16}:0:{1|0|3}` and one `uberctx-{key}` header per baggage item.
 *
 * REQUIREMENTS §1: never throws; writes only token header names and safe US-ASCII values; no trace
 * header without a valid span context; nothing at all (baggage included) when tracing is
 * suppressed. §5: baggage keys must be valid header tokens; values are percent-encoded.
 */
import {
  propagation,
  trace,
  TraceFlags,
  type Context,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  isDebugTrace,
  isToken,
  isTracingSuppressed,
  isValidSpanId,
  isValidTraceId,
  percentEncode,
  safeSet,
} from '@baton/internal';
import type { ResolvedJaegerConfig } from './config';
import { JAEGER_BAGGAGE_HEADER } from './constants';
import { formatUberTraceId } from './uber-trace-id';

/**
 * The ids validated by the last inject of one propagator instance. A request handler injects into
 * every outgoing call with the same span (same span id) of the same trace (same trace id string,
 * shared by all its child spans), so one string comparison usually replaces a 48-char hex scan.
 * Any other id is validated in full; the memo never lets an unvalidated id through.
 */
export interface ValidIdMemo {
  traceId: string;
  spanId: string;
}

function validIds(traceId: unknown, spanId: unknown, memo: ValidIdMemo): boolean {
  if (traceId === memo.traceId) {
    if (spanId === memo.spanId) return true;
    if (!isValidSpanId(spanId)) return false;
    memo.spanId = spanId;
    return true;
  }
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return false;
  memo.traceId = traceId;
  memo.spanId = spanId;
  return true;
}

export function injectJaeger(
  context: Context,
  carrier: unknown,
  setter: TextMapSetter,
  config: ResolvedJaegerConfig,
  memo: ValidIdMemo,
): void {
  if (isTracingSuppressed(context)) return;

  const spanContext = trace.getSpanContext(context);
  if (spanContext !== undefined && validIds(spanContext.traceId, spanContext.spanId, memo)) {
    const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
    const debug = sampled && isDebugTrace(context, spanContext.traceId);
    safeSet(
      carrier,
      setter,
      config.traceHeader,
      formatUberTraceId(spanContext.traceId, spanContext.spanId, sampled, debug),
    );
  }

  const baggage = propagation.getBaggage(context);
  if (baggage !== undefined) injectBaggage(baggage.getAllEntries(), carrier, setter, config);
}

/**
 * Same caps as extract (64 items, 8192 bytes of key + encoded value), so what one Baton service
 * sends the next one keeps whole; an item that does not fit is dropped whole.
 */
function injectBaggage(
  entries: ReadonlyArray<readonly [string, { value: string }]>,
  carrier: unknown,
  setter: TextMapSetter,
  config: ResolvedJaegerConfig,
): void {
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < entries.length && count < BAGGAGE_MAX_MEMBERS; i++) {
    const [key, entry] = entries[i];
    if (typeof key !== 'string' || !isToken(key)) continue;
    const value = typeof entry?.value === 'string' ? percentEncode(entry.value) : undefined;
    if (value === undefined) continue; // a lone surrogate cannot be encoded: drop the item
    const size = key.length + value.length;
    if (bytes + size > BAGGAGE_MAX_BYTES) continue;
    const name = config.baggagePrefix + key;
    // With a custom prefix `jaeger`, key `baggage` would write the jaeger-baggage header.
    if (
      name.length === JAEGER_BAGGAGE_HEADER.length &&
      name.toLowerCase() === JAEGER_BAGGAGE_HEADER
    )
      continue;
    count++;
    bytes += size;
    safeSet(carrier, setter, name, value);
  }
}
