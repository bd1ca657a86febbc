/**
 * `xray-lambda`: the X-Ray propagator, plus the Lambda invocation's own tracing header when the
 * request has none. A drop-in for `AWSXRayLambdaPropagator` of
 * `@opentelemetry/propagator-aws-xray-lambda` (which peers api < 1.10 and cannot be installed with
 * SDK 3).
 *
 * Order (REQUIREMENTS §12): a valid context from the carrier's `X-Amzn-Trace-Id` wins; a valid span
 * context already in the input context (W3C ran first in a composite) is kept too; only otherwise is
 * the invocation's header used (lambda-trace-header.ts: the runtime's InvokeStore, then
 * `_X_AMZN_TRACE_ID`), read at every extract.
 */
import {
  EXTRACT_EQUIVALENCE,
  INJECT_SPAN_CONTEXT,
  KEEPS_BATON_RULES,
  EXPLAIN_REJECTION,
  isValidSpanId,
  type RejectionReason,
  isValidTraceId,
} from '@baton/internal';
import {
  trace,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { AWSXRAY_TRACE_ID_HEADER } from './constants';
import { explainXRayRejection } from './explain';
import { applyXRay, parseRaw, readXRay } from './extract';
import { injectGivenSpanContext, injectXRay } from './inject';
import { lambdaTraceHeader } from './lambda-trace-header';

const FIELDS: readonly string[] = [AWSXRAY_TRACE_ID_HEADER];

export class AWSXRayLambdaPropagator implements TextMapPropagator {
  /** Same promise as AWSXRayPropagator: valid span contexts only, baggage merged. */
  readonly [KEEPS_BATON_RULES] = true;
  /**
   * Its own key: it extracts more than `xray` does. And no HEADERS_READ: with the header absent it
   * still reads the Lambda environment, so the composite must not skip it.
   */
  readonly [EXTRACT_EQUIVALENCE] = 'xray-lambda';

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const found = readXRay(carrier, getter);
      if (found !== undefined && found.spanId !== undefined) return applyXRay(context, found);
      const existing = trace.getSpanContext(context);
      if (
        existing !== undefined &&
        isValidTraceId(existing.traceId) &&
        isValidSpanId(existing.spanId)
      ) {
        return found === undefined ? context : applyXRay(context, found);
      }
      const fromLambda = parseRaw(lambdaTraceHeader());
      if (fromLambda !== undefined && fromLambda.spanId !== undefined)
        return applyXRay(context, fromLambda);
      // Neither has a parent span: a Root-only header is still recorded (getXRayRootOnly).
      const rootOnly = found ?? fromLambda;
      return rootOnly === undefined ? context : applyXRay(context, rootOnly);
    } catch {
      return context; // REQUIREMENTS §1: extract never throws
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      injectXRay(context, carrier, setter);
    } catch {
      // REQUIREMENTS §1: inject never throws.
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

  toString(): string {
    return 'AWSXRayLambda';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return explainXRayRejection(header, value);
  }
}
