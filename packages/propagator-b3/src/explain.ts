/**
 * `explainB3Single(value)` and `explainB3Multi(headers)`: what B3 headers say, or the rule that
 * rejects them.
 *
 * Verdicts come from parseB3Single / parseB3Multi, the functions extract calls, so explain and
 * extract cannot disagree; the diagnose functions below run only on a refusal, to name the rule.
 * Slow path only: extract never calls this file.
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
  B3_MAX_LENGTH,
  SAMPLED_MAX_LENGTH,
  SPAN_ID_MAX_LENGTH,
  TRACE_ID_MAX_LENGTH,
} from './constants';
import { parseB3Multi, type B3MultiRaw } from './parse-multi';
import { parseB3Single } from './parse-single';
import type { B3Parsed } from './parsed';
import type { B3SamplingState } from './sampling-state';

/** What valid B3 carries. A sampling-only header (`b3: 0`) has no ids. */
export interface B3Fields {
  /** 32 hex chars, as OpenTelemetry holds it (a 64-bit id left-padded with zeros); undefined when sampling-only. */
  traceId: string | undefined;
  /** True when the trace id was sent as 16 hex chars. */
  traceId64: boolean;
  spanId: string | undefined;
  /** `accept` (1), `deny` (0), `debug` (d / x-b3-flags: 1), `deferred` (no sampling field). */
  samplingState: B3SamplingState;
  sampled: boolean;
  debug: boolean;
  deferred: boolean;
  /** Only a sampling decision, no ids: no span context is extracted (the decision is recorded). */
  samplingOnly: boolean;
  /** The parent span id field of `b3`, if sent (B3 never uses it). */
  parentSpanId: string | undefined;
}

const SPEC = 'B3 (openzipkin/b3-propagation)';

function rule(
  header: string,
  name: string,
  section: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `${header}/${name}`, spec: `${SPEC} §${section}`, message, position, expected };
}

function fields(
  parsed: B3Parsed,
  sentTraceId: string | undefined,
  parentSpanId?: string,
): B3Fields {
  const state = parsed.state;
  return {
    traceId: parsed.traceId,
    traceId64: sentTraceId !== undefined && sentTraceId.length === 16,
    spanId: parsed.spanId,
    samplingState: state,
    sampled: state === 'accept' || state === 'debug',
    debug: state === 'debug',
    deferred: state === 'deferred',
    samplingOnly: parsed.traceId === undefined,
    parentSpanId,
  };
}

/** A lowercase-hex id field s[start, end): its first fault, or undefined. */
function idField(
  header: string,
  s: string,
  start: number,
  end: number,
  name: string,
  lengths: number[],
  section: string,
): Rejection | undefined {
  const length = end - start;
  const want = lengths.join(' or ');
  if (!lengths.includes(length)) {
    return rule(
      header,
      `${name}-length`,
      section,
      `${name} has ${length} characters`,
      start,
      `${want} lowercase hex digits`,
    );
  }
  const bad = firstNonLowerHex(s, start, end);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      header,
      upper ? `${name}-uppercase` : `${name}-not-hex`,
      section,
      `${name} has ${describeCharAt(s, bad)} at position ${bad}`,
      bad,
      `${want} lowercase hex digits`,
    );
  }
  if (allZero(s, start, end)) {
    return rule(
      header,
      `${name}-all-zero`,
      section,
      `${name} is all zeros`,
      start,
      `${want} lowercase hex digits, not all zero`,
    );
  }
  return undefined;
}

const SINGLE = 'b3';
const SINGLE_SECTION = 'Single Header';
const SINGLE_FORMAT = '{trace-id 16|32 hex}-{span-id 16 hex}[-{0|1|d}[-{parent-span-id 16 hex}]]';

/** The first rule a `b3` value breaks, or undefined. */
export function diagnoseB3Single(s: string): Rejection | undefined {
  const n = s.length;
  if (n === 0) return rule(SINGLE, 'empty', SINGLE_SECTION, 'the value is empty', 0, SINGLE_FORMAT);
  if (n > B3_MAX_LENGTH) {
    return rule(
      SINGLE,
      'too-long',
      SINGLE_SECTION,
      `the value has ${n} characters; the longest valid b3 has ${B3_MAX_LENGTH}`,
      B3_MAX_LENGTH,
      SINGLE_FORMAT,
    );
  }
  if (n === 55 && s.charCodeAt(2) === 0x2d && s.charCodeAt(35) === 0x2d) {
    return rule(
      SINGLE,
      'traceparent-shaped',
      SINGLE_SECTION,
      'this is a W3C traceparent value, not B3',
      0,
      `${SINGLE_FORMAT} (send it as traceparent)`,
    );
  }
  if (n === 1) {
    const c = s[0];
    return c === '0' || c === '1' || c === 'd'
      ? undefined
      : rule(
          SINGLE,
          'sampling-state',
          'Sampling State',
          `sampling state ${describeCharAt(s, 0)}`,
          0,
          "'0', '1' or 'd'",
        );
  }
  // Slow path: the fields and where each starts.
  const parts: { start: number; end: number }[] = [];
  let from = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || s.charCodeAt(i) === 0x2d) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (parts.length > 4) {
    return rule(
      SINGLE,
      'too-many-fields',
      SINGLE_SECTION,
      `${parts.length} fields; b3 has at most 4`,
      parts[4].start - 1,
      SINGLE_FORMAT,
    );
  }
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last.start === last.end) {
    return rule(
      SINGLE,
      'trailing-dash',
      SINGLE_SECTION,
      "the value ends with '-'",
      n - 1,
      SINGLE_FORMAT,
    );
  }
  const [t, sp, third, fourth] = parts;
  const trace = idField(SINGLE, s, t.start, t.end, 'trace-id', [16, 32], 'TraceId');
  if (trace !== undefined) return trace;
  if (sp === undefined) {
    return rule(
      SINGLE,
      'span-id-missing',
      SINGLE_SECTION,
      'there is no span id',
      n,
      `'-' and 16 lowercase hex digits after the trace id`,
    );
  }
  const span = idField(SINGLE, s, sp.start, sp.end, 'span-id', [16], 'SpanId');
  if (span !== undefined) return span;
  if (third === undefined) return undefined;
  const thirdLength = third.end - third.start;
  if (thirdLength === 16 && fourth === undefined) {
    // `{t}-{s}-{parent}`: Baton reads it as deferred (Brave); the parent must be lowercase hex.
    const bad = firstNonLowerHex(s, third.start, third.end);
    return bad < 0
      ? undefined
      : rule(
          SINGLE,
          'parent-span-id-not-hex',
          'ParentSpanId',
          `parent span id has ${describeCharAt(s, bad)}`,
          bad,
          '16 lowercase hex digits',
        );
  }
  const c = s[third.start];
  if (thirdLength !== 1 || (c !== '0' && c !== '1' && c !== 'd')) {
    return rule(
      SINGLE,
      'sampling-state',
      'Sampling State',
      `the third field is '${s.slice(third.start, third.end)}'`,
      third.start,
      "'0', '1' or 'd' (or a 16-hex parent span id)",
    );
  }
  if (fourth === undefined) return undefined;
  if (fourth.end - fourth.start !== 16) {
    return rule(
      SINGLE,
      'parent-span-id-length',
      'ParentSpanId',
      `parent span id has ${fourth.end - fourth.start} characters`,
      fourth.start,
      '16 lowercase hex digits',
    );
  }
  const bad = firstNonLowerHex(s, fourth.start, fourth.end);
  return bad < 0
    ? undefined
    : rule(
        SINGLE,
        'parent-span-id-not-hex',
        'ParentSpanId',
        `parent span id has ${describeCharAt(s, bad)}`,
        bad,
        '16 lowercase hex digits',
      );
}

function unexplained(header: string): Rejection {
  return rule(
    header,
    'unexplained',
    SINGLE_SECTION,
    'rejected by the parser for a reason explain does not name (please report)',
    -1,
    SINGLE_FORMAT,
  );
}

/**
 * Explains a `b3` value (string, one-element array or Buffer, as extract reads it). Never throws.
 * An invalid `b3` is not the end: extract then falls back to the `x-b3-*` headers (REQUIREMENTS §4).
 */
export function explainB3Single(raw: unknown): Explanation<B3Fields> {
  try {
    const s = explainText(raw);
    if (s === undefined)
      return rejected(
        rule(SINGLE, 'not-text', SINGLE_SECTION, 'the value is not text', -1, SINGLE_FORMAT),
      );
    const parsed = s.length > B3_MAX_LENGTH ? undefined : parseB3Single(s);
    if (parsed === undefined) return rejected(diagnoseB3Single(s) ?? unexplained(SINGLE));
    const dash1 = s.indexOf('-');
    const sentTrace = dash1 < 0 ? undefined : s.slice(0, dash1);
    const dashes = s.split('-');
    const parent =
      dashes.length === 4
        ? dashes[3]
        : dashes.length === 3 && dashes[2].length === 16
          ? dashes[2]
          : undefined;
    return accepted(fields(parsed, sentTrace, parent));
  } catch {
    return rejected(unexplained(SINGLE));
  }
}

/** The `x-b3-*` values as a getter returns them (string, array, Buffer or undefined). */
export interface B3MultiHeaders {
  traceId?: unknown;
  spanId?: unknown;
  sampled?: unknown;
  flags?: unknown;
}

const MULTI_SECTION = 'Multiple Headers';

/** The first rule the multi headers break, or undefined. */
export function diagnoseB3Multi(h: B3MultiHeaders): Rejection | undefined {
  if (h.sampled !== undefined) {
    const v = explainText(h.sampled);
    const ok =
      v !== undefined &&
      v.length <= SAMPLED_MAX_LENGTH &&
      ['1', '0', 'true', 'false'].includes(v.toLowerCase());
    if (!ok) {
      return rule(
        'x-b3-sampled',
        'value',
        'Sampling State',
        `x-b3-sampled is ${v === undefined ? 'not text' : JSON.stringify(v.slice(0, 32))}; this invalidates the multi headers`,
        0,
        "'1', '0', 'true' or 'false'",
      );
    }
  }
  if (h.traceId === undefined && h.spanId === undefined) {
    const flags = explainText(h.flags);
    if (h.sampled === undefined && flags !== '1') {
      return rule(
        'x-b3-flags',
        'ignored',
        'Debug Flag',
        'x-b3-flags other than 1 is ignored, and no ids or decision were sent',
        0,
        'x-b3-flags: 1, or x-b3-traceid and x-b3-spanid',
      );
    }
    return undefined;
  }
  const t = explainText(h.traceId);
  if (t === undefined) {
    return rule(
      'x-b3-traceid',
      'missing',
      'TraceId',
      'x-b3-spanid was sent without x-b3-traceid',
      -1,
      'x-b3-traceid: 16 or 32 lowercase hex digits',
    );
  }
  const trace = idField(
    'x-b3-traceid',
    t,
    0,
    t.length,
    'trace-id',
    [16, TRACE_ID_MAX_LENGTH],
    'TraceId',
  );
  if (trace !== undefined) return trace;
  const sp = explainText(h.spanId);
  if (sp === undefined) {
    return rule(
      'x-b3-spanid',
      'missing',
      'SpanId',
      'x-b3-traceid was sent without x-b3-spanid',
      -1,
      'x-b3-spanid: 16 lowercase hex digits',
    );
  }
  return idField('x-b3-spanid', sp, 0, sp.length, 'span-id', [SPAN_ID_MAX_LENGTH], 'SpanId');
}

/**
 * Explains the `x-b3-*` headers together (they are one context). Never throws. Rules are named
 * after the header at fault: `x-b3-traceid/trace-id-length`, `x-b3-sampled/value`, …
 */
export function explainB3Multi(headers: B3MultiHeaders): Explanation<B3Fields> {
  try {
    const h: B3MultiHeaders = headers !== null && typeof headers === 'object' ? headers : {};
    const raw: B3MultiRaw = {
      traceId: h.traceId,
      spanId: h.spanId,
      sampled: h.sampled,
      flags: h.flags,
    };
    const parsed = parseB3Multi(raw);
    if (parsed === undefined) {
      return rejected(
        diagnoseB3Multi(h) ??
          rule(
            'x-b3',
            'unexplained',
            MULTI_SECTION,
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            'x-b3-traceid, x-b3-spanid, x-b3-sampled',
          ),
      );
    }
    return accepted(fields(parsed, explainText(h.traceId)));
  } catch {
    return rejected(
      rule(
        'x-b3',
        'unexplained',
        MULTI_SECTION,
        'the headers could not be read',
        -1,
        'x-b3-traceid, x-b3-spanid, x-b3-sampled',
      ),
    );
  }
}
