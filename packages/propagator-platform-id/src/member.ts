/**
 * The first member of a header value, without split() or regular expressions.
 *
 * A header sent twice reaches a Node server as one string joined with ", " (RFC 9110 §5.3), and
 * HTTP/1 parsers strip the optional whitespace (OWS) around a field value, but other carriers may
 * not. So: skip OWS, read value characters up to a comma or the end, skip OWS, and accept only if
 * what follows is a comma or the end. Work is bounded by `maxLength` for the value itself and by
 * the raw cap for whitespace.
 */
import { isValueChar } from './value';

const COMMA = 0x2c;

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The first member of `raw` if it is a valid value of at most `maxLength` chars, else undefined. */
export function readFirstMember(raw: string, maxLength: number): string | undefined {
  const n = raw.length;
  let start = 0;
  while (start < n && isOws(raw.charCodeAt(start))) start++;
  let end = start;
  while (end < n && isValueChar(raw.charCodeAt(end))) {
    end++;
    if (end - start > maxLength) return undefined;
  }
  if (end === start) return undefined;
  let after = end;
  while (after < n && isOws(raw.charCodeAt(after))) after++;
  if (after < n && raw.charCodeAt(after) !== COMMA) return undefined;
  return start === 0 && end === n ? raw : raw.slice(start, end);
}
