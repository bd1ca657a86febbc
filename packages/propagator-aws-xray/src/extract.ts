/**
 * Extract: `X-Amzn-Trace-Id` into a remote SpanContext, `Lineage` into baggage (REQUIREMENTS §12).
 *
 * REQUIREMENTS §1: never throws; returns the input context unchanged when nothing valid was found,
 * so a malformed header never replaces a valid SpanContext or Baggage already there.
 */
import {
  trace,
  TraceFlags,
  type BaggageEntry,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { firstValue, getHeader, mergeBaggage, remoteSpanContext } from '@baton/internal';
import { AWSXRAY_TRACE_ID_HEADER, LINEAGE_BAGGAGE_KEY, MAX_TRACE_HEADER_LENGTH } from './constants';
import { XRAY_SAMPLING_STATE_KEY, type XRaySamplingRecord } from './sampling-state';
import { isXRayRejection, parseXRayTraceHeader, type XRayTraceHeader } from './trace-header';

/** The accepted header value of `raw` (a header value as a carrier hands it over), or undefined. */
export function parseRaw(raw: unknown): XRayTraceHeader | undefined {
  // Arrays give their first value (REQUIREMENTS §1); Buffers are read as latin1; over-long values
  // are rejected before they are read.
  const value = firstValue(raw, MAX_TRACE_HEADER_LENGTH);
  if (value === undefined) return undefined;
  const parsed = parseXRayTraceHeader(value);
  return isXRayRejection(parsed) ? undefined : parsed;
}

/** The carrier's X-Ray header, parsed, or undefined. Lowercase lookup first, then any case. */
export function readXRay(carrier: unknown, getter: TextMapGetter): XRayTraceHeader | undefined {
  if (carrier === null || carrier === undefined) return undefined;
  return parseRaw(getHeader(carrier, getter, AWSXRAY_TRACE_ID_HEADER));
}

/** `context` with what the header carries. */
export function applyXRay(context: Context, found: XRayTraceHeader): Context {
  const { traceId, spanId, sampling } = found;
  let ctx = context;
  if (spanId === undefined) {
    // `Root` without `Parent` (a load balancer's first hop): no parent span, so no SpanContext.
    // The balancer's trace id and decision are recorded (getXRayRootOnly, AWSXRaySampler).
    const record: XRaySamplingRecord = { sampling, traceId, spanId: undefined };
    ctx = ctx.setValue(XRAY_SAMPLING_STATE_KEY, record);
  } else {
    // The same ids as the span context already there (W3C ran first in a composite): its
    // tracestate is kept, as B3 and Jaeger do (REQUIREMENTS §4 "Preserve tracestate"). Not any
    // other context's: the official package copies the tracestate of whatever span was there, even
    // of another trace.
    const spanContext = remoteSpanContext(
      context,
      traceId,
      spanId,
      sampling === 'sampled' ? TraceFlags.SAMPLED : TraceFlags.NONE,
    );
    if (sampling === 'deferred') {
      // Extracted as not sampled (as Go and Java do); AWSXRaySampler lets the root sampler decide.
      const record: XRaySamplingRecord = { sampling, traceId, spanId };
      ctx = ctx.setValue(XRAY_SAMPLING_STATE_KEY, record);
    }
    ctx = trace.setSpanContext(ctx, spanContext);
  }
  if (found.lineage !== undefined) {
    const entries = new Map<string, BaggageEntry>();
    entries.set(LINEAGE_BAGGAGE_KEY, { value: found.lineage });
    ctx = mergeBaggage(ctx, entries);
  }
  return ctx;
}
