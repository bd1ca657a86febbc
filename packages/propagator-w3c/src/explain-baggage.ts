/**
 * `explainBaggage(value)`: every list-member of a baggage header, kept or dropped, and why.
 *
 * Baggage is a list: a bad member drops only itself (REQUIREMENTS §3), so the explanation is per
 * member. Members are read with readMember — the propagator's own parser — under the same budget
 * (64 members, 8192 bytes, never a partial member) as extract; only a member readMember refuses is
 * walked again by `diagnoseBaggageMember` to name the rule. Slow path only.
 */
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  describeCharAt,
  explainText,
  isTchar,
  percentDecode,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import { readMember, isValidProperties, type MemberEnd } from './baggage-grammar';

export interface BaggageMemberExplanation {
  /** The member as sent (OWS trimmed). */
  raw: string;
  /** Index of the member in the (joined) value. */
  position: number;
  /** Set when kept: the key, the percent-decoded value, the properties after ';' (or undefined). */
  key: string | undefined;
  value: string | undefined;
  properties: string | undefined;
  /** True when extract keeps this member. */
  kept: boolean;
  /** Why it was dropped (unset when kept). */
  error: Rejection | undefined;
}

export interface BaggageFields {
  members: BaggageMemberExplanation[];
}

const SPEC = 'W3C Baggage';
const COMMA = 0x2c;

function rule(
  name: string,
  section: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `baggage/${name}`, spec: `${SPEC} §${section}`, message, position, expected };
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
function isBaggageOctet(c: number): boolean {
  return c >= 0x21 && c <= 0x7e && c !== 0x22 && c !== 0x2c && c !== 0x3b && c !== 0x5c;
}

/** Why readMember refused the member s[start, end). */
export function diagnoseBaggageMember(s: string, start: number, end: number): Rejection {
  let i = start;
  while (i < end && isOws(s.charCodeAt(i))) i++;
  const keyStart = i;
  while (i < end && isTchar(s.charCodeAt(i))) i++;
  if (i === keyStart) {
    return rule(
      'key',
      'key',
      i === end ? 'the member is empty' : `the key starts with ${describeCharAt(s, i)}`,
      i,
      'a key made of RFC 7230 token characters',
    );
  }
  const key = s.slice(keyStart, i);
  while (i < end && isOws(s.charCodeAt(i))) i++;
  if (i === end || s.charCodeAt(i) !== 0x3d) {
    return rule(
      'key',
      'key',
      `key '${key}' is followed by ${i === end ? 'no =' : describeCharAt(s, i)}`,
      i,
      "token characters, then '='",
    );
  }
  i++;
  while (i < end && isOws(s.charCodeAt(i))) i++;
  const valueStart = i;
  while (i < end && isBaggageOctet(s.charCodeAt(i))) i++;
  const valueEnd = i;
  while (i < end && isOws(s.charCodeAt(i))) i++;
  if (i < end && s.charCodeAt(i) !== 0x3b) {
    return rule(
      'value',
      'value',
      `the value of '${key}' has ${describeCharAt(s, i)}`,
      i,
      'baggage-octets: printable ASCII except space, " , ; and \\ (percent-encode others)',
    );
  }
  if (i < end) {
    let propsEnd = end;
    while (propsEnd > i + 1 && isOws(s.charCodeAt(propsEnd - 1))) propsEnd--;
    let propsStart = i + 1;
    while (propsStart < propsEnd && isOws(s.charCodeAt(propsStart))) propsStart++;
    if (!isValidProperties(s, propsStart, propsEnd)) {
      return rule(
        'property',
        'property',
        `the properties of '${key}' do not match the grammar`,
        propsStart,
        'key or key=value properties separated by ;',
      );
    }
  }
  const raw = s.slice(valueStart, valueEnd);
  if (percentDecode(raw) === undefined) {
    const at = raw.indexOf('%');
    return rule(
      'percent-encoding',
      'value',
      `the value of '${key}' has a percent-escape that is not UTF-8`,
      valueStart + (at < 0 ? 0 : at),
      '%XX escapes of UTF-8 bytes',
    );
  }
  return rule(
    'unexplained',
    'Header Content',
    'rejected by the parser for a reason explain does not name (please report)',
    start,
    'key=value',
  );
}

/** Index of the first comma in s[i, limit), or limit. */
function nextComma(s: string, i: number, limit: number): number {
  while (i < limit && s.charCodeAt(i) !== COMMA) i++;
  return i;
}

function trimmed(s: string, start: number, end: number): string {
  while (start < end && isOws(s.charCodeAt(start))) start++;
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * Explains one or more baggage headers (a string, a Buffer, or an array of them sharing one budget,
 * as extract reads them). `valid` is true when every member is kept; `fields` lists every member
 * either way — baggage is a list, and the kept members are extracted even when others are not.
 * Never throws; reads at most 8192 bytes, as extract does.
 */
export function explainBaggage(raw: unknown): Explanation<BaggageFields> {
  const members: BaggageMemberExplanation[] = [];
  let error: Rejection | undefined;
  try {
    const values = Array.isArray(raw) ? raw : [raw];
    let budget = BAGGAGE_MAX_BYTES;
    let kept = 0;
    let offset = 0; // position of this header's first char in the joined value
    for (let h = 0; h < values.length; h++) {
      const s = explainText(values[h]);
      if (s === undefined) continue;
      if (budget <= 0) {
        error ??= rule(
          'too-large',
          'Limits',
          `more than ${BAGGAGE_MAX_BYTES} bytes: the rest is not read`,
          offset,
          `at most ${BAGGAGE_MAX_BYTES} bytes`,
        );
        break;
      }
      const n = s.length < budget ? s.length : budget;
      const at: MemberEnd = { end: 0 };
      let i = 0;
      while (i < n) {
        if (kept === BAGGAGE_MAX_MEMBERS) {
          error ??= rule(
            'too-many-members',
            'Limits',
            `more than ${BAGGAGE_MAX_MEMBERS} members: the rest is not read`,
            offset + i,
            `at most ${BAGGAGE_MAX_MEMBERS} list-members`,
          );
          break;
        }
        const member = readMember(s, i, n, at);
        const end = at.end;
        if (end === n && n < s.length && s.charCodeAt(n) !== COMMA) {
          error ??= rule(
            'too-large',
            'Limits',
            `the member at ${offset + i} ends past ${BAGGAGE_MAX_BYTES} bytes: dropped whole, with the rest`,
            offset + i,
            `at most ${BAGGAGE_MAX_BYTES} bytes, never a partial member`,
          );
          break;
        }
        const text = trimmed(s, i, end);
        if (member !== undefined) {
          kept++;
          members.push({
            raw: text,
            position: offset + i,
            key: member.key,
            value: member.value,
            properties: member.properties,
            kept: true,
            error: undefined,
          });
        } else if (text.length > 0) {
          // An empty member (`a=1,,b=2`) is dropped silently by extract too; only others are listed.
          const why = diagnoseBaggageMember(s, i, nextComma(s, i, n));
          const shifted = { ...why, position: why.position + offset };
          error ??= shifted;
          members.push({
            raw: text,
            position: offset + i,
            key: undefined,
            value: undefined,
            properties: undefined,
            kept: false,
            error: shifted,
          });
        }
        i = end + 1;
      }
      budget -= s.length + 1;
      offset += s.length + 1;
    }
  } catch {
    error ??= rule(
      'unexplained',
      'Header Content',
      'the value could not be read',
      -1,
      'key=value list',
    );
  }
  return { valid: error === undefined, fields: { members }, error };
}
