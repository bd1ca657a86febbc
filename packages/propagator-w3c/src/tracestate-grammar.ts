/**
 * The `tracestate` grammar (W3C-TC Level 2 §tracestate Header), with char tables instead of
 * regular expressions:
 *
 *   list        = list-member 0*31( OWS "," OWS list-member )
 *   list-member = key "=" value / OWS              ; empty members are allowed and ignored
 *   key         = ( lcalpha / DIGIT ) 0*255( keychar )
 *   keychar     = lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@"
 *   value       = 0*255( chr ) nblk-chr
 *   chr         = %x20 / nblk-chr
 *   nblk-chr    = %x21-2B / %x2D-3C / %x3E-7E
 *
 * Level 2 replaced Level 1's `tenant@vendor` key form with the flat grammar above, so `foo@`,
 * `1foo` and `a@b@c` are valid keys and `@foo` is not.
 */
import {
  TRACE_STATE_MAX_KEY_LENGTH,
  TRACE_STATE_MAX_MEMBERS,
  TRACE_STATE_MAX_VALUE_LENGTH,
} from './constants';

const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const EQUALS = 0x3d;

/** 1: may start a key (lcalpha / DIGIT); 2: keychar only. */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) KEY_CHAR[c] = 1;
for (let c = 0x30; c <= 0x39; c++) KEY_CHAR[c] = 1;
for (const ch of '_-*/@') KEY_CHAR[ch.charCodeAt(0)] = 2;

/** 1: chr (%x20-2B / %x2D-3C / %x3E-7E): everything printable but "," and "=". */
const VALUE_CHAR = new Uint8Array(128);
for (let c = 0x20; c <= 0x7e; c++) VALUE_CHAR[c] = c === COMMA || c === EQUALS ? 0 : 1;

/** True when `key` matches the Level 2 key grammar. */
export function isValidTraceStateKey(key: string): boolean {
  const n = key.length;
  if (n < 1 || n > TRACE_STATE_MAX_KEY_LENGTH) return false;
  const first = key.charCodeAt(0);
  if (first >= 128 || KEY_CHAR[first] !== 1) return false;
  for (let i = 1; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128 || KEY_CHAR[c] === 0) return false;
  }
  return true;
}

/** True when `value` matches the value grammar: 1–256 chr, not ending in a space. */
export function isValidTraceStateValue(value: string): boolean {
  const n = value.length;
  if (n < 1 || n > TRACE_STATE_MAX_VALUE_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || VALUE_CHAR[c] === 0) return false;
  }
  return value.charCodeAt(n - 1) !== SPACE;
}

/** The members of a valid tracestate, left to right. */
export interface TraceStateList {
  keys: string[];
  values: string[];
  /** True when the input was already `k=v,k=v` (no whitespace, no empty member): it can be re-sent as is. */
  canonical: boolean;
}

/** At most 32 keys: a linear look is cheaper than building a Set. */
function isKeyIn(keys: string[], key: string): boolean {
  for (let k = 0; k < keys.length; k++) if (keys[k] === key) return true;
  return false;
}

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Parses a combined tracestate (several headers joined with ","). Returns undefined when anything
 * is invalid — a bad key or value, more than 32 members — because the Baton decision is to discard
 * the whole header (REQUIREMENTS §2, the W3C suite at strict level 2).
 *
 * A duplicate key is not invalid: "a duplicate key keeps its first occurrence and drops the later
 * ones" (REQUIREMENTS §2; the suite's test_tracestate_duplicated_keys expects the tracestate to be
 * inherited). The later members still count towards the 32: the header as sent has them.
 * One pass, each char read at most twice; the caller caps the length first.
 */
export function parseTraceStateList(s: string): TraceStateList | undefined {
  const keys: string[] = [];
  const values: string[] = [];
  let canonical = true;
  let members = 0; // list-members as sent, duplicates included
  const n = s.length;
  let i = 0;
  for (;;) {
    const memberStart = i;
    while (i < n && isOws(s.charCodeAt(i))) i++;
    if (i === n || s.charCodeAt(i) === COMMA) {
      // Empty (or whitespace-only) member: allowed, ignored, not counted.
      canonical = false;
      if (i === n) {
        // "" is the empty list; "a=1," ends with an empty member.
        if (memberStart === 0 && n === 0) canonical = true;
        break;
      }
      i++;
      continue;
    }
    if (i !== memberStart) canonical = false;

    // key
    const keyStart = i;
    const first = s.charCodeAt(i);
    if (first >= 128 || KEY_CHAR[first] !== 1) return undefined;
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c >= 128 || KEY_CHAR[c] === 0) break;
      i++;
    }
    if (i - keyStart > TRACE_STATE_MAX_KEY_LENGTH) return undefined;
    if (i === n || s.charCodeAt(i) !== EQUALS) return undefined;
    const keyEnd = i;
    i++;

    // value: chr* then trailing spaces belong to OWS, not to the value.
    const valueStart = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c >= 128 || VALUE_CHAR[c] === 0) break;
      i++;
    }
    let valueEnd = i;
    while (valueEnd > valueStart && s.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
    const valueLength = valueEnd - valueStart;
    if (valueLength < 1 || valueLength > TRACE_STATE_MAX_VALUE_LENGTH) return undefined;
    if (valueEnd !== i) canonical = false;

    if (++members > TRACE_STATE_MAX_MEMBERS) return undefined;
    const key = s.slice(keyStart, keyEnd);
    if (isKeyIn(keys, key)) {
      canonical = false; // the raw header has the duplicate: it cannot be re-sent as is
    } else {
      keys.push(key);
      values.push(s.slice(valueStart, valueEnd));
    }

    // OWS "," OWS, or the end
    while (i < n && isOws(s.charCodeAt(i))) {
      i++;
      canonical = false;
    }
    if (i === n) break;
    if (s.charCodeAt(i) !== COMMA) return undefined;
    i++;
  }
  return { keys, values, canonical };
}
