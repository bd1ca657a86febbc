/**
 * Extract: `ot-tracer-*` into a remote SpanContext, `ot-baggage-*` into Baggage.
 *
 * REQUIREMENTS §1: never throws, returns the input context unchanged when nothing valid was found,
 * never replaces a valid SpanContext or Baggage with a malformed one. §12: Jaeger's baggage caps.
 */
import { trace, TraceFlags, type Context, type TextMapGetter } from '@opentelemetry/api';
import { mergeBaggage, remoteSpanContext } from '@baton/internal';
import { parseOTIds, readSampled, type OTIds } from './ot-span-context';
import { readLowercase, scanKeys } from './read-headers';

export function extractOT(context: Context, carrier: unknown, getter: TextMapGetter): Context {
  if (carrier === null || carrier === undefined) return context;
  const found = readLowercase(carrier, getter);
  // Both ids in lowercase (the usual request): a malformed one ends it here, before keys().
  // Decision (as the official package, Go and Java): baggage travels with a valid trace context
  // only, so there is nothing else to look for.
  let ids: OTIds | undefined;
  if (found.traceId !== undefined && found.spanId !== undefined) {
    ids = parseOTIds(found.traceId, found.spanId);
    if (ids === undefined) return context;
  }
  scanKeys(carrier, getter, found);
  if (ids === undefined) ids = parseOTIds(found.traceId, found.spanId);
  if (ids === undefined) return context;
  const sampled = readSampled(found.sampled);
  if (sampled === undefined) return context;

  // Same ids as the span context already there: its tracestate is kept (remoteSpanContext).
  const spanContext = remoteSpanContext(
    context,
    ids.traceId,
    ids.spanId,
    sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  );
  let result = trace.setSpanContext(context, spanContext);
  const bag = found.baggage;
  if (bag !== undefined && bag.items.size > 0) result = mergeBaggage(result, bag.items);
  return result;
}
