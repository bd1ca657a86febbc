/**
 * Extract: `ot-tracer-*` into a remote SpanContext, `ot-baggage-*` into Baggage.
 *
 * REQUIREMENTS §1: never throws, returns the input context unchanged when nothing valid was found,
 * never replaces a valid SpanContext or Baggage with a malformed one. §12: Jaeger's baggage caps.
 */
import { trace, TraceFlags, type Context, type TextMapGetter } from '@opentelemetry/api';
import {
  headerNames,
  mergeBaggage,
  plainCarrierLacks,
  remoteSpanContext,
  safeGet,
} from '@baton/internal';
import { OT_SAMPLED_HEADER, OT_SPAN_ID_HEADER, OT_TRACE_ID_HEADER } from './constants';
import { parseSpanId, parseTraceId, readSampled } from './ot-span-context';
import { scanKeys, type OTHeaders } from './read-headers';

// The API's CommonJS build exports `trace` through a getter: a call on each use. Read once.
const traceApi = trace;

/** The two id names: without both there is no trace context, and so no baggage either (below). */
const ID_HEADERS = headerNames([OT_TRACE_ID_HEADER, OT_SPAN_ID_HEADER]);

export function extractOT(context: Context, carrier: unknown, getter: TextMapGetter): Context {
  if (carrier === null || carrier === undefined) return context;
  // The lowercase id names first (what Node's headers hold); `ot-tracer-sampled` only once they
  // or a key walk have found something, so a request without OT headers makes two lookups.
  // A value found under its lowercase name is final (scanKeys never replaces it), so it is judged
  // at once: a malformed trace id ends the extract before the span id is even looked up.
  // Decision (as the official package, Go and Java): baggage travels with a valid trace context
  // only, so after a malformed id there is nothing else to look for.
  const traceRaw = safeGet(carrier, getter, OT_TRACE_ID_HEADER);
  let traceId: string | undefined;
  if (traceRaw !== undefined) {
    traceId = parseTraceId(traceRaw);
    if (traceId === undefined) return context;
  }
  const spanRaw = safeGet(carrier, getter, OT_SPAN_ID_HEADER);
  let spanId: string | undefined;
  if (spanRaw !== undefined) {
    spanId = parseSpanId(spanRaw);
    if (spanId === undefined) return context;
  }
  if (
    (traceRaw === undefined || spanRaw === undefined) &&
    plainCarrierLacks(carrier, getter, ID_HEADERS, false)
  ) {
    // A request without OT headers (most requests): no id name in any case among the keys, found
    // by one for…in walk that builds nothing (REQUIREMENTS §9: absent rows allocate nothing). The
    // lookups by name are done, so a Proxy has had its say: no need to exclude it.
    return context;
  }
  const found: OTHeaders = {
    traceId: traceRaw,
    spanId: spanRaw,
    sampled: safeGet(carrier, getter, OT_SAMPLED_HEADER),
    baggage: undefined,
  };
  scanKeys(carrier, getter, found);
  // Names found only in another case by the walk: judged now.
  if (traceId === undefined) {
    traceId = parseTraceId(found.traceId);
    if (traceId === undefined) return context;
  }
  if (spanId === undefined) {
    spanId = parseSpanId(found.spanId);
    if (spanId === undefined) return context;
  }
  const sampled = readSampled(found.sampled);
  if (sampled === undefined) return context;

  // Same ids as the span context already there: its tracestate is kept (remoteSpanContext).
  const spanContext = remoteSpanContext(
    context,
    traceId,
    spanId,
    sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  );
  let result = traceApi.setSpanContext(context, spanContext);
  const bag = found.baggage;
  if (bag !== undefined && bag.items.size > 0) result = mergeBaggage(result, bag.items);
  return result;
}
