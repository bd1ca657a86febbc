/**
 * `explainHeaderValue(value)`: whether a `platform-id` (or any createHeaderPropagator header) value
 * is kept, and the rule that refuses it.
 *
 * The verdict is readFirstMember's — what extract calls — so explain and extract cannot disagree;
 * the walk below only names the rule (REQUIREMENTS §6: "visible ASCII, no separators that break
 * headers, max length (default 256)"). A user's own `validate` option is not run here. Slow path.
 */
import {
  accepted,
  describeCharAt,
  explainText,
  rejected,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import { PLATFORM_ID_HEADER, RAW_VALUE_CAP } from './constants';
import { readFirstMember } from './member';
import { DEFAULT_MAX_LENGTH, isValueChar } from './value';

export interface HeaderValueFields {
  /** The value extract keeps (the first member of a repeated header). */
  value: string;
  /** True when the header held more members after a comma (a repeated header): only the first is kept. */
  repeated: boolean;
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Explains one value of `header` (default `platform-id`) under `maxLength` (default 256).
 * Never throws; reads at most maxLength characters of the value plus surrounding whitespace.
 */
export function explainHeaderValue(
  rawValue: unknown,
  header: string = PLATFORM_ID_HEADER,
  maxLength: number = DEFAULT_MAX_LENGTH,
): Explanation<HeaderValueFields> {
  const expected = `1-${maxLength} visible ASCII characters (0x21-0x7E) except ','`;
  const fail = (name: string, message: string, position: number): Explanation<HeaderValueFields> =>
    rejected<HeaderValueFields>({
      rule: `${header}/${name}`,
      spec: 'Baton REQUIREMENTS §6 (custom header values)',
      message,
      position,
      expected,
    } satisfies Rejection);
  try {
    const raw = explainText(rawValue);
    if (raw === undefined) return fail('not-text', 'the value is not text', -1);
    if (raw.length > RAW_VALUE_CAP) {
      return fail(
        'too-long',
        `the header has ${raw.length} characters; it is read only up to ${RAW_VALUE_CAP}`,
        RAW_VALUE_CAP,
      );
    }
    const value = readFirstMember(raw, maxLength);
    if (value !== undefined) {
      let i = raw.indexOf(value) + value.length;
      while (i < raw.length && isOws(raw.charCodeAt(i))) i++;
      return accepted({ value, repeated: i < raw.length });
    }
    const n = raw.length;
    let start = 0;
    while (start < n && isOws(raw.charCodeAt(start))) start++;
    let end = start;
    while (end < n && isValueChar(raw.charCodeAt(end)) && end - start <= maxLength) end++;
    if (end - start > maxLength) {
      return fail(
        'too-long',
        `the value is longer than ${maxLength} characters`,
        start + maxLength,
      );
    }
    if (end === start) {
      return end === n
        ? fail('empty', 'the value is empty', start)
        : fail('character', `the value starts with ${describeCharAt(raw, end)}`, end);
    }
    return fail('character', `the value has ${describeCharAt(raw, end)} at position ${end}`, end);
  } catch {
    return fail('unexplained', 'the value could not be read', -1);
  }
}
