/**
 * The span id's two spellings: 16 lowercase hex chars (OpenTelemetry) and an unsigned 64-bit
 * decimal (Cloud Trace). Issue 19: "The span id converts to 16 lowercase hex exactly (no float
 * arithmetic: use BigInt or digit arithmetic)".
 *
 * Digit arithmetic on two 32-bit halves held in Numbers. Every intermediate value stays below
 * 2^53, so each operation is exact integer arithmetic in a double — the comments give the bound.
 * No BigInt: it allocates per call, and this runs on every request.
 */
import { hexValue } from '@baton/internal';

const TWO_32 = 4294967296;
/** Most significant digits an unsigned 64-bit value has (18446744073709551615). */
const U64_MAX_DIGITS = 20;
const ZERO = 0x30;
/** Digits per step of the conversion loop (see the bound in decimalToHex64). */
const CHUNK = 5;
/** Char code of each hex digit value 0–15, lowercase. */
const HEX_CODE = new Uint8Array(16);
for (let v = 0; v < 16; v++) HEX_CODE[v] = '0123456789abcdef'.charCodeAt(v);

/**
 * s[start, end) — ASCII digits only, at least one — as 16 lowercase hex chars; undefined when a
 * char is not a digit, the value is 0, or it does not fit in 64 bits. Leading zeros are allowed
 * (the caller caps the whole value's length).
 */
export function decimalToHex64(s: string, start: number, end: number): string | undefined {
  if (end <= start) return undefined;
  let i = start;
  while (i < end && s.charCodeAt(i) === ZERO) i++;
  // More than 20 significant digits is at least 10^20 > 2^64: rejected before any arithmetic.
  if (end - i > U64_MAX_DIGITS) return undefined;
  let hi = 0; // value = hi * 2^32 + lo, both < 2^32
  let lo = 0;
  // Five digits per step: a step is lo * 10^5 + chunk < 2^32 * 10^5 < 2^49, exact in a double.
  while (i < end) {
    const stop = end - i > CHUNK ? i + CHUNK : end;
    let chunk = 0;
    let scale = 1;
    for (; i < stop; i++) {
      const d = s.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) return undefined;
      chunk = chunk * 10 + d;
      scale *= 10;
    }
    const low = lo * scale + chunk; // < 2^32 * 10^5 + 10^5 < 2^49
    const carry = Math.floor(low / TWO_32); // < 10^5
    lo = low - carry * TWO_32;
    hi = hi * scale + carry; // < 2^32 * 10^5 + 10^5 < 2^49
    if (hi >= TWO_32) return undefined; // overflow: the value needs more than 64 bits
  }
  if (hi === 0 && lo === 0) return undefined;
  return hex64(hi, lo);
}

/**
 * hi, lo (each < 2^32) as 16 lowercase hex chars, built as one flat string: `+` of two 8-char halves
 * would make a rope, which every later char-by-char read of the id (an inject's id check) walks.
 */
function hex64(hi: number, lo: number): string {
  const c = HEX_CODE;
  return String.fromCharCode(
    c[hi >>> 28],
    c[(hi >>> 24) & 15],
    c[(hi >>> 20) & 15],
    c[(hi >>> 16) & 15],
    c[(hi >>> 12) & 15],
    c[(hi >>> 8) & 15],
    c[(hi >>> 4) & 15],
    c[hi & 15],
    c[lo >>> 28],
    c[(lo >>> 24) & 15],
    c[(lo >>> 20) & 15],
    c[(lo >>> 16) & 15],
    c[(lo >>> 12) & 15],
    c[(lo >>> 8) & 15],
    c[(lo >>> 4) & 15],
    c[lo & 15],
  );
}

/**
 * A valid 16-char lowercase hex span id (the caller has checked it) as its unsigned decimal.
 * value = hi * 2^32 + lo. Below 2^53 a double holds it exactly; above, it is split once:
 * value = 10^6 * q + r with q < 2^64 / 10^6 < 2^45, so q and r each print exactly.
 */
export function hex64ToDecimal(id: string): string {
  const hi = readHex32(id, 0);
  const lo = readHex32(id, 8);
  if (hi < 0x200000) return String(hi * TWO_32 + lo); // < 2^21 * 2^32 = 2^53: exact
  const qh = Math.floor(hi / 1e6);
  const rh = hi - qh * 1e6; // < 10^6
  const t = rh * TWO_32 + lo; // < 10^6 * 2^32 < 2^52
  const ql = Math.floor(t / 1e6); // < 2^32
  const r = t - ql * 1e6; // < 10^6
  const q = qh * TWO_32 + ql; // = floor(value / 10^6) < 2^45
  const rs = String(r);
  return String(q) + '000000'.slice(rs.length) + rs;
}

/** The 8 hex chars at id[at, at+8) as a Number (0 ≤ n < 2^32). */
function readHex32(id: string, at: number): number {
  let n = 0;
  for (let i = at; i < at + 8; i++) n = n * 16 + hexValue(id.charCodeAt(i));
  return n;
}
