/**
 * Percent-encoding for baggage values (W3C-BAG `baggage-octet`, Jaeger `uberctx-*`), never throwing.
 */

const PERCENT = 0x25;
const PLUS = 0x2b;

/** Value of a hex digit of either case (RFC 3986 §2.1), -1 for anything else (NaN included). */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * True when every `%` starts a two-hex-digit escape and the escaped bytes form well-formed UTF-8
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; a multi-byte sequence is
 * escaped whole). These are exactly the cases decodeURIComponent throws on; the byte ranges are
 * those of the WHATWG UTF-8 decoder.
 */
function escapesAreUtf8(s: string): boolean {
  let need = 0; // continuation bytes still expected
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== PERCENT) {
      if (need !== 0) return false; // a sequence cut by a literal char
      continue;
    }
    const hi = hexDigit(s.charCodeAt(i + 1));
    const lo = hexDigit(s.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return false;
    const b = (hi << 4) | lo;
    i += 2;
    if (need === 0) {
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lower = 0xa0; // overlong
        if (b === 0xed) upper = 0x9f; // surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lower = 0x90; // overlong
        if (b === 0xf4) upper = 0x8f; // above U+10FFFF
      } else return false;
    } else {
      if (b < lower || b > upper) return false;
      lower = 0x80;
      upper = 0xbf;
      need--;
    }
  }
  return need === 0;
}

/**
 * `s` with its %XX escapes (and, with `plusAsSpace`, its `+`) decoded, when every escape is
 * well-formed and below %80; undefined otherwise (multi-byte UTF-8 or a bad escape: the caller
 * takes the general path, which tells the two apart).
 */
function decodeAsciiEscapes(s: string, plusAsSpace: boolean): string | undefined {
  let out = '';
  let from = 0; // start of the literal run not yet copied
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === PERCENT) {
      const hi = hexDigit(s.charCodeAt(i + 1));
      const lo = hexDigit(s.charCodeAt(i + 2));
      if (hi < 0 || lo < 0 || hi > 7) return undefined;
      out += s.slice(from, i) + String.fromCharCode((hi << 4) | lo);
      i += 2;
      from = i + 1;
    } else if (plusAsSpace && c === PLUS) {
      out += s.slice(from, i) + ' ';
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Decodes %XX sequences (UTF-8). Returns undefined when an escape is malformed or the bytes are
 * not UTF-8, so the caller can drop just that member. With `plusAsSpace`, `+` reads as a space
 * (form encoding, as some Jaeger clients write it).
 */
export function percentDecode(s: string, plusAsSpace = false): string | undefined {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === PERCENT || (plusAsSpace && c === PLUS)) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  // Escapes of ASCII bytes only (`%20`, `%2F`, the usual case): decoded here, without the runtime's
  // decoder and its string copy.
  const ascii = decodeAsciiEscapes(s, plusAsSpace);
  if (ascii !== undefined) return ascii;
  // Malformed escapes (`%`, `%zz`) and escapes that are not UTF-8 (`%FF`) are rejected here:
  // letting decodeURIComponent throw and catching it costs ~10 µs per value, which a header of many
  // bad members would multiply (found by bench/fuzz.js).
  if (!escapesAreUtf8(s)) return undefined;
  const input = plusAsSpace ? s.replaceAll('+', ' ') : s;
  try {
    return decodeURIComponent(input);
  } catch {
    return undefined;
  }
}

/**
 * Percent-encodes `s` so the result holds only chars that are legal in a W3C `baggage-octet`
 * and in an HTTP field value (encodeURIComponent leaves only A–Z a–z 0–9 - _ . ! ~ * ' ( ),
 * all of which are baggage-octets). Returns undefined for a string that cannot be encoded
 * (a lone UTF-16 surrogate), so the caller drops that entry instead of throwing.
 */
export function percentEncode(s: string): string | undefined {
  try {
    return encodeURIComponent(s);
  } catch {
    return undefined;
  }
}
