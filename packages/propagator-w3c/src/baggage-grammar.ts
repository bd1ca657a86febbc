/**
 * The `baggage` grammar (W3C-BAG §Header Content), with char tables instead of regular expressions:
 *
 *   baggage-string = list-member 0*63( OWS "," OWS list-member )
 *   list-member    = key OWS "=" OWS value *( OWS ";" OWS property )
 *   property       = key OWS "=" OWS value / key OWS
 *   key            = token                          ; RFC 7230 §3.2.6
 *   value          = *baggage-octet
 *   baggage-octet  = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
 *   OWS            = *( SP / HTAB )
 */
import { isTchar, percentDecode, percentEncode } from '@baton/internal';

const SPACE = 0x20;
const TAB = 0x09;
const EQUALS = 0x3d;
const SEMICOLON = 0x3b;

/** baggage-octet: printable US-ASCII except DQUOTE, comma, semicolon and backslash. */
const BAGGAGE_OCTET = new Uint8Array(128);
for (let c = 0x21; c <= 0x7e; c++) BAGGAGE_OCTET[c] = 1;
for (const ch of '",;\\') BAGGAGE_OCTET[ch.charCodeAt(0)] = 0;

/** Chars encodeURIComponent leaves alone: a value made only of these is sent as it is. */
const URI_UNRESERVED = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") {
  URI_UNRESERVED[ch.charCodeAt(0)] = 1;
}

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** One list-member, as read from the header. */
export interface BaggageMember {
  key: string;
  /** Percent-decoded. */
  value: string;
  /** The properties after the first ";", as sent (OWS trimmed), or undefined. */
  properties: string | undefined;
}

/**
 * Index just past `key OWS` or `key OWS "=" OWS value OWS` starting at s[i] (a property), or -1.
 * Only called within one member, whose end is `end`.
 */
function skipProperty(s: string, i: number, end: number): number {
  const keyStart = i;
  while (i < end && isTchar(s.charCodeAt(i))) i++;
  if (i === keyStart) return -1;
  while (i < end && isOws(s.charCodeAt(i))) i++;
  if (i < end && s.charCodeAt(i) === EQUALS) {
    i++;
    while (i < end && isOws(s.charCodeAt(i))) i++;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c >= 128 || BAGGAGE_OCTET[c] === 0) break;
      i++;
    }
    while (i < end && isOws(s.charCodeAt(i))) i++;
  }
  return i;
}

/** True when s[start, end) is `property *( OWS ";" OWS property )`. */
export function isValidProperties(s: string, start: number, end: number): boolean {
  let i = start;
  for (;;) {
    while (i < end && isOws(s.charCodeAt(i))) i++;
    i = skipProperty(s, i, end);
    if (i < 0) return false;
    if (i === end) return true;
    if (s.charCodeAt(i) !== SEMICOLON) return false;
    i++;
  }
}

const COMMA = 0x2c;
const PERCENT = 0x25;

/** Where readMember stopped: the index of the comma that ends the member, or the limit. */
export interface MemberEnd {
  end: number;
}

/** Index of the first comma in s[i, limit), or limit. */
function nextComma(s: string, i: number, limit: number): number {
  while (i < limit && s.charCodeAt(i) !== COMMA) i++;
  return i;
}

/**
 * Reads the list-member that starts at s[start] and ends at the next comma (or `limit`), in one
 * pass: no key, value or property may contain a comma, so the member's grammar finds its end.
 * Sets `at.end` to that comma's index (or `limit`). Undefined when the member does not match the
 * grammar or its value has a bad percent-escape: only this member is dropped.
 */
export function readMember(
  s: string,
  start: number,
  limit: number,
  at: MemberEnd,
): BaggageMember | undefined {
  let i = start;
  while (i < limit && isOws(s.charCodeAt(i))) i++;
  const keyStart = i;
  while (i < limit && isTchar(s.charCodeAt(i))) i++;
  const keyEnd = i;
  while (i < limit && isOws(s.charCodeAt(i))) i++;
  if (keyEnd === keyStart || i === limit || s.charCodeAt(i) !== EQUALS) {
    at.end = nextComma(s, i, limit);
    return undefined;
  }
  i++;
  while (i < limit && isOws(s.charCodeAt(i))) i++;
  const valueStart = i;
  let escaped = false; // a `%` in the value: only then is it decoded
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (c >= 128 || BAGGAGE_OCTET[c] === 0) break;
    if (c === PERCENT) escaped = true;
    i++;
  }
  const valueEnd = i;
  while (i < limit && isOws(s.charCodeAt(i))) i++;
  let properties: string | undefined;
  if (i < limit && s.charCodeAt(i) !== COMMA) {
    const end = nextComma(s, i, limit);
    at.end = end;
    if (s.charCodeAt(i) !== SEMICOLON) return undefined;
    let propsEnd = end;
    while (propsEnd > i + 1 && isOws(s.charCodeAt(propsEnd - 1))) propsEnd--;
    let propsStart = i + 1;
    while (propsStart < propsEnd && isOws(s.charCodeAt(propsStart))) propsStart++;
    if (!isValidProperties(s, propsStart, propsEnd)) return undefined;
    properties = s.slice(propsStart, propsEnd);
  } else {
    at.end = i;
  }
  const raw = s.slice(valueStart, valueEnd);
  const value = escaped ? percentDecode(raw) : raw;
  if (value === undefined) return undefined;
  return { key: s.slice(keyStart, keyEnd), value, properties };
}

/**
 * The value as it goes on the wire: percent-encoded (as encodeURIComponent, the encoding every
 * OpenTelemetry SDK decodes), or undefined when it cannot be encoded (a lone surrogate).
 */
export function encodeValue(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || URI_UNRESERVED[c] === 0) return percentEncode(value);
  }
  return value;
}

/**
 * True when `s` is a properties string that may follow ";" on the wire: the grammar, and no
 * whitespace at either end (it may end the header, and a field value cannot end in whitespace).
 */
export function isSendableProperties(s: string): boolean {
  const n = s.length;
  return (
    n > 0 && !isOws(s.charCodeAt(0)) && !isOws(s.charCodeAt(n - 1)) && isValidProperties(s, 0, n)
  );
}
