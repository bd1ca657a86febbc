import {
  BaggageHeaderNames,
  KEEPS_BATON_RULES,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  EXPLAIN_REJECTION,
  rejectionReason,
  type HeadersRead,
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
import { resolveConfig, type JaegerPropagatorConfig, type ResolvedJaegerConfig } from './config';
import { JAEGER_BAGGAGE_HEADER } from './constants';
import { explainUberTraceId } from './explain';
import { extractJaeger } from './extract';
import { injectJaeger, injectJaegerSpan } from './inject';

/**
 * Propagates trace context in the Jaeger format (`uber-trace-id`) and baggage as `uberctx-*`
 * headers. A drop-in for `JaegerPropagator` of `@opentelemetry/propagator-jaeger`: same class name,
 * same constructor forms, same headers for valid input; stricter on bad input.
 *
 * ```ts
 * new JaegerPropagator();                    // uber-trace-id, uberctx-*
 * new JaegerPropagator('x-trace');           // custom trace header
 * new JaegerPropagator({ customTraceHeader: 'x-trace', customBaggageHeaderPrefix: 'x-bag' });
 * ```
 */
export class JaegerPropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads the trace header, `jaeger-baggage` and the baggage prefix: see HEADERS_READ. */
  readonly [HEADERS_READ]: HeadersRead;

  private readonly config: ResolvedJaegerConfig;
  private readonly fieldList: readonly string[];
  private readonly baggageNames: BaggageHeaderNames;

  /** Throws a TypeError for a header name that is not an HTTP token or an unknown option. */
  constructor(config?: string | JaegerPropagatorConfig) {
    this.config = resolveConfig(config);
    this[HEADERS_READ] = {
      names: [this.config.traceHeader, JAEGER_BAGGAGE_HEADER],
      prefixes: [this.config.baggagePrefix],
    };
    this.fieldList = Object.freeze([this.config.traceHeader]);
    this.baggageNames = new BaggageHeaderNames(this.config.baggagePrefix, JAEGER_BAGGAGE_HEADER);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      injectJaeger(context, carrier, setter, this.config, this.baggageNames);
    } catch {
      // A span whose spanContext() throws, a Baggage whose getAllEntries() throws or returns
      // non-entries — REQUIREMENTS §1: inject never throws.
    }
  }

  /** inject, for a composite that read the span context and baggage and checked suppression (see @baton/internal). */
  [INJECT_SPAN_CONTEXT](
    context: Context,
    spanContext: SpanContext | undefined,
    baggage: Baggage | undefined,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    try {
      injectJaegerSpan(
        context,
        spanContext,
        baggage,
        carrier,
        setter,
        this.config,
        this.baggageNames,
      );
    } catch {
      // As inject.
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      return extractJaeger(context, carrier, getter, this.config);
    } catch {
      // A hostile carrier (keys() elements that throw, a proxy) — REQUIREMENTS §1: extract never
      // throws and returns the context unchanged when nothing valid is found.
      return context;
    }
  }

  /** The trace header only: baggage header names depend on the baggage (as the official package). */
  fields(): string[] {
    return this.fieldList.slice();
  }

  /** `Jaeger`, or `Jaeger(<trace header>)` when the trace header is customised (describePropagator). */
  toString(): string {
    return this.config.customTraceHeader ? `Jaeger(${this.config.traceHeader})` : 'Jaeger';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return String(header).toLowerCase() === this.config.traceHeader
      ? rejectionReason(explainUberTraceId(value))
      : undefined;
  }
}
