/**
 * The B3 propagator: a drop-in for `@opentelemetry/propagator-b3`'s `B3Propagator` (same constructor,
 * same headers for valid input), with spec-exact handling of everything else (REQUIREMENTS §1, §4).
 */
import {
  EXPLAIN_REJECTION,
  EXTRACT_EQUIVALENCE,
  KEEPS_BATON_RULES,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  isTracingSuppressed,
  rejectionReason,
  type RejectionReason,
} from '@baton/internal';
import {
  trace as apiTrace,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { resolveConfig } from './config';
import {
  B3_CONTEXT_HEADER,
  X_B3_FLAGS,
  X_B3_SAMPLED,
  X_B3_SPAN_ID,
  X_B3_TRACE_ID,
} from './constants';
import { explainB3Multi, explainB3Single } from './explain';
import { applyB3, readB3 } from './extract';
import { injectMulti, injectSingle, outgoingOf } from './inject';
import { B3InjectEncoding, type B3PropagatorConfig } from './types';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;

/** `fields()`: exactly what inject can write (REQUIREMENTS §1), per encoding. */
const SINGLE_FIELDS: readonly string[] = [B3_CONTEXT_HEADER];
const MULTI_FIELDS: readonly string[] = [X_B3_TRACE_ID, X_B3_SPAN_ID, X_B3_FLAGS, X_B3_SAMPLED];

export class B3Propagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads these five headers only: see HEADERS_READ. */
  readonly [HEADERS_READ] = {
    names: [B3_CONTEXT_HEADER, X_B3_TRACE_ID, X_B3_SPAN_ID, X_B3_SAMPLED, X_B3_FLAGS],
    prefixes: [],
  };
  /** Extract ignores the options: two adjacent B3 members in a composite are extracted once. */
  readonly [EXTRACT_EQUIVALENCE] = 'b3';

  private readonly _multi: boolean;
  private readonly _emit64BitTraceIds: boolean;

  constructor(config?: B3PropagatorConfig) {
    const resolved = resolveConfig(config);
    this._multi = resolved.injectEncoding === B3InjectEncoding.MULTI_HEADER;
    this._emit64BitTraceIds = resolved.emit64BitTraceIds;
  }

  /** Reads `b3` and `x-b3-*` whatever the inject encoding; returns `context` unchanged when nothing valid. */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (carrier === null || carrier === undefined) return context;
    try {
      const found = readB3(carrier, getter);
      return found === undefined ? context : applyB3(context, found);
    } catch {
      // A hostile carrier (a keys() array with throwing elements, a proxy) — REQUIREMENTS §1:
      // extract never throws and returns the context unchanged when nothing valid is found.
      return context;
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = trace.getSpanContext(context);
      if (spanContext === undefined || isTracingSuppressed(context)) return;
      this.send(context, spanContext, carrier, setter);
    } catch {
      // A span whose spanContext() throws, a foreign context — REQUIREMENTS §1: inject never throws.
    }
  }

  /** inject, for a composite that read the span context and checked suppression (see @baton/internal). */
  [INJECT_SPAN_CONTEXT](
    context: Context,
    spanContext: SpanContext | undefined,
    _baggage: unknown,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    try {
      if (spanContext !== undefined) this.send(context, spanContext, carrier, setter);
    } catch {
      // As inject.
    }
  }

  /**
   * The headers of this inject encoding for `spanContext`, the span context of `context`, tracing
   * not suppressed: what both inject paths write once they have those. May throw; they catch.
   */
  private send(
    context: Context,
    spanContext: SpanContext,
    carrier: unknown,
    setter: TextMapSetter,
  ): void {
    const out = outgoingOf(context, spanContext, this._emit64BitTraceIds);
    if (out === undefined) return;
    if (this._multi) injectMulti(out, carrier, setter);
    else injectSingle(out, carrier, setter);
  }

  fields(): string[] {
    return this._multi ? [...MULTI_FIELDS] : [...SINGLE_FIELDS];
  }

  /** `B3(single)` / `B3(multi)`: what `describePropagator` shows. */
  toString(): string {
    return this._multi ? 'B3(multi)' : 'B3(single)';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it. One `x-b3-*` header is
   * explained alone: a fault found in another header of the group (which the caller did not pass)
   * is not this value's, so it is not reported as such.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    const name = String(header).toLowerCase();
    if (name === B3_CONTEXT_HEADER) return rejectionReason(explainB3Single(value));
    const multi =
      name === X_B3_TRACE_ID
        ? { traceId: value }
        : name === X_B3_SPAN_ID
          ? { traceId: undefined, spanId: value }
          : name === X_B3_SAMPLED
            ? { sampled: value }
            : undefined;
    if (multi === undefined) return undefined;
    const e = explainB3Multi(multi);
    return e.error?.rule.startsWith(`${name}/`) ? rejectionReason(e) : undefined;
  }
}
