import type { Baggage, Context, SpanContext, TextMapSetter } from '@opentelemetry/api';

/**
 * A promise a propagator can make to CompositePropagator (@baton/propagator-composite).
 *
 * The composite guards every member it does not know: after each extract it checks that a new span
 * context has valid ids (REQUIREMENTS §1: "Extract of a malformed value never replaces a valid
 * SpanContext") and that no baggage entry was dropped (§3 Decision: "extract merges header entries
 * into the baggage already in the context"). A propagator that keeps both rules itself — every Baton
 * propagator — sets `[KEEPS_BATON_RULES] = true` (e.g. as a class field) and the composite skips those
 * two checks for it. Part of the promise: a span the propagator's extract puts in the context has a
 * span context (spanContext() returns one, with valid ids); when it is the only member to run, the
 * composite does not read that span back. `Symbol.for`, so the promise is seen across copies of
 * this package.
 */
export const KEEPS_BATON_RULES: unique symbol = Symbol.for('@baton/internal keeps-baton-rules');

/** True when `p` promised to keep Baton's extract rules. */
export function keepsBatonRules(p: unknown): boolean {
  return (
    typeof p === 'object' &&
    p !== null &&
    (p as { [KEEPS_BATON_RULES]?: unknown })[KEEPS_BATON_RULES] === true
  );
}

/**
 * Another promise to CompositePropagator: members with the same equivalence key extract exactly
 * the same thing from a carrier, whatever their options (every B3 propagator reads both encodings;
 * only inject differs). Adjacent members with one key are then extracted once: with
 * `OTEL_PROPAGATORS=b3,b3multi` the B3 headers are parsed once per request, not twice.
 */
export const EXTRACT_EQUIVALENCE: unique symbol = Symbol.for('@baton/internal extract-equivalence');

/** The member's extract-equivalence key, or undefined. */
export function extractEquivalence(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const key = (p as { [EXTRACT_EQUIVALENCE]?: unknown })[EXTRACT_EQUIVALENCE];
  return typeof key === 'string' ? key : undefined;
}

/** The headers a propagator's extract reads: exact names and name prefixes, lowercase. */
export interface HeadersRead {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
  /**
   * Names read only once one of `names` was found (W3C `tracestate`, read with a valid
   * `traceparent`): they never make the member run, but the composite looks for them in its walk
   * of the keys, so that the member's case-insensitive fallback for them can be answered from that
   * walk instead of a second one (see beginWalkedCarrier).
   */
  readonly dependentNames?: readonly string[];
}

/**
 * A third promise to CompositePropagator: this member's extract reads only these headers (each by
 * its lowercase name, then case-insensitively through `keys()`), and returns its input context
 * when none of them is in the carrier. The composite can then look the names up once for all its
 * members and skip the ones whose headers are absent — a W3C-only request through a composite of
 * every format runs one member, not five.
 */
export const HEADERS_READ: unique symbol = Symbol.for('@baton/internal headers-read');

/** The headers the member promised to read, or undefined. */
export function headersRead(p: unknown): HeadersRead | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const h = (p as { [HEADERS_READ]?: unknown })[HEADERS_READ];
  if (typeof h !== 'object' || h === null) return undefined;
  const { names, prefixes, dependentNames } = h as HeadersRead;
  if (!Array.isArray(names) || !Array.isArray(prefixes)) return undefined;
  return dependentNames === undefined || Array.isArray(dependentNames)
    ? (h as HeadersRead)
    : undefined;
}

/**
 * Not a promise to the composite but a service to the diagnostics (@baton/propagator-env): a
 * propagator may provide, under this key, `(header, value) → reason | undefined` saying which rule
 * of its grammar a rejected value breaks (issue 14: "a header that a member read and rejected is
 * reported … with the rule that rejected it"). Format packages implement it as a prototype method
 * that delegates to their explain API, so it costs nothing on the request path: it runs only when
 * a report is due. Defined here, not in propagator-env, because format packages may depend on
 * @baton/internal only. `Symbol.for`, so it is seen across copies of this package.
 */
export const EXPLAIN_REJECTION: unique symbol = Symbol.for('@baton/internal explain-rejection');

/** What an EXPLAIN_REJECTION method returns: the rule in words, its source, the position. */
export interface RejectionReason {
  readonly rule: string;
  readonly spec?: string;
  readonly position?: number;
}

/**
 * A fourth promise to CompositePropagator: `[INJECT_SPAN_CONTEXT](context, spanContext, baggage,
 * carrier, setter)` writes exactly what `inject(context, carrier, setter)` writes, given that the
 * caller has found tracing not suppressed in `context` (REQUIREMENTS §1) and passes the span context
 * `trace.getSpanContext(context)` returns and a Baggage with the entries of
 * `propagation.getBaggage(context)` (each undefined when the context holds none). It never throws.
 *
 * Every member's inject begins by reading the span context, the suppression key and (those that
 * send baggage: W3C baggage, Jaeger, OT, X-Ray's Lineage) the baggage; in a composite of several
 * members that is the same three context reads per member. The composite checks suppression once
 * already, reads the span context and the baggage once more, and hands them to every member that
 * made this promise. `Symbol.for`, so the promise is seen across copies of this package; the key
 * names the signature (an earlier form had no baggage argument), so a composite and a member from
 * copies that disagree on it do not see each other's promise, and the member runs its own inject.
 */
export const INJECT_SPAN_CONTEXT: unique symbol = Symbol.for(
  '@baton/internal inject-span-context (context, spanContext, baggage, carrier, setter)',
);

/** The signature of an INJECT_SPAN_CONTEXT method. */
export type SpanContextInject = (
  context: Context,
  spanContext: SpanContext | undefined,
  baggage: Baggage | undefined,
  carrier: unknown,
  setter: TextMapSetter,
) => void;

/** True when `p` has an INJECT_SPAN_CONTEXT method. */
export function injectsSpanContext(p: unknown): boolean {
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof (p as { [INJECT_SPAN_CONTEXT]?: unknown })[INJECT_SPAN_CONTEXT] === 'function'
  );
}
