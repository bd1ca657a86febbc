import {
  EXPLAIN_REJECTION,
  EXTRACT_EQUIVALENCE,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  KEEPS_BATON_RULES,
  rejectionReason,
  type RejectionReason,
} from '@baton/internal';
import type {
  Context,
  SpanContext,
  TextMapGetter,
  TextMapPropagator,
  TextMapSetter,
} from '@opentelemetry/api';
import { X_CLOUD_TRACE_HEADER } from './constants';
import { explainCloudTraceContext } from './explain';
import { extractCloudTrace } from './extract';
import { injectCloudTrace, injectCloudTraceSpan } from './inject';

const FIELDS: readonly string[] = [X_CLOUD_TRACE_HEADER];

/**
 * Reads and writes `X-Cloud-Trace-Context` (the name `gcp` in OTEL_PROPAGATORS, as Java). A drop-in
 * for `CloudPropagator` of `@google-cloud/opentelemetry-cloud-trace-propagator` (also exported
 * under that name): same header for valid input, no deprecation warning, no `@opentelemetry/core`
 * peer, and strict about everything else.
 */
export class CloudTracePropagator implements TextMapPropagator {
  /** Promise to CompositePropagator: extract never yields an invalid span context. */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads this one header only: see HEADERS_READ. */
  readonly [HEADERS_READ] = { names: FIELDS, prefixes: [] as string[] };
  /** Both Cloud Trace propagators extract the same: adjacent ones in a composite run once. */
  readonly [EXTRACT_EQUIVALENCE] = 'gcp';

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      injectCloudTrace(context, carrier, setter);
    } catch {
      // A span whose spanContext() throws — REQUIREMENTS §1: inject never throws.
    }
  }

  /** inject, for a composite that read the span context and checked suppression (see @baton/internal). */
  [INJECT_SPAN_CONTEXT](
    _context: Context,
    spanContext: SpanContext | undefined,
    _baggage: unknown,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    try {
      if (spanContext !== undefined) injectCloudTraceSpan(spanContext, carrier, setter);
    } catch {
      // As inject.
    }
  }

  /**
   * REQUIREMENTS §1: never throws, returns the context unchanged when nothing valid is found.
   * extractCloudTrace catches at each step that can meet a throw (see there): no `try` here, which
   * cost a quarter of the time of a request without the header.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return extractCloudTrace(context, carrier, getter);
  }

  fields(): string[] {
    return FIELDS.slice();
  }

  /** What describePropagator shows. */
  toString(): string {
    return 'CloudTrace';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return explainCloudTraceRejection(header, value);
  }
}

/**
 * Reads `X-Cloud-Trace-Context` and writes nothing of its own (`oneway-gcp`, as Java; Go's
 * CloudTraceOneWayPropagator): for a service behind a Google load balancer that sends the header,
 * whose own calls go out in another format (W3C, put it next to this one in a composite).
 */
export class CloudTraceOneWayPropagator implements TextMapPropagator {
  readonly [KEEPS_BATON_RULES] = true;
  readonly [HEADERS_READ] = { names: FIELDS, prefixes: [] as string[] };
  readonly [EXTRACT_EQUIVALENCE] = 'gcp';

  /** Writes nothing: one-way. */
  inject(): void {}

  /** As CloudTracePropagator's: never throws (extractCloudTrace catches where a throw can come). */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return extractCloudTrace(context, carrier, getter);
  }

  /** Nothing: REQUIREMENTS §1 "fields() returns exactly the fixed keys inject can write". */
  fields(): string[] {
    return [];
  }

  toString(): string {
    return 'CloudTrace(one-way)';
  }

  /** As CloudTracePropagator's: the same parser reads the header. */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return explainCloudTraceRejection(header, value);
  }
}

function explainCloudTraceRejection(header: string, value: string): RejectionReason | undefined {
  return String(header).toLowerCase() === X_CLOUD_TRACE_HEADER
    ? rejectionReason(explainCloudTraceContext(value))
    : undefined;
}
