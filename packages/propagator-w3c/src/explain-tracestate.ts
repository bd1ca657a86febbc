/**
 * `explainTracestate(value)`: the members of a tracestate, or the rule that makes Baton discard it.
 *
 * Verdict from parseTraceStateList (what the propagator uses); `diagnoseTracestate` walks the
 * same grammar (see tracestate-grammar.ts) to name the member and rule at fault. Slow path only.
 */
import {
  accepted,
  describeCharAt,
  explainText,
  rejected,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import {
  TRACE_STATE_MAX_KEY_LENGTH,
  TRACE_STATE_MAX_LENGTH,
  TRACE_STATE_MAX_MEMBERS,
  TRACE_STATE_MAX_VALUE_LENGTH,
} from './constants';
import { parseTraceStateList } from './tracestate-grammar';

export interface TracestateMember {
  key: string;
  value: string;
}

export interface TracestateFields {
  /** Left to right, as they will be forwarded. */
  members: TracestateMember[];
}

const SPEC = 'W3C Trace Context Level 2';
const KEY_EXPECTED = 'a key: lowercase letter or digit, then up to 255 of a-z 0-9 _ - * / @';
const VALUE_EXPECTED = "1-256 printable ASCII characters except ',' and '=', not ending in a space";

function rule(
  name: string,
  section: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `tracestate/${name}`, spec: `${SPEC} §${section}`, message, position, expected };
}

function isLcAlphaOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}
function isKeyChar(c: number): boolean {
  return isLcAlphaOrDigit(c) || c === 0x5f || c === 0x2d || c === 0x2a || c === 0x2f || c === 0x40;
}
function isValueChar(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== 0x2c && c !== 0x3d;
}
function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** The first rule the combined tracestate `s` breaks, or undefined. */
export function diagnoseTracestate(s: string): Rejection | undefined {
  const n = s.length;
  if (n > TRACE_STATE_MAX_LENGTH) {
    return rule(
      'too-long',
      'tracestate Header',
      `the combined tracestate has ${n} characters; Baton discards it unread above ${TRACE_STATE_MAX_LENGTH}`,
      TRACE_STATE_MAX_LENGTH,
      `at most ${TRACE_STATE_MAX_MEMBERS} members of key=value`,
    );
  }
  let members = 0; // list-members as sent, duplicates included (as parseTraceStateList counts)
  let i = 0;
  for (;;) {
    while (i < n && isOws(s.charCodeAt(i))) i++;
    if (i === n) return undefined;
    if (s.charCodeAt(i) === 0x2c) {
      i++;
      continue; // empty member: allowed
    }
    const keyStart = i;
    if (!isLcAlphaOrDigit(s.charCodeAt(i))) {
      return rule('key', 'key', `a key starts with ${describeCharAt(s, i)}`, i, KEY_EXPECTED);
    }
    i++;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i - keyStart > TRACE_STATE_MAX_KEY_LENGTH) {
      return rule(
        'key-too-long',
        'key',
        `a key has ${i - keyStart} characters`,
        keyStart + TRACE_STATE_MAX_KEY_LENGTH,
        KEY_EXPECTED,
      );
    }
    if (i === n || s.charCodeAt(i) !== 0x3d) {
      return rule(
        'key',
        'key',
        `key '${s.slice(keyStart, i)}' is followed by ${describeCharAt(s, i)}`,
        i,
        `'=' after the key (${KEY_EXPECTED})`,
      );
    }
    const key = s.slice(keyStart, i);
    i++;
    const valueStart = i;
    while (i < n && isValueChar(s.charCodeAt(i))) i++;
    let valueEnd = i;
    while (valueEnd > valueStart && s.charCodeAt(valueEnd - 1) === 0x20) valueEnd--;
    if (valueEnd === valueStart) {
      return rule(
        'value-empty',
        'value',
        `the value of '${key}' is empty`,
        valueStart,
        VALUE_EXPECTED,
      );
    }
    if (valueEnd - valueStart > TRACE_STATE_MAX_VALUE_LENGTH) {
      return rule(
        'value-too-long',
        'value',
        `the value of '${key}' has ${valueEnd - valueStart} characters`,
        valueStart + TRACE_STATE_MAX_VALUE_LENGTH,
        VALUE_EXPECTED,
      );
    }
    if (members === TRACE_STATE_MAX_MEMBERS) {
      return rule(
        'too-many-members',
        'list',
        `more than ${TRACE_STATE_MAX_MEMBERS} members`,
        keyStart,
        `at most ${TRACE_STATE_MAX_MEMBERS} list-members (Baton discards the whole tracestate, REQUIREMENTS §2)`,
      );
    }
    // A duplicate key is no rejection: the first occurrence is kept and later ones are dropped
    // (REQUIREMENTS §2; the W3C suite's test_tracestate_duplicated_keys), so the fields list it once.
    members++;
    while (i < n && isOws(s.charCodeAt(i))) i++;
    if (i === n) return undefined;
    if (s.charCodeAt(i) !== 0x2c) {
      return rule(
        'value',
        'value',
        `the value of '${key}' has ${describeCharAt(s, i)}`,
        i,
        `${VALUE_EXPECTED}, then ',' or the end`,
      );
    }
    i++;
  }
}

/**
 * Explains a tracestate: a string, a Buffer, or an array of headers (joined with ',' in order, as
 * extract joins them). Never throws. (A tracestate is read only after a valid traceparent.)
 */
export function explainTracestate(raw: unknown): Explanation<TracestateFields> {
  try {
    let value: string | undefined;
    if (Array.isArray(raw)) {
      const parts = raw.map(explainText);
      value = parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
    } else value = explainText(raw);
    if (value === undefined) {
      return rejected(
        rule('not-text', 'tracestate Header', 'the value is not text', -1, 'key=value list'),
      );
    }
    const list = value.length > TRACE_STATE_MAX_LENGTH ? undefined : parseTraceStateList(value);
    if (list === undefined) {
      return rejected(
        diagnoseTracestate(value) ??
          rule(
            'unexplained',
            'tracestate Header',
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            'key=value list',
          ),
      );
    }
    return accepted({ members: list.keys.map((key, k) => ({ key, value: list.values[k] })) });
  } catch {
    return rejected(
      rule('unexplained', 'tracestate Header', 'the value could not be read', -1, 'key=value list'),
    );
  }
}
