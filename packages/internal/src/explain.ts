/**
 * The shape every format package's explain API returns (DESIGN: "a package explains its
 * rejections through a small public API"), and the helpers they share.
 *
 * An explanation is the slow path: it runs only when asked (the `baton` CLI, diagnostics), never
 * on a request. Its verdict always comes from the package's own parser — the very function extract
 * calls — so the two cannot disagree; a separate walk over the grammar then names the rule that
 * failed. Like extract, an explain function never throws and its work is bounded by the format's
 * length caps.
 */

/** Why a value was rejected: the rule, where in the value, and what would have been valid. */
export interface Rejection {
  /** Stable id, `<header>/<rule>` (e.g. `traceparent/trace-id-all-zero`): scripts match on it. */
  readonly rule: string;
  /** Where the rule is written, e.g. `W3C Trace Context Level 2 §trace-id`. */
  readonly spec: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** 0-based index in the value of the first character at fault; -1 when no one position is. */
  readonly position: number;
  /** What a valid value has here. */
  readonly expected: string;
}

/** The answer of an explain function: the parser's verdict, what it read, or why it refused. */
export interface Explanation<Fields> {
  readonly valid: boolean;
  /** What the value means (set when valid). */
  readonly fields: Fields | undefined;
  /** Why the parser refused it (set when not valid). */
  readonly error: Rejection | undefined;
}

export function accepted<F>(fields: F): Explanation<F> {
  return { valid: true, fields, error: undefined };
}

export function rejected<F>(error: Rejection): Explanation<F> {
  return { valid: false, fields: undefined, error };
}

/**
 * A header value as text the way extract reads it: a string as it is, the only element of an array,
 * a Buffer as latin1. `undefined` for anything else (the caller names the rule). Never throws.
 */
export function explainText(raw: unknown): string | undefined {
  try {
    let v = raw;
    if (Array.isArray(v)) v = v.length > 0 ? v[0] : undefined;
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) {
      return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
    }
  } catch {
    // an unreadable value is not text
  }
  return undefined;
}

/** What kind of character is at s[i], for messages: `uppercase 'A'`, `' ' (U+0020)`. */
export function describeCharAt(s: string, i: number): string {
  if (i < 0 || i >= s.length) return 'the end of the value';
  const c = s.charCodeAt(i);
  const shown =
    c > 0x20 && c < 0x7f ? `'${s[i]}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c >= 0x41 && c <= 0x5a) return `uppercase ${shown}`;
  return shown;
}

/** Index of the first char in s[start, end) that is not lowercase hex, or -1. */
export function firstNonLowerHex(s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return i;
  }
  return -1;
}

/** True when s[start, end) is all `0`. */
export function allZero(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) !== 0x30) return false;
  return true;
}

/** True when the char is an ASCII uppercase hex digit (A–F): the "lowercase only" rule, not "not hex". */
export function isUpperHex(c: number): boolean {
  return c >= 0x41 && c <= 0x46;
}

/**
 * An explain API's answer as the diagnostics' RejectionReason (rules.ts EXPLAIN_REJECTION):
 * `trace-id is all zeros (traceparent/trace-id-all-zero)`, the spec, the position when there is
 * one. Undefined when the value is valid (nothing to explain).
 */
export function rejectionReason(
  explanation: Explanation<unknown>,
): { rule: string; spec: string; position?: number } | undefined {
  const e = explanation.error;
  if (explanation.valid || e === undefined) return undefined;
  const rule = `${e.message} (${e.rule})`;
  return e.position >= 0 ? { rule, spec: e.spec, position: e.position } : { rule, spec: e.spec };
}
