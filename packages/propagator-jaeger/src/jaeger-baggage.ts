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
  let ks = start;
  let ke = eq;
  while (ks < ke && isOws(s.charCodeAt(ks))) ks++;
  while (ke > ks && isOws(s.charCodeAt(ke - 1))) ke--;
  if (ke === ks) return;
  let vs = eq + 1;
  let ve = end;
  while (vs < ve && isOws(s.charCodeAt(vs))) vs++;
  while (ve > vs && isOws(s.charCodeAt(ve - 1))) ve--;
  into.add(s.slice(ks, ke), s.slice(vs, ve));
}
