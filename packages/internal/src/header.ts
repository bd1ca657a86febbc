/**
 * What may be written into an HTTP field (RFC 9110 §5.1 field names are tokens, §5.5 field values).
 * REQUIREMENTS §1: inject "writes only US-ASCII values legal in an HTTP field — no CR, LF, NUL,
 * no non-token header names".
 */

/** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
const TCHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

/** True when `code` is an RFC 9110 tchar. */
export function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** True when `s` is a non-empty RFC 9110 token (a legal header name). */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TCHAR[c] === 0) return false;
  }
  return true;
}

/**
 * True when `s` is a header value Baton may write: visible US-ASCII (0x21–0x7E) with inner
 * spaces or tabs, no leading/trailing whitespace, no CR, LF, NUL or other control characters.
 */
export function isSafeHeaderValue(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if ((c === 0x20 || c === 0x09) && i > 0 && i < n - 1) continue;
    return false;
  }
  return true;
}
