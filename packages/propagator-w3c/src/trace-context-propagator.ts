/**
 * W3C Trace Context (Level 2) propagator: `traceparent` + `tracestate`.
 */
import {
  trace as apiTrace,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  anchorShape,
  firstValue,
  getHeader,
  hasValidIds,
  headerAfterMiss,
  mayHoldOtherCase,
  isSafeHeaderValue,
  isTracingSuppressed,
  joinedValue,
  safeSet,
  KEEPS_BATON_RULES,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  EXPLAIN_REJECTION,
  rejectionReason,
  type RejectionReason,
} from '@baton/internal';
import { explainTraceparent } from './explain-traceparent';
import { explainTracestate } from './explain-tracestate';
import {
  FLAG_RANDOM,
  TRACE_PARENT_HEADER,
  TRACE_PARENT_MAX_LENGTH,
  TRACE_STATE_HEADER,
  TRACE_STATE_MAX_LENGTH,
} from './constants';
import { formatTraceParent, parseTraceParent, traceParentOf } from './traceparent';
import { setRandomTrace, withRandomOfTrace } from './random-trace';
import { W3CTraceState } from './trace-state';
import { parseTraceStateList } from './tracestate-grammar';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const trace = apiTrace;

/**
 * The traceparent value to parse: a string, the only element of an array, or a Buffer.
 * Two values (an array of two, as some carriers deliver a repeated header) are invalid:
 * W3C-TC §traceparent: a request with several traceparent headers has an invalid traceparent.
 */
function traceParentValue(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.length !== 1) return undefined;
  return firstValue(raw, TRACE_PARENT_MAX_LENGTH);
}

/**
 * The tracestate to inject, from any TraceState implementation. Baton's own is trusted; any other
 * (core's, the API's, a user's) is re-validated, so inject never writes an illegal header.
 */
function traceStateToSend(state: SpanContext['traceState']): string | undefined {
  if (state === undefined || state === null) return undefined;
  let value: unknown;
  try {
    value = state.serialize();
  } catch {
    return undefined;
  }
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (state instanceof W3CTraceState) return value;
  if (value.length > TRACE_STATE_MAX_LENGTH || !isSafeHeaderValue(value)) return undefined;
  const list = parseTraceStateList(value);
  if (list === undefined) return undefined;
  // Not canonical (a duplicate key, OWS, empty members): sent as the list extract would keep.
  return list.canonical ? value : new W3CTraceState(value).serialize() || undefined;
}

/**
 * `traceparent` and `tracestate` for the span context of `context`, tracing not suppressed. May
 * throw (a span context whose getters throw): the callers catch.
 */
function injectTraceContext(
  context: Context,
  spanContext: SpanContext,
  carrier: unknown,
  setter: TextMapSetter,
): void {
  const traceId = spanContext.traceId;
  const spanId = spanContext.spanId;
  const flags = withRandomOfTrace(context, traceId, spanContext.traceFlags);
  // hasValidIds remembers this span context for the composite's other members (they send the
  // same span); formatTraceParent takes the rest (uppercase ids are lowercased, or nothing).
  const traceParent = hasValidIds(spanContext, traceId, spanId)
    ? traceParentOf(traceId, spanId, flags)
    : formatTraceParent(traceId, spanId, flags);
  if (traceParent === undefined) return;
  safeSet(carrier, setter, TRACE_PARENT_HEADER, traceParent);
  // W3C-TC §tracestate: an empty tracestate is not sent.
  const traceState = traceStateToSend(spanContext.traceState);
  if (traceState !== undefined) safeSet(carrier, setter, TRACE_STATE_HEADER, traceState);
}

/** Read once: an import is a property read on the module's exports at each use. */
const TRACE_PARENT_NAME_LENGTH = TRACE_PARENT_HEADER.length;

/** extract's value handling, once the lookup found a `traceparent` (`raw`, neither undefined nor null). */
function extractTraceParent(
  context: Context,
  carrier: unknown,
  getter: TextMapGetter,
  raw: unknown,
): Context {
  try {
    const value = traceParentValue(raw);
    if (value === undefined) return context;
    const spanContext = parseTraceParent(value);
    if (spanContext === undefined) return context;
    // tracestate is read only with a valid traceparent (W3C-TC §tracestate); several headers are
    // one list, joined in order. Too long → discarded unread.
    const state = joinedValue(
      getHeader(carrier, getter, TRACE_STATE_HEADER),
      TRACE_STATE_MAX_LENGTH,
    );
    if (state !== undefined && state.length > 0) spanContext.traceState = new W3CTraceState(state);
    const out = trace.setSpanContext(context, spanContext);
    return (spanContext.traceFlags & FLAG_RANDOM) === 0
      ? out
      : setRandomTrace(out, spanContext.traceId);
  } catch {
    return context;
  }
}

export class W3CTraceContextPropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads `traceparent`, and `tracestate` only when it is valid: see HEADERS_READ. */
  readonly [HEADERS_READ] = {
    names: [TRACE_PARENT_HEADER],
    prefixes: [],
    dependentNames: [TRACE_STATE_HEADER],
  };

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = trace.getSpanContext(context);
      if (spanContext === undefined || isTracingSuppressed(context)) return;
      injectTraceContext(context, spanContext, carrier, setter);
    } catch {
      // A context or span context that throws on access: nothing is injected.
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
      if (spanContext !== undefined) injectTraceContext(context, spanContext, carrier, setter);
    } catch {
      // A span context that throws on access: nothing is injected.
    }
  }

  /**
   * The lookup only (most requests carry no traceparent), with no `try` around it: each step that can
   * meet a throw has its own (the getter call here, mayHoldOtherCase's walk, headerAfterMiss), and the
   * value is read in extractTraceParent, which catches the rest. On Node's request headers without a
   * traceparent this is one get and one walk over the key lengths (REQUIREMENTS §9: absent rows).
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (carrier === null || carrier === undefined) return context;
    let raw: unknown;
    try {
      raw = getter.get(carrier, TRACE_PARENT_HEADER);
    } catch {
      return context; // a throwing getter: the header is absent (REQUIREMENTS §1)
    }
    if (raw === undefined || raw === null) {
      // §1's case-insensitive fallback, only when some key could be the name in another case.
      if (!mayHoldOtherCase(carrier, getter, TRACE_PARENT_NAME_LENGTH)) return context;
      raw = headerAfterMiss(carrier, getter, TRACE_PARENT_HEADER);
      if (raw === undefined || raw === null) return context;
    }
    return extractTraceParent(context, carrier, getter, raw);
  }

  fields(): string[] {
    return [TRACE_PARENT_HEADER, TRACE_STATE_HEADER];
  }

  toString(): string {
    return 'W3CTraceContext';
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    const name = String(header).toLowerCase();
    if (name === TRACE_PARENT_HEADER) return rejectionReason(explainTraceparent(value));
    if (name === TRACE_STATE_HEADER) return rejectionReason(explainTracestate(value));
    return undefined;
  }
}

// Extract's span context with a tracestate, and the tracestate, live as long as one request: one
// of each, built as extract builds them, is kept alive so their maps survive full GCs between
// requests (see anchorShape in @baton/internal).
const example = parseTraceParent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
if (example !== undefined) {
  example.traceState = new W3CTraceState('congo=t61rcWkgMzE');
  example.traceState.get('congo');
  anchorShape(example);
}
