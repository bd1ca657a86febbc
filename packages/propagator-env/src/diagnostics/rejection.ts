/**
 * Why a member rejected a header value — the small interface a format package can implement.
 *
 * One parser per format (DESIGN): the diagnostics never parse a header themselves. A propagator may
 * expose, under the `Symbol.for` key below, a function that says which rule of its grammar a value
 * breaks; until it does, the report gives the format's grammar (formats.ts) as a generic reason.
 */
import { EXPLAIN_REJECTION as INTERNAL_EXPLAIN_REJECTION } from '@baton/internal';
import type { KnownFormat } from './formats';

export interface RejectionReason {
  /** The rule the value breaks, in words: "trace-id must be 32 lowercase hex digits". */
  readonly rule: string;
  /** Where the rule comes from: "W3C Trace Context §3.2.2.3". */
  readonly spec?: string;
  /** 0-based index of the first character that breaks it, when known. */
  readonly position?: number;
}

/** `(header, value) → reason`, or undefined when the value is in fact valid (or unknown). */
export type RejectionExplainer = (header: string, value: string) => RejectionReason | undefined;

/**
 * The key under which a propagator provides its RejectionExplainer (seen across package copies).
 * Defined in @baton/internal, which the format packages depend on (they may not depend on this one).
 */
export const EXPLAIN_REJECTION: typeof INTERNAL_EXPLAIN_REJECTION = INTERNAL_EXPLAIN_REJECTION;

/**
 * The member's explainer, if it provides one, bound to the member: format packages implement it as
 * a prototype method, which may read its own options (a custom header name).
 */
export function explainerOf(member: unknown): RejectionExplainer | undefined {
  if (typeof member !== 'object' || member === null) return undefined;
  const f = (member as { [EXPLAIN_REJECTION]?: unknown })[EXPLAIN_REJECTION];
  return typeof f === 'function' ? (f.bind(member) as RejectionExplainer) : undefined;
}

/** The member's reason when it explains itself (and does not throw), else the format's grammar. */
export function reasonFor(
  explainer: RejectionExplainer | undefined,
  format: KnownFormat,
  value: string,
): RejectionReason {
  if (explainer !== undefined) {
    try {
      const r = explainer(format.header, value);
      if (r !== undefined && r !== null && typeof r.rule === 'string') return r;
    } catch {
      // an explainer that throws falls back to the generic reason
    }
  }
  return { rule: `the value does not match ${format.grammar}` };
}
