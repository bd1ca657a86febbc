/**
 * `explainXRayTraceHeader(value)`: what an `X-Amzn-Trace-Id` value says, or the rule that rejects it.
 *
 * The verdict comes from parseRaw — the function extract calls — so explain and extract cannot
 * disagree; diagnoseXRayTraceHeader runs only on a refusal, to name the rule and its position.
 * Slow path only: extract never calls this file.
 */
import {
  accepted,
  rejectionReason,
  type RejectionReason,
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
  AWSXRAY_TRACE_ID_HEADER,
  LINEAGE_KEY,
  MAX_FIELDS,
  MAX_TRACE_HEADER_LENGTH,
  PARENT_KEY,
  ROOT_KEY,
  SAMPLED_KEY,
} from './constants';
import { parseRaw } from './extract';
import type { XRaySampling } from './trace-header';

/** What a valid header carries. */
export interface XRayFields {
  /** 32 hex chars: the 8 + 24 digits of `Root`. */
  traceId: string;
  /** `Root` as sent: `1-{8 hex epoch}-{24 hex}`. */
  root: string;
  /** The 8-hex epoch part of Root, as seconds since 1970 (when the trace started, as X-Ray reads it). */
  epochSeconds: number;
  /** `Parent`; undefined for a Root-only header (a load balancer's first hop: no span context). */
  parentId: string | undefined;
  /** `Sampled=1` sampled, `0` not-sampled, `?` or absent deferred (context kept, not sampled). */
  sampling: XRaySampling;
  /** `Lineage` when valid (carried in baggage key `Lineage`). */
  lineage: string | undefined;
  /** A `Lineage` field that was sent but dropped (bad shape); the trace is kept. */
  lineageDropped: string | undefined;
  /** `Self=…` as a load balancer adds it (read past). */
  self: string | undefined;
  /** Other keys, read past, in order. */
  otherKeys: string[];
}

const SPEC = 'AWS X-Ray Developer Guide §Tracing header';
const HEADER = AWSXRAY_TRACE_ID_HEADER;
const FORMAT = 'Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled={0|1|?}, fields in any order';

function rule(name: string, message: string, position: number, expected: string): Rejection {
  return { rule: `${HEADER}/${name}`, spec: SPEC, message, position, expected };
}

/** One `key=value` field: where its key and value are, spaces and tabs trimmed as the parser does. */
interface Field {
  keyStart: number;
  key: string;
  valueStart: number;
  value: string;
}

/** The fields of s, or the rule their layout breaks (count, a field with no `=`). */
function fieldsOf(s: string): Field[] | Rejection {
  const out: Field[] = [];
  let pos = 0;
  let count = 0;
  while (pos <= s.length) {
    count++;
    if (count > MAX_FIELDS) {
      return rule(
        'too-many-fields',
        `more than ${MAX_FIELDS} ';'-separated fields`,
        pos,
        `at most ${MAX_FIELDS} fields`,
      );
    }
    let end = s.indexOf(';', pos);
    if (end === -1) end = s.length;
    let a = pos;
    let b = end;
    pos = end + 1;
    while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
    while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
    if (a === b) continue;
    const eq = s.indexOf('=', a);
    if (eq === -1 || eq >= b) {
      return rule(
        'field-without-equals',
        `the field '${s.slice(a, Math.min(b, a + 32))}' has no '='`,
        a,
        'key=value fields separated by ;',
      );
    }
    out.push({ keyStart: a, key: s.slice(a, eq), valueStart: eq + 1, value: s.slice(eq + 1, b) });
  }
  return out;
}

/** A lowercase-hex id: its first fault, or undefined. `at` is where the id starts in the value. */
function hexId(
  name: string,
  s: string,
  at: number,
  length: number,
  label: string,
): Rejection | undefined {
  const want = `${length} lowercase hex digits`;
  const bad = firstNonLowerHex(s, at, at + length);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      `${name}-${upper ? 'uppercase' : 'not-hex'}`,
      `${label} has ${describeCharAt(s, bad)} at position ${bad}`,
      bad,
      want,
    );
  }
  return undefined;
}

function diagnoseRoot(s: string, f: Field): Rejection | undefined {
  const v = f.valueStart;
  const want = '1-{8 lowercase hex}-{24 lowercase hex}';
  if (f.value.length !== 35) {
    return rule(
      'root-length',
      `Root has ${f.value.length} characters`,
      v,
      `${want} (35 characters)`,
    );
  }
  if (s[v] !== '1' || s[v + 1] !== '-') {
    return rule('root-version', `Root starts with '${s.slice(v, v + 2)}'`, v, `version 1: ${want}`);
  }
  if (s[v + 10] !== '-') {
    return rule('root-dash', `Root has ${describeCharAt(s, v + 10)} after the epoch`, v + 10, want);
  }
  const hex =
    hexId('root', s, v + 2, 8, 'Root epoch') ?? hexId('root', s, v + 11, 24, 'Root random part');
  if (hex !== undefined) return hex;
  if (allZero(s, v + 2, v + 10) && allZero(s, v + 11, v + 35)) {
    return rule(
      'trace-id-all-zero',
      'the trace id (epoch and random part) is all zeros',
      v + 2,
      `${want}, not all zero`,
    );
  }
  return undefined;
}

function diagnoseParent(s: string, f: Field): Rejection | undefined {
  const v = f.valueStart;
  if (f.value.length !== 16) {
    return rule(
      'parent-length',
      `Parent has ${f.value.length} characters`,
      v,
      '16 lowercase hex digits',
    );
  }
  const hex = hexId('parent', s, v, 16, 'Parent');
  if (hex !== undefined) return hex;
  if (allZero(s, v, v + 16)) {
    return rule(
      'parent-all-zero',
      'Parent is all zeros',
      v,
      '16 lowercase hex digits, not all zero',
    );
  }
  return undefined;
}

/** The first rule an `X-Amzn-Trace-Id` value breaks, or undefined. */
export function diagnoseXRayTraceHeader(s: string): Rejection | undefined {
  if (s.length > MAX_TRACE_HEADER_LENGTH) {
    return rule(
      'too-long',
      `the value has ${s.length} characters; Baton reads at most ${MAX_TRACE_HEADER_LENGTH}`,
      MAX_TRACE_HEADER_LENGTH,
      FORMAT,
    );
  }
  const fields = fieldsOf(s);
  if (!Array.isArray(fields)) return fields;
  const seen = new Set<string>();
  let root: Field | undefined;
  for (const f of fields) {
    const known = [ROOT_KEY, PARENT_KEY, SAMPLED_KEY, LINEAGE_KEY].includes(f.key);
    if (!known) continue; // Self=, unknown keys: read past, unchecked
    if (seen.has(f.key)) {
      return rule(
        'duplicate-key',
        `${f.key} appears twice`,
        f.keyStart,
        'each of Root, Parent, Sampled, Lineage at most once',
      );
    }
    seen.add(f.key);
    let fault: Rejection | undefined;
    if (f.key === ROOT_KEY) {
      root = f;
      fault = diagnoseRoot(s, f);
    } else if (f.key === PARENT_KEY) {
      fault = diagnoseParent(s, f);
    } else if (f.key === SAMPLED_KEY && !['0', '1', '?'].includes(f.value)) {
      fault = rule(
        'sampled-value',
        `Sampled is '${f.value.slice(0, 16)}'`,
        f.valueStart,
        "'1', '0' or '?' (? or absent: the receiver decides)",
      );
    }
    if (fault !== undefined) return fault;
  }
  if (root === undefined) {
    return rule(
      'root-missing',
      s.trim() === '' ? 'the value is empty' : 'there is no Root field (keys are case-sensitive)',
      -1,
      FORMAT,
    );
  }
  return undefined;
}

function unexplained(message: string): Rejection {
  return rule('unexplained', message, -1, FORMAT);
}

/** Explains an `X-Amzn-Trace-Id` value (string, one-element array or Buffer). Never throws. */
export function explainXRayTraceHeader(raw: unknown): Explanation<XRayFields> {
  try {
    const s = explainText(raw);
    if (s === undefined) return rejected(rule('not-text', 'the value is not text', -1, FORMAT));
    const parsed = parseRaw(s);
    if (parsed === undefined) {
      return rejected(
        diagnoseXRayTraceHeader(s) ??
          unexplained('rejected by the parser for a reason explain does not name (please report)'),
      );
    }
    // Descriptive pass over a value the parser accepted: at most MAX_FIELDS fields.
    const fields = fieldsOf(s) as Field[];
    const byKey = (k: string) => fields.find((f) => f.key === k)?.value;
    const root = byKey(ROOT_KEY) ?? '';
    const lineageSent = byKey(LINEAGE_KEY);
    const known = [ROOT_KEY, PARENT_KEY, SAMPLED_KEY, LINEAGE_KEY, 'Self'];
    return accepted({
      traceId: parsed.traceId,
      root,
      epochSeconds: parseInt(root.slice(2, 10), 16),
      parentId: parsed.spanId,
      sampling: parsed.sampling,
      lineage: parsed.lineage,
      lineageDropped: parsed.lineage === undefined ? lineageSent : undefined,
      self: byKey('Self'),
      otherKeys: fields.filter((f) => !known.includes(f.key)).map((f) => f.key),
    });
  } catch {
    return rejected(unexplained('the value could not be read'));
  }
}

/**
 * The EXPLAIN_REJECTION method of both X-Ray propagators. A valid Root-only header (no Parent) is
 * explained too: it is what a load balancer sends on a first hop, and it continues no span.
 */
export function explainXRayRejection(header: string, value: string): RejectionReason | undefined {
  if (String(header).toLowerCase() !== HEADER) return undefined;
  const e = explainXRayTraceHeader(value);
  if (e.valid && e.fields?.parentId === undefined) {
    return {
      rule: `Root without Parent: a first hop (a load balancer's), there is no parent span to continue (${HEADER}/root-only)`,
      spec: SPEC,
    };
  }
  return rejectionReason(e);
}
