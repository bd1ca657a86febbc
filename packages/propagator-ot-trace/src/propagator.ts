import {
  BaggageHeaderNames,
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
import { resolveConfig, type OTTracePropagatorConfig } from './config';
import {
  OT_BAGGAGE_PREFIX,
  OT_SAMPLED_HEADER,
  OT_SPAN_ID_HEADER,
  OT_TRACE_ID_HEADER,
} from './constants';
import { explainOTRejection } from './explain';
import { extractOT } from './extract';
import { injectOT, injectOTSpan } from './inject';

/** `fields()`: the fixed headers inject writes (baggage names depend on the baggage, as official). */
const FIELDS: readonly string[] = [OT_TRACE_ID_HEADER, OT_SPAN_ID_HEADER, OT_SAMPLED_HEADER];

/**
 * Propagates trace context in the OpenTracing "OT Trace" format (`ot-tracer-*`) and baggage as
 * `ot-baggage-*` headers. A drop-in for `OTTracePropagator` of `@opentelemetry/propagator-ot-trace`:
 * same class name, same headers for valid input; stricter on bad input, bounded on many headers.
 *
 * ```ts
 * new OTTracePropagator();                              // 32-char trace ids
 * new OTTracePropagator({ emit64BitTraceIds: true });   // 16 chars for 64-bit trace ids
 * ```
 */
export class OTTracePropagator implements TextMapPropagator {
  /** Promise to CompositePropagator: extract never yields an invalid span context, merges baggage. */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads these three names and the baggage prefix only: see HEADERS_READ. */
  readonly [HEADERS_READ] = {
    names: [OT_TRACE_ID_HEADER, OT_SPAN_ID_HEADER, OT_SAMPLED_HEADER],
    prefixes: [OT_BAGGAGE_PREFIX],
  };
  /** Extract ignores the options: two adjacent OT members in a composite are extracted once. */
  readonly [EXTRACT_EQUIVALENCE] = 'ottrace';

  private readonly emit64BitTraceIds: boolean;
  private readonly baggageNames = new BaggageHeaderNames(OT_BAGGAGE_PREFIX);

  /** Throws a TypeError for an unknown option or an `emit64BitTraceIds` that is not a boolean. */
  constructor(config?: OTTracePropagatorConfig) {
    this.emit64BitTraceIds = resolveConfig(config).emit64BitTraceIds;
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      injectOT(context, carrier, setter, this.emit64BitTraceIds, this.baggageNames);
    } catch {
      // A span whose spanContext() throws, a Baggage whose getAllEntries() throws —
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
    try {
      if (spanContext === undefined) return;
      injectOTSpan(
        spanContext,
        baggage,
        carrier,
        setter,
        this.emit64BitTraceIds,
        this.baggageNames,
      );
    } catch {
      // As inject.
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      return extractOT(context, carrier, getter);
    } catch {
      // A hostile carrier (keys() elements that throw, a proxy) — REQUIREMENTS §1: extract never
      // throws and returns the context unchanged when nothing valid is found.
      return context;
    }
  }

  fields(): string[] {
    return FIELDS.slice();
  }

  /** `OTTrace`, or `OTTrace(64-bit)` with emit64BitTraceIds (what describePropagator shows). */
  toString(): string {
    return this.emit64BitTraceIds ? 'OTTrace(64-bit)' : 'OTTrace';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    return explainOTRejection(header, value);
  }
}
