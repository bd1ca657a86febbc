/**
 * The X-Ray propagator: a drop-in for `AWSXRayPropagator` of `@opentelemetry/propagator-aws-xray`
 * (same class name, same header for valid input), strict on everything else (REQUIREMENTS §1, §12).
 */
import {
  EXTRACT_EQUIVALENCE,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  KEEPS_BATON_RULES,
  EXPLAIN_REJECTION,
  type RejectionReason,
} from '@baton/internal';
import type {
  Baggage,
  Context,
  SpanContext,
  TextMapGetter,
  TextMapPropagator,
  TextMapSetter,
} from '@opentelemetry/api';
import { AWSXRAY_TRACE_ID_HEADER } from './constants';
import { explainXRayRejection } from './explain';
import { applyXRay, readXRay } from './extract';
import { injectGivenSpanContext, injectXRay } from './inject';

const FIELDS: readonly string[] = [AWSXRAY_TRACE_ID_HEADER];

export class AWSXRayPropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * (Lineage) rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads `x-amzn-trace-id` only, and returns its input when it is absent. */
  readonly [HEADERS_READ] = { names: [AWSXRAY_TRACE_ID_HEADER], prefixes: [] };
  /** Two adjacent `xray` members in a composite are extracted once. */
  readonly [EXTRACT_EQUIVALENCE] = 'xray';

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const found = readXRay(carrier, getter);
      return found === undefined ? context : applyXRay(context, found);
    } catch {
      // A hostile carrier (a proxy, keys() elements that throw) — REQUIREMENTS §1: extract never
      // throws and returns the context unchanged when nothing valid is found.
      return context;
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      injectXRay(context, carrier, setter);
    } catch {
      // A span whose spanContext() throws, a Baggage whose getEntry() throws — §1: never throws.
    }
  }

  /** inject, for a composite that read the span context and baggage and checked suppression (see @baton/internal). */
  [INJECT_SPAN_CONTEXT](
    _context: Context,
    spanContext: SpanContext | undefined,
    baggage: Baggage | undefined,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    injectGivenSpanContext(spanContext, baggage, carrier, setter);
  }

  fields(): string[] {
    return FIELDS.slice();
  }

  /** What describePropagator shows. */
  toString(): string {
    return 'AWSXRay';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return explainXRayRejection(header, value);
  }
}
