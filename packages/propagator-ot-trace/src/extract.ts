/**
 * Extract: `ot-tracer-*` into a remote SpanContext, `ot-baggage-*` into Baggage.
 *
 * REQUIREMENTS §1: never throws, returns the input context unchanged when nothing valid was found,
 * never replaces a valid SpanContext or Baggage with a malformed one. §12: Jaeger's baggage caps.
 */
import {
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import { mergeBaggage } from '@baton/internal';
import { parseOTSpanContext } from './ot-span-context';
import { readOTHeaders } from './read-headers';

export function extractOT(context: Context, carrier: unknown, getter: TextMapGetter): Context {
  if (carrier === null || carrier === undefined) return context;
  const found = readOTHeaders(carrier, getter);
  if (found.traceId === undefined && found.spanId === undefined) return context;
  const parsed = parseOTSpanContext(found.traceId, found.spanId, found.sampled);
  // Decision (as the official package, Go and Java): baggage travels with a valid trace context
  // only. Without one, the ot-baggage-* headers are ignored and the context is returned unchanged.
  if (parsed === undefined) return context;

  const spanContext: SpanContext = {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    isRemote: true,
    traceFlags: parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  };
  // Same ids as the span context already there (W3C ran first in a composite): keep its
  // tracestate, as B3 and Jaeger do (REQUIREMENTS §4 "Preserve tracestate"; OT has none).
  const existing = trace.getSpanContext(context);
  if (
    existing !== undefined &&
    existing.traceState !== undefined &&
    existing.traceId === parsed.traceId &&
    existing.spanId === parsed.spanId
  ) {
    spanContext.traceState = existing.traceState;
  }
  let result = trace.setSpanContext(context, spanContext);
  const bag = found.baggage;
  if (bag !== undefined && bag.items.size > 0) result = mergeBaggage(result, bag.items);
  return result;
}
