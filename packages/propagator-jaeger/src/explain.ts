/**
 * `explainUberTraceId(value)`, `explainUberctx(name, value)` and `explainJaegerBaggage(value)`:
 * what Jaeger headers say, or the rule that rejects them.
 *
 * Verdicts and decoded values come from the parsers extract uses (parseUberTraceId, formDecode,
 * collectJaegerBaggage into a BaggageCollector), so explain and extract cannot disagree; the
 * diagnose function runs only on a refusal, to name the rule. Slow path only.
 */
import {
  BAGGAGE_MAX_BYTES,
  BaggageCollector,
  accepted,
  baggageKeyFromHeader,
  startsWithIgnoreAsciiCase,
  allZero,
  describeCharAt,
  explainText,
  firstNonLowerHex,
  isUpperHex,
  percentDecode,
  rejected,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import { MAX_PARENT_ID_LENGTH, MAX_UBER_TRACE_ID_LENGTH } from './constants';
import { formDecode } from './form-decode';
import { collectJaegerBaggage } from './jaeger-baggage';
import { parseUberTraceId } from './uber-trace-id';

export interface UberTraceIdFields {
  /** 32 hex chars (left-padded when sent shorter). */
  traceId: string;
  /** 16 hex chars (left-padded when sent shorter). */
  spanId: string;
  /** The deprecated parent field as sent (validated, then ignored). */
  parentSpanId: string;
  /** The flags byte as sent. */
  flags: number;
  sampled: boolean;
  /** 0x02, kept only together with sampled. */
  debug: boolean;
  /** 0x08: no OpenTelemetry meaning, ignored. */
  firehose: boolean;
  /** True when the value was URL-encoded (`%3A`) and decoded first. */
  urlEncoded: boolean;
}

const SPEC = 'Jaeger Propagation Format';
const HEADER = 'uber-trace-id';
const FORMAT = '{trace-id 1-32 hex}:{span-id 1-16 hex}:{parent-span-id 1-16 hex}:{flags 1-2 hex}';

function rule(
  name: string,
  section: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `${HEADER}/${name}`, spec: `${SPEC} §${section}`, message, position, expected };
}

function hexField(
  s: string,
  start: number,
  end: number,
  name: string,
  max: number,
  mayBeZero: boolean,
): Rejection | undefined {
  const length = end - start;
  const want = `1 to ${max} lowercase hex digits${mayBeZero ? '' : ', not all zero'}`;
  if (length === 0)
    return rule(`${name}-empty`, 'Trace/Span Identity', `${name} is empty`, start, want);
  if (length > max)
    return rule(
      `${name}-length`,
      'Trace/Span Identity',
      `${name} has ${length} characters`,
      start + max,
      want,
    );
  const bad = firstNonLowerHex(s, start, end);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      upper ? `${name}-uppercase` : `${name}-not-hex`,
      'Trace/Span Identity',
      `${name} has ${describeCharAt(s, bad)} at position ${bad}`,
      bad,
      want,
    );
  }
  if (!mayBeZero && allZero(s, start, end))
    return rule(`${name}-all-zero`, 'Trace/Span Identity', `${name} is all zeros`, start, want);
  return undefined;
}

/** The first rule an `uber-trace-id` value breaks, or undefined. Positions are in the decoded value. */
export function diagnoseUberTraceId(raw: string): Rejection | undefined {
  if (raw.length > MAX_UBER_TRACE_ID_LENGTH) {
    return rule(
      'too-long',
      'Trace/Span Identity',
      `the value has ${raw.length} characters; Baton reads at most ${MAX_UBER_TRACE_ID_LENGTH}`,
      MAX_UBER_TRACE_ID_LENGTH,
      FORMAT,
    );
  }
  let s = raw;
  if (s.indexOf('%') !== -1) {
    const decoded = percentDecode(s, false);
    if (decoded === undefined) {
      return rule(
        'percent-encoding',
        'Trace/Span Identity',
        'the value is URL-encoded, but an escape is malformed',
        s.indexOf('%'),
        `${FORMAT}, optionally URL-encoded (%3A)`,
      );
    }
    s = decoded;
  }
  const colons: number[] = [];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x3a) colons.push(i);
  if (colons.length !== 3) {
    return rule(
      'field-count',
      'Trace/Span Identity',
      `${colons.length + 1} field(s) separated by ':'`,
      colons.length > 3 ? colons[3] : s.length,
      `exactly four fields: ${FORMAT}`,
    );
  }
  const [c1, c2, c3] = colons;
  const field =
    hexField(s, 0, c1, 'trace-id', 32, false) ??
    hexField(s, c1 + 1, c2, 'span-id', 16, false) ??
    hexField(s, c2 + 1, c3, 'parent-span-id', MAX_PARENT_ID_LENGTH, true);
  if (field !== undefined) return field;
  const flagsLength = s.length - c3 - 1;
  const bad = firstNonLowerHex(s, c3 + 1, s.length);
  if (flagsLength < 1 || flagsLength > 2 || bad >= 0) {
    return rule(
      'flags',
      'Trace/Span Identity',
      flagsLength < 1 ? 'flags are empty' : `flags are '${s.slice(c3 + 1, c3 + 9)}'`,
      bad >= 0 ? bad : c3 + 1,
      'one or two lowercase hex digits (1 sampled, 2 debug, 8 firehose); unreadable flags are never read as sampled',
    );
  }
  return undefined;
}

/** Explains an `uber-trace-id` value (string, one-element array or Buffer). Never throws. */
export function explainUberTraceId(rawValue: unknown): Explanation<UberTraceIdFields> {
  try {
    const raw = explainText(rawValue);
    if (raw === undefined)
      return rejected(rule('not-text', 'Trace/Span Identity', 'the value is not text', -1, FORMAT));
    const parsed = raw.length > MAX_UBER_TRACE_ID_LENGTH ? undefined : parseUberTraceId(raw);
    if (parsed === undefined) {
      return rejected(
        diagnoseUberTraceId(raw) ??
          rule(
            'unexplained',
            'Trace/Span Identity',
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            FORMAT,
          ),
      );
    }
    const urlEncoded = raw.indexOf('%') !== -1;
    const s = urlEncoded ? (percentDecode(raw, false) ?? raw) : raw;
    const parts = s.split(':');
    const flags = parseInt(parts[3], 16);
    return accepted({
      traceId: parsed.traceId,
      spanId: parsed.spanId,
      parentSpanId: parts[2],
      flags,
      sampled: parsed.sampled,
      debug: parsed.debug,
      firehose: (flags & 0x08) !== 0,
      urlEncoded,
    });
  } catch {
    return rejected(
      rule('unexplained', 'Trace/Span Identity', 'the value could not be read', -1, FORMAT),
    );
  }
}

/** One baggage item, as extract reads it. */
export interface JaegerBaggageItem {
  key: string;
  /** Percent-decoded (`+` as space); the raw value when it cannot be decoded. */
  value: string;
  raw: string;
  /** False when the value could not be decoded and is kept as it arrived. */
  decoded: boolean;
}

/**
 * Explains one `uberctx-{key}: value` header: the item key (as sent: extract keeps its case and marks the entry caseless) and decoded value. `prefix`
 * is the baggage prefix with its dash (default `uberctx-`). Never throws.
 */
export function explainUberctx(
  name: unknown,
  rawValue: unknown,
  prefix = 'uberctx-',
): Explanation<JaegerBaggageItem> {
  const fail = (
    r: string,
    message: string,
    position: number,
    expected: string,
  ): Explanation<JaegerBaggageItem> =>
    rejected({ rule: `uberctx/${r}`, spec: `${SPEC} §Baggage`, message, position, expected });
  try {
    const header = typeof name === 'string' ? name : '';
    // As extract: the prefix in any case; the key is the rest of the name, as sent (case kept).
    if (header.length <= prefix.length || !startsWithIgnoreAsciiCase(header, prefix)) {
      return fail('name', `the header name is not ${prefix}{key}`, -1, `${prefix}{key}`);
    }
    const key = baggageKeyFromHeader(header, prefix.length);
    if (key === undefined) {
      return fail(
        'key',
        `the key '${header.slice(prefix.length)}' is not an HTTP token`,
        prefix.length,
        'a key of token characters',
      );
    }
    const raw = explainText(rawValue);
    if (raw === undefined)
      return fail('not-text', 'the value is not text', -1, 'a percent-encoded value');
    const value = formDecode(raw);
    return accepted({ key, value: value ?? raw, raw, decoded: value !== undefined });
  } catch {
    return fail('unexplained', 'the header could not be read', -1, `${prefix}{key}: value`);
  }
}

export interface JaegerBaggageFields {
  /** The items extract keeps, in order. */
  items: JaegerBaggageItem[];
  /** Items it skips (no `=`, more than one `=`, an empty key, a key that is not a token), as sent. */
  skipped: string[];
}

/** Explains a `jaeger-baggage: k1=v1, k2=v2` header (the real collector, same caps). Never throws. */
export function explainJaegerBaggage(rawValue: unknown): Explanation<JaegerBaggageFields> {
  try {
    const header = explainText(rawValue);
    if (header === undefined) {
      return rejected({
        rule: 'jaeger-baggage/not-text',
        spec: `${SPEC} §Baggage`,
        message: 'the value is not text',
        position: -1,
        expected: 'k1=v1, k2=v2',
      });
    }
    if (header.length > BAGGAGE_MAX_BYTES) {
      // Extract ignores a jaeger-baggage longer than the whole budget before parsing it.
      return rejected({
        rule: 'jaeger-baggage/too-large',
        spec: 'Baton REQUIREMENTS §5 (caps)',
        message: `the header has ${header.length} characters; a header longer than ${BAGGAGE_MAX_BYTES} is ignored`,
        position: BAGGAGE_MAX_BYTES,
        expected: `at most ${BAGGAGE_MAX_BYTES} bytes of baggage`,
      });
    }
    const collector = new BaggageCollector(formDecode);
    collectJaegerBaggage(header, collector);
    // The items as sent, for their raw values and for the ones the collector skipped (it keeps
    // no rejects): a second, descriptive pass over at most the byte budget.
    const rawByKey = new Map<string, string>();
    const sent: { key: string; text: string }[] = [];
    for (const part of header.slice(0, 8192).split(',')) {
      const text = part.trim();
      if (text === '') continue;
      const eq = text.indexOf('=');
      const key = eq < 0 ? '' : text.slice(0, eq).trim();
      sent.push({ key, text });
      if (eq >= 0 && !rawByKey.has(key)) rawByKey.set(key, text.slice(eq + 1).trim());
    }
    const items: JaegerBaggageItem[] = [];
    for (const [key, entry] of collector.items) {
      const raw = rawByKey.get(key) ?? entry.value;
      items.push({ key, value: entry.value, raw, decoded: formDecode(raw) !== undefined });
    }
    const skipped = sent.filter((item) => !collector.items.has(item.key)).map((item) => item.text);
    if (skipped.length > 0) {
      return {
        valid: false,
        fields: { items, skipped },
        error: {
          rule: 'jaeger-baggage/item',
          spec: `${SPEC} §Baggage`,
          message: `${skipped.length} item(s) skipped: ${skipped[0]}`,
          position: header.indexOf(skipped[0]),
          expected: 'key=value items, one = each, keys that are HTTP tokens',
        },
      };
    }
    return accepted({ items, skipped });
  } catch {
    return rejected({
      rule: 'jaeger-baggage/unexplained',
      spec: `${SPEC} §Baggage`,
      message: 'the value could not be read',
      position: -1,
      expected: 'k1=v1, k2=v2',
    });
  }
}
