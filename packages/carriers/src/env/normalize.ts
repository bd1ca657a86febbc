/**
 * Environment variable names for carrier keys.
 *
 * OTEL env-carriers (Release Candidate), as REQUIREMENTS §11 states it: "Names are normalized: ASCII
 * letters uppercased; any character other than `A-Z 0-9 _` becomes `_`; empty → `_`; a leading digit
 * gets a `_` prefix (`^[A-Z_][A-Z0-9_]*$`)."
 *
 * **Decision:** "character" means a Unicode code point, so a surrogate pair (one character, two UTF-16
 * units) becomes one `_`, and a lone surrogate becomes one `_` as well.
 */

const A = 0x41;
const Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const UNDERSCORE = 0x5f;

/** True when `name` already matches `^[A-Z_][A-Z0-9_]*$`: what the carrier may read or list. */
export function isNormalizedEnvName(name: string): boolean {
  const n = name.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if ((c >= A && c <= Z) || c === UNDERSCORE) continue;
    if (c >= DIGIT_0 && c <= DIGIT_9 && i > 0) continue;
    return false;
  }
  return true;
}

/**
 * The output is ASCII by construction, so it is built as bytes (one Buffer, one latin1 decode):
 * linear, and about a thousand times faster than growing a string one character at a time for the
 * 1 MB names of the robustness tests.
 */
function normalizeSlow(name: string): string {
  const n = name.length;
  if (n === 0) return '_';
  const first = name.charCodeAt(0);
  const prefix = first >= DIGIT_0 && first <= DIGIT_9 ? 1 : 0;
  const out = Buffer.allocUnsafe(n + prefix);
  let o = 0;
  if (prefix) out[o++] = UNDERSCORE;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c >= LOWER_A && c <= LOWER_Z) out[o++] = c - 0x20;
    else if ((c >= A && c <= Z) || (c >= DIGIT_0 && c <= DIGIT_9) || c === UNDERSCORE) out[o++] = c;
    else {
      out[o++] = UNDERSCORE;
      // A high surrogate followed by a low one is one character: skip the low half.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const next = name.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
  }
  return out.toString('latin1', 0, o);
}

// Propagators ask for the same few names on every call ('traceparent', 'x-b3-traceid', …). A small
// cache makes those lookups allocation-free; it is bounded so hostile names cannot grow it.
const CACHE_LIMIT = 256;
const cache = new Map<string, string>();

/** The environment variable name for carrier key `name` (see the rules above). Never throws. */
export function normalizeEnvName(name: string): string {
  if (typeof name !== 'string') return '_';
  if (isNormalizedEnvName(name)) return name;
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const normalized = normalizeSlow(name);
  if (cache.size < CACHE_LIMIT && name.length <= 64) cache.set(name, normalized);
  return normalized;
}
