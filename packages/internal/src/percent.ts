/**
 * Percent-encoding for baggage values (W3C-BAG `baggage-octet`, Jaeger `uberctx-*`), never throwing.
 */

const PERCENT = 0x25;
const PLUS = 0x2b;

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
