/**
 * A promise a propagator can make to CompositePropagator (@baton/propagator-composite).
 *
 * The composite guards every member it does not know: after each extract it checks that a new span
 * context has valid ids (REQUIREMENTS §1: "Extract of a malformed value never replaces a valid
 * SpanContext") and that no baggage entry was dropped (§3 Decision: "extract merges header entries
 * into the baggage already in the context"). A propagator that keeps both rules itself — every Baton
 * propagator — sets `[KEEPS_BATON_RULES] = true` (e.g. as a class field) and the composite skips those
 * two checks for it. `Symbol.for`, so the promise is seen across copies of this package.
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
