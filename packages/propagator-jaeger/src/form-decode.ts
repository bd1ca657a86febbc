/**
 * Decoding of `uberctx-*` values: percent-decoding with `+` read as a space (form-encoding Jaeger
 * clients), REQUIREMENTS §5. Returns undefined when an escape is malformed or its bytes are not
 * UTF-8, so the caller keeps the value raw.
 *
 * Most values need nothing (`alice`, ids): one char-code pass and the value itself is returned.
 * Escapes of ASCII bytes (`%2F`, `%20`) are decoded here with char codes; only a value with an
 * escape of a byte ≥ 0x80 (multi-byte UTF-8, which must be validated) goes to decodeURIComponent.
 * Same result as `decodeURIComponent(value.replaceAll('+', ' '))` with a throw read as undefined.
 */
import { hexValue, percentDecode } from '@baton/internal';

const PERCENT = 0x25;
const PLUS = 0x2b;

export function formDecode(value: string): string | undefined {
  const n = value.length;
  let out = '';
  let from = 0; // start of the run of plain chars not yet copied to `out`
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === PLUS) {
      out += value.slice(from, i) + ' ';
      from = i + 1;
    } else if (c === PERCENT) {
      // A truncated escape (`%` or `%4` at the end) needs no test of its own: charCodeAt past the
      // end is NaN, which is no hex digit, so it is rejected here, as decodeURIComponent throws.
      const hi = hexDigit(value.charCodeAt(i + 1));
      const lo = hexDigit(value.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return undefined;
      const byte = (hi << 4) | lo;
      if (byte >= 0x80) return percentDecode(value, true); // UTF-8: let the runtime validate
      out += value.slice(from, i) + String.fromCharCode(byte);
      i += 2;
      from = i + 1;
    }
  }
  // With nothing to decode this is '' + value.slice(0): V8 returns `value` itself for both, so a
  // plain value (`alice`, an id) costs the one pass and no copy.
  return out + value.slice(from);
}

/** A hex digit of either case (escapes are case-insensitive: `%2f` is `%2F`), or -1 (NaN too). */
function hexDigit(c: number): number {
  return hexValue(c >= 0x41 && c <= 0x46 ? c + 0x20 : c);
}
