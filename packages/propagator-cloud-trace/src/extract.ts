/**
 * Extract `X-Cloud-Trace-Context` into a remote SpanContext. Shared by both propagators.
 *
 * REQUIREMENTS §1: never throws, returns the input context unchanged when nothing valid is found.
 * Issue 19: "Never put an invalid context in place of a valid one" — the official 0.22 sets an
 * invalid span context (span `0`, a 64-bit overflow) over a valid one from an earlier member.
 */
import { trace, TraceFlags, type Context, type TextMapGetter } from '@opentelemetry/api';
import {
  firstValue,
  getHeader,
  headerNames,
  plainCarrierLacks,
  remoteSpanContext,
  safeGet,
} from '@baton/internal';
import { MAX_CLOUD_TRACE_CONTEXT_LENGTH, X_CLOUD_TRACE_HEADER } from './constants';
import { parseCloudTraceContext } from './x-cloud-trace-context';

// The API's CommonJS build exports `trace` through a getter: a call on each use. Read once.
const traceApi = trace;

const HEADERS = headerNames([X_CLOUD_TRACE_HEADER]);

export function extractCloudTrace(
  context: Context,
  carrier: unknown,
  getter: TextMapGetter,
): Context {
  if (carrier === null || carrier === undefined) return context;
  // Lowercase name first, then a case-insensitive scan only on a miss (§1). For Node's headers (a
  // plain object) the scan builds no key array: most requests have no such header at all.
  let raw = safeGet(carrier, getter, X_CLOUD_TRACE_HEADER);
  if (raw === undefined) {
    // The usual miss, on Node's headers: one for…in walk over the keys V8 caches, most of them
    // ruled out by their first char, no array built (REQUIREMENTS §9: absent rows allocate nothing;
    // the official package does one get and no case-insensitive fallback at all). No Proxy or
    // prototype check: the lookup by name is done, and a key listed in any case sends the read to
    // getHeader, which makes them.
    if (plainCarrierLacks(carrier, getter, HEADERS, false)) return context;
    raw = getHeader(carrier, getter, X_CLOUD_TRACE_HEADER);
  }
  const value = firstValue(raw, MAX_CLOUD_TRACE_CONTEXT_LENGTH);
  if (value === undefined) return context;
  const parsed = parseCloudTraceContext(value);
  if (parsed === undefined) return context;
  // Same ids as the span context already there: its tracestate is kept (remoteSpanContext).
  const spanContext = remoteSpanContext(
    context,
    parsed.traceId,
    parsed.spanId,
    parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  );
  return traceApi.setSpanContext(context, spanContext);
}
