/**
 * Reading a list of propagator names, as `OTEL_PROPAGATORS` spells it.
 *
 * REQUIREMENTS §8: "Unset or empty → `tracecontext,baggage`. Names trimmed, empty entries ignored,
 * case-insensitive, duplicates dropped keeping the first."
 *
 * This runs once at start-up, on configuration — not on the request path — so plain string methods
 * are fine here; it still never throws on any input.
 */

/** OTEL-ENV: "Default value for OTEL_PROPAGATORS is `tracecontext,baggage`". */
export const DEFAULT_PROPAGATOR_NAMES: readonly string[] = Object.freeze([
  'tracecontext',
  'baggage',
]);

/** OTEL-ENV: `none` means "No automatically configured propagator". */
export const NONE = 'none';

/** The canonical form of one name: trimmed, ASCII-lowercased. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The names in `value` — a comma-separated string, or a list whose entries may themselves be
 * comma-separated — normalised, without empties, duplicates dropped keeping the first. Anything that
 * is not a string (or a string entry) contributes no names.
 */
export function parsePropagatorNames(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    for (const raw of entry.split(',')) {
      const name = normalizeName(raw);
      if (name === '' || seen.has(name)) continue;
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/**
 * Why `name` cannot be registered, or undefined when it can. A registrable name must survive a round
 * trip through `OTEL_PROPAGATORS`: non-empty after trimming, no comma (the list separator), and only
 * visible ASCII (so it can be typed in a shell and shown in a log line).
 */
export function invalidNameReason(name: unknown): string | undefined {
  if (typeof name !== 'string') return `the name must be a string, got ${typeof name}`;
  const n = normalizeName(name);
  if (n === '') return 'the name is empty';
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    if (c === 0x2c)
      return `the name ${JSON.stringify(name)} contains a comma, the list separator of OTEL_PROPAGATORS`;
    if (c <= 0x20 || c >= 0x7f)
      return `the name ${JSON.stringify(name)} contains a character that is not visible ASCII (use letters, digits, '-', '_', '.')`;
  }
  return undefined;
}
