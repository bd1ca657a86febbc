/**
 * `explainTraceparent(value)`: what a traceparent says, or which rule of W3C-TC rejects it.
 *
 * The verdict is parseTraceParent's — the function extract calls — so explain and extract cannot
 * disagree. Only when it refuses does `diagnose` walk the grammar, in the order a reader checks it,
 * to name the rule. (A property test holds the two together: for any input, `diagnose` finds a rule
 * exactly when the parser refuses.) Slow path: never called by extract.
 */
import {
  accepted,
  allZero,
  describeCharAt,
  explainText,
  firstNonLowerHex,
  isUpperHex,
  rejected,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import {
  FLAG_RANDOM,
  FLAG_SAMPLED,
  KNOWN_FLAGS,
  TRACE_PARENT_LENGTH,
  TRACE_PARENT_MAX_LENGTH,
} from './constants';
import { parseTraceParent } from './traceparent';

/** What a valid traceparent carries. */
export interface TraceparentFields {
  /** The version as sent (`00`; a higher version is read as 00 and re-sent as 00). */
  version: string;
  traceId: string;
  /** W3C-TC calls the caller's span id `parent-id`. */
  parentId: string;
  /** The trace-flags byte as sent. */
  traceFlags: number;
  sampled: boolean;
  /** Level 2: the trace id's right-most 7 bytes are random. */
  random: boolean;
  /** Bits other than sampled and random: cleared by Baton (not propagated). */
  reservedFlags: number;
  /** What a higher version appended after the flags (ignored), or ''. */
  extra: string;
}

const SPEC = 'W3C Trace Context Level 2';
const FORMAT = '{version 2 hex}-{trace-id 32 hex}-{parent-id 16 hex}-{trace-flags 2 hex}';

function rule(
  name: string,
  section: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `traceparent/${name}`, spec: `${SPEC} §${section}`, message, position, expected };
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** A lowercase-hex field: the first bad char, or all zero. */
function hexField(
  s: string,
  start: number,
  end: number,
  name: string,
  width: number,
  mayBeZero: boolean,
): Rejection | undefined {
  const bad = firstNonLowerHex(s, start, end);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      upper ? `${name}-uppercase` : `${name}-not-hex`,
      name,
      `${name} has ${describeCharAt(s, bad)} at position ${bad}` +
        (upper ? '; hex digits must be lowercase' : ''),
      bad,
      `${width} lowercase hex digits (0-9, a-f)${mayBeZero ? '' : ', not all zero'}`,
    );
  }
  if (!mayBeZero && allZero(s, start, end)) {
    return rule(
      `${name}-all-zero`,
      name,
      `${name} is all zeros, the invalid value`,
      start,
      `${width} lowercase hex digits, at least one not 0`,
    );
  }
  return undefined;
}

/** The first rule `value` breaks, or undefined when it breaks none. */
export function diagnoseTraceparent(value: string): Rejection | undefined {
  const n = value.length;
  if (n > TRACE_PARENT_MAX_LENGTH) {
    return rule(
      'too-long',
      'traceparent Header',
      `the value has ${n} characters; Baton reads at most ${TRACE_PARENT_MAX_LENGTH}`,
      TRACE_PARENT_MAX_LENGTH,
      `${TRACE_PARENT_LENGTH} characters: ${FORMAT}`,
    );
  }
  let start = 0;
  let end = n;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  // The parser trims only values that are not exactly 55 long: a 55-char value with whitespace
  // is short once trimmed, whichever way it is read.
  if (end - start < TRACE_PARENT_LENGTH || (n === TRACE_PARENT_LENGTH && (start > 0 || end < n))) {
    const length = end - start;
    return rule(
      'too-short',
      'traceparent Header',
      `the value has ${length} characters${length !== n ? ' without surrounding whitespace' : ''}`,
      end,
      `${TRACE_PARENT_LENGTH} characters: ${FORMAT}`,
    );
  }
  const v = hexField(value, start, start + 2, 'version', 2, true);
  if (v !== undefined) return v;
  if (value.slice(start, start + 2) === 'ff') {
    return rule(
      'version-ff',
      'version',
      'version ff is forbidden',
      start,
      'version 00 (or a later version other than ff)',
    );
  }
  const length = end - start;
  if (length > TRACE_PARENT_LENGTH) {
    const after = start + TRACE_PARENT_LENGTH;
    if (value.slice(start, start + 2) === '00') {
      return rule(
        'version-00-trailing',
        'Versioning of traceparent',
        `version 00 is followed by ${length - TRACE_PARENT_LENGTH} more character(s)`,
        after,
        'nothing after the trace-flags in version 00',
      );
    }
    if (value.charCodeAt(after) !== 0x2d) {
      return rule(
        'future-version-separator',
        'Versioning of traceparent',
        `a later version must have '-' or the end after the trace-flags; found ${describeCharAt(value, after)}`,
        after,
        "'-' or the end of the value",
      );
    }
  }
  for (const dash of [2, 35, 52]) {
    if (value.charCodeAt(start + dash) !== 0x2d) {
      return rule(
        'separator',
        'traceparent Header',
        `expected '-' at position ${start + dash}, found ${describeCharAt(value, start + dash)}`,
        start + dash,
        FORMAT,
      );
    }
  }
  return (
    hexField(value, start + 53, start + 55, 'trace-flags', 2, true) ??
    hexField(value, start + 3, start + 35, 'trace-id', 32, false) ??
    hexField(value, start + 36, start + 52, 'parent-id', 16, false)
  );
}

/**
 * Explains a traceparent value (a string, a one-element array or a Buffer, as extract accepts).
 * Never throws. An array of two or more values is invalid (W3C-TC: several traceparent headers).
 */
export function explainTraceparent(raw: unknown): Explanation<TraceparentFields> {
  try {
    if (Array.isArray(raw) && raw.length > 1) {
      return rejected(
        rule(
          'multiple-headers',
          'traceparent Header',
          `${raw.length} traceparent headers were sent`,
          -1,
          'exactly one traceparent header',
        ),
      );
    }
    const value = explainText(raw);
    if (value === undefined) {
      return rejected(rule('not-text', 'traceparent Header', 'the value is not text', -1, FORMAT));
    }
    const sc = parseTraceParent(value);
    if (sc === undefined) {
      return rejected(
        diagnoseTraceparent(value) ??
          rule(
            'unexplained',
            'traceparent Header',
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            FORMAT,
          ),
      );
    }
    let start = 0;
    while (isOws(value.charCodeAt(start))) start++;
    const flags = parseInt(value.slice(start + 53, start + 55), 16);
    let end = value.length;
    while (end > start && isOws(value.charCodeAt(end - 1))) end--;
    return accepted({
      version: value.slice(start, start + 2),
      traceId: sc.traceId,
      parentId: sc.spanId,
      traceFlags: flags,
      sampled: (flags & FLAG_SAMPLED) !== 0,
      random: (flags & FLAG_RANDOM) !== 0,
      reservedFlags: flags & ~KNOWN_FLAGS,
      extra: value.slice(start + TRACE_PARENT_LENGTH, end),
    });
  } catch {
    return rejected(
      rule('unexplained', 'traceparent Header', 'the value could not be read', -1, FORMAT),
    );
  }
}
