/**
 * What an unknown name probably meant, for the warning's "what to change".
 *
 * Two mistakes seen in practice: another separator (`tracecontext;b3`, `tracecontext b3` — the list
 * is comma-separated, OTEL-ENV) and a typo (`b3mutli`, `tennant-id`). Start-up only, on short strings.
 */

/** Characters people use between names instead of OTEL-ENV's comma. */
const OTHER_SEPARATORS = /[;|:/\s]+/;

/** A hint sentence for `name` (unknown), or '' when nothing useful can be said. */
export function suggestFor(name: string, known: readonly string[]): string {
  const parts = name.split(OTHER_SEPARATORS).filter((p) => p !== '');
  if (parts.length > 1) {
    return ` OTEL_PROPAGATORS separates names with commas: write ${JSON.stringify(parts.join(','))}.`;
  }
  const close = closest(name, known);
  return close === undefined ? '' : ` Did you mean "${close}"?`;
}

/** The known name within edit distance 2 of `name` (a swap of two letters counts 1), if one. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[i].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}
