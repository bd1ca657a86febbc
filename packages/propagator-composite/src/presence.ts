/**
 * Which members have a header in the carrier at all.
 *
 * Members that declare HEADERS_READ (every Baton propagator) read only those headers: the lowercase
 * name through `get`, then any case through `keys()`. This does the same lookups once for all of
 * them — each declared name through `get`, then one pass over `keys()` — so the composite can skip
 * a member none of whose headers is present: a W3C-only request through a composite of every format
 * runs the W3C members, not five parsers that each find nothing and scan the keys again.
 *
 * It is the members' own lookup, so it holds for any getter: what it cannot see, neither could the
 * member. When it cannot decide (keys() throws or is not an array, more keys than a member would
 * scan), it answers "run everyone".
 */
import type { TextMapGetter, TextMapPropagator } from '@opentelemetry/api';
import {
  equalsIgnoreAsciiCase,
  headersRead,
  MAX_SCANNED_KEYS,
  startsWithIgnoreAsciiCase,
} from '@baton/internal';

export interface HeaderIndex {
  /** Lowercase header name → bitmask of the members that read it (the direct lookups). */
  readonly names: Map<string, number>;
  /** The same names by length, for the keys() pass: most keys are ruled out by one array read. */
  readonly byLength: ReadonlyArray<ReadonlyArray<readonly [string, number]> | undefined>;
  /** Lowercase name prefix and the bitmask of the members that read it (Jaeger `uberctx-`). */
  readonly prefixes: ReadonlyArray<readonly [string, number]>;
  /** Bitmask of the members that declared what they read (the only ones that may be skipped). */
  readonly declared: number;
}

/** Run everyone. */
export const ALL_PRESENT = -1;

/** The index of what the members read, or undefined when none declared it (or too many members). */
export function buildHeaderIndex(members: readonly TextMapPropagator[]): HeaderIndex | undefined {
  if (members.length > 30) return undefined; // one bit per member in a 32-bit mask
  const names = new Map<string, number>();
  const prefixes: Array<readonly [string, number]> = [];
  let declared = 0;
  for (let i = 0; i < members.length; i++) {
    const read = headersRead(members[i]);
    if (read === undefined) continue;
    const bit = 1 << i;
    declared |= bit;
    for (const name of read.names) names.set(name, (names.get(name) ?? 0) | bit);
    for (const prefix of read.prefixes) prefixes.push([prefix, bit]);
  }
  if (declared === 0) return undefined;
  const byLength: Array<Array<readonly [string, number]> | undefined> = [];
  for (const [name, mask] of names) (byLength[name.length] ??= []).push([name, mask]);
  return { names, byLength, prefixes, declared };
}

/** Bitmask of the declared members with at least one of their headers present, or ALL_PRESENT. */
export function membersWithHeaders(
  index: HeaderIndex,
  carrier: unknown,
  getter: TextMapGetter,
): number {
  let present = 0;
  try {
    // The members' first lookup: each lowercase name through get (sees what keys() may not list).
    for (const [name, mask] of index.names) {
      if ((present & mask) === mask) continue;
      const value: unknown = getter.get(carrier, name);
      if (value !== undefined && value !== null) present |= mask;
    }
    if ((present & index.declared) === index.declared) return present;
    // Their fallback: any case, through keys() (the composite shares the array with them).
    const keys: unknown = getter.keys(carrier);
    if (!Array.isArray(keys) || keys.length > MAX_SCANNED_KEYS) return ALL_PRESENT;
    const { byLength, prefixes } = index;
    for (let k = 0; k < keys.length; k++) {
      const key: unknown = keys[k];
      if (typeof key !== 'string') continue;
      const candidates = byLength[key.length];
      if (candidates !== undefined) {
        for (let c = 0; c < candidates.length; c++) {
          if (equalsIgnoreAsciiCase(key, candidates[c][0])) present |= candidates[c][1];
        }
      }
      for (let p = 0; p < prefixes.length; p++) {
        if (startsWithIgnoreAsciiCase(key, prefixes[p][0])) present |= prefixes[p][1];
      }
    }
  } catch {
    return ALL_PRESENT; // a getter that throws: let each member meet it (and report it) itself
  }
  return present;
}
