/**
 * The `jaeger-baggage` header: `k1=v1, k2=v2` (Jaeger docs, "Propagation Format": baggage sent by
 * clients that have no tracer). REQUIREMENTS §5: "`jaeger-baggage: k1=v1, k2=v2` extracted too".
 *
 * Read with index arithmetic, one item at a time, straight into the capped collector. As Jaeger's
 * Go and Java clients do, an item must have exactly one `=`; spaces and tabs around keys and values
 * are trimmed; items without a key are skipped. Each value is percent-decoded on its own (the Go
 * client decodes the whole header first, so an encoded `%2C` would split an item there; here it
 * stays inside its value).
 */
import type { BaggageCollector } from '@baton/internal';

const EQUALS = 0x3d;

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export function collectJaegerBaggage(header: string, into: BaggageCollector): void {
  const n = header.length;
  let start = 0;
  while (start < n && !into.full) {
    let end = header.indexOf(',', start);
    if (end === -1) end = n;
    addItem(header, start, end, into);
    start = end + 1;
  }
}

function addItem(s: string, start: number, end: number, into: BaggageCollector): void {
  // A loop bounded by `end`, not indexOf: indexOf would scan past this item to the end of the
  // header for every item, which is quadratic on `a,a,a,...`.
  let eq = -1;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) !== EQUALS) continue;
    if (eq !== -1) return; // more than one '=': malformed, as in the Jaeger clients
    eq = i;
  }
  if (eq === -1) return;
  // Trimmed against stops instead of bounds checks: the '=' at eq is not a space, nor is s[ks] once
  // the key's forward scan has stopped there, nor the ',' at `end` (or the NaN past the header's
  // end). Only the value's forward scan may read s[end], and only for a value of spaces.
  let ks = start;
  while (isOws(s.charCodeAt(ks))) ks++; // stops at the '=' at the latest
  if (ks === eq) return; // no key
  let ke = eq;
  while (isOws(s.charCodeAt(ke - 1))) ke--; // stops at s[ks] at the latest
  let ve = end;
  while (isOws(s.charCodeAt(ve - 1))) ve--; // stops at the '=' at the latest
  let vs = eq + 1;
  // Stops at the value's first other char, or, in a value of spaces only, at the ',' at `end` or
  // past the header's end: vs is then past ve, and slice(vs, ve) is '' as for an empty value.
  while (isOws(s.charCodeAt(vs))) vs++;
  into.add(s.slice(ks, ke), s.slice(vs, ve));
}
