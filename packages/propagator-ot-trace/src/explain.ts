/**
 * `explainOTTrace(headers)` and `explainOTBaggage(name, value)`: what the OT Trace headers say, or
 * the rule that rejects them.
 *
 * The verdict comes from parseOTIds and readSampled — the functions extract calls — so explain and
 * extract cannot disagree; diagnoseOTTrace runs only on a refusal, to name the rule. Slow path only:
 * extract never calls this file.
 */
import {
  accepted,
  allZero,
  baggageKeyFromHeader,
  describeCharAt,
  explainText,
  firstNonLowerHex,
  isUpperHex,
  rejected,
  rejectionReason,
  startsWithIgnoreAsciiCase,
  type RejectionReason,
  type Explanation,
  type Rejection,
} from '@baton/internal';
import {
  OT_BAGGAGE_PREFIX,
  OT_SAMPLED_HEADER,
  OT_SPAN_ID_HEADER,
  OT_TRACE_ID_HEADER,
  TRACE_ID_64_LENGTH,
} from './constants';
import { parseOTIds, readSampled } from './ot-span-context';

/** The three `ot-tracer-*` values as a getter returns them (string, array, Buffer or undefined). */
export interface OTTraceHeaders {
  traceId?: unknown;
  spanId?: unknown;
  sampled?: unknown;
}

/** What valid OT Trace headers carry. */
export interface OTTraceFields {
  /** 32 hex chars, as OpenTelemetry holds it (a 64-bit id left-padded with zeros). */
  traceId: string;
  /** True when the trace id was sent as 16 hex chars. */
  traceId64: boolean;
  spanId: string;
  sampled: boolean;
  /** The `ot-tracer-sampled` value as sent; undefined when absent (read as not sampled). */
  sampledSent: string | undefined;
}

const SPEC = 'OT Trace (OpenTracing basictracer HTTP headers)';
const ID_SECTION = 'ids';

function rule(
  header: string,
  name: string,
  message: string,
  position: number,
  expected: string,
): Rejection {
  return { rule: `${header}/${name}`, spec: `${SPEC} §${ID_SECTION}`, message, position, expected };
}

/** A lowercase-hex id value: its first fault, or undefined. */
function idValue(header: string, raw: unknown, lengths: number[]): Rejection | undefined {
  const want = `${lengths.join(' or ')} lowercase hex digits, not all zero`;
  if (raw === undefined) return rule(header, 'missing', `${header} is missing`, -1, want);
  const s = explainText(raw);
  if (s === undefined) return rule(header, 'not-text', 'the value is not text', -1, want);
  if (!lengths.includes(s.length)) {
    return rule(header, 'length', `the value has ${s.length} characters`, 0, want);
  }
  const bad = firstNonLowerHex(s, 0, s.length);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      header,
      upper ? 'uppercase' : 'not-hex',
      `the value has ${describeCharAt(s, bad)} at position ${bad}`,
      bad,
      want,
    );
  }
  if (allZero(s, 0, s.length)) return rule(header, 'all-zero', 'the id is all zeros', 0, want);
  return undefined;
}

/** The first rule the OT headers break, or undefined. */
export function diagnoseOTTrace(h: OTTraceHeaders): Rejection | undefined {
  const ids =
    idValue(OT_TRACE_ID_HEADER, h.traceId, [TRACE_ID_64_LENGTH, 32]) ??
    idValue(OT_SPAN_ID_HEADER, h.spanId, [16]);
  if (ids !== undefined) return ids;
  if (readSampled(h.sampled) === undefined) {
    const v = explainText(h.sampled);
    return {
      rule: `${OT_SAMPLED_HEADER}/value`,
      spec: `${SPEC} §sampled`,
      // The Decision (package README): as B3's x-b3-sampled, never read as "not sampled".
      message: `${OT_SAMPLED_HEADER} is ${v === undefined ? 'not text' : JSON.stringify(v.slice(0, 32))}; an unreadable decision invalidates the context`,
      position: 0,
      expected: "'true' or 'false' (any case), '1' or '0'",
    };
  }
  return undefined;
}

/**
 * Explains the `ot-tracer-*` headers together (they are one context). Never throws. Rules are named
 * after the header at fault: `ot-tracer-traceid/length`, `ot-tracer-sampled/value`, …
 */
export function explainOTTrace(headers: OTTraceHeaders): Explanation<OTTraceFields> {
  try {
    const h: OTTraceHeaders = headers !== null && typeof headers === 'object' ? headers : {};
    const ids = parseOTIds(h.traceId, h.spanId);
    const sampled = ids === undefined ? undefined : readSampled(h.sampled);
    if (ids === undefined || sampled === undefined) {
      return rejected(
        diagnoseOTTrace(h) ??
          rule(
            'ot-tracer',
            'unexplained',
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            'ot-tracer-traceid, ot-tracer-spanid, ot-tracer-sampled',
          ),
      );
    }
    return accepted({
      traceId: ids.traceId,
      traceId64: explainText(h.traceId)?.length === TRACE_ID_64_LENGTH,
      spanId: ids.spanId,
      sampled,
      sampledSent: h.sampled === undefined ? undefined : explainText(h.sampled),
    });
  } catch {
    return rejected(
      rule('ot-tracer', 'unexplained', 'the headers could not be read', -1, 'ot-tracer-*'),
    );
  }
}

/** One `ot-baggage-{key}` item, as extract reads it (the value is kept as sent: no decoding). */
export interface OTBaggageItem {
  /** The key as sent (extract keeps its case and marks the entry caseless). */
  key: string;
  value: string;
}

/**
 * Explains one `ot-baggage-{key}: value` header. Never throws. (The caps — 64 items, 8192 bytes —
 * apply to the whole set: extract keeps the first items that fit.)
 */
export function explainOTBaggage(name: unknown, rawValue: unknown): Explanation<OTBaggageItem> {
  const fail = (r: string, message: string, position: number, expected: string) =>
    rejected<OTBaggageItem>({
      rule: `ot-baggage/${r}`,
      spec: `${SPEC} §baggage`,
      message,
      position,
      expected,
    });
  try {
    const header = typeof name === 'string' ? name : '';
    const n = OT_BAGGAGE_PREFIX.length;
    if (header.length <= n || !startsWithIgnoreAsciiCase(header, OT_BAGGAGE_PREFIX)) {
      return fail(
        'name',
        `the header name is not ${OT_BAGGAGE_PREFIX}{key}`,
        -1,
        'ot-baggage-{key}',
      );
    }
    const key = baggageKeyFromHeader(header, n);
    if (key === undefined) {
      return fail(
        'key',
        `the key '${header.slice(n)}' is not an HTTP token`,
        n,
        'a key of token characters',
      );
    }
    const value = explainText(rawValue);
    if (value === undefined) return fail('not-text', 'the value is not text', -1, 'a text value');
    return accepted({ key, value });
  } catch {
    return fail('unexplained', 'the header could not be read', -1, 'ot-baggage-{key}: value');
  }
}

/**
 * The EXPLAIN_REJECTION method: one `ot-tracer-*` value explained alone. A fault found in another
 * header of the three (which the caller did not pass) is not this value's, so it is not reported.
 */
export function explainOTRejection(header: string, value: string): RejectionReason | undefined {
  const name = String(header).toLowerCase();
  const headers: OTTraceHeaders | undefined =
    name === OT_TRACE_ID_HEADER
      ? { traceId: value }
      : name === OT_SPAN_ID_HEADER
        ? { traceId: '0000000000000001', spanId: value }
        : name === OT_SAMPLED_HEADER
          ? { traceId: '0000000000000001', spanId: '0000000000000001', sampled: value }
          : undefined;
  if (headers === undefined) return undefined;
  const e = explainOTTrace(headers);
  return e.error?.rule.startsWith(`${name}/`) ? rejectionReason(e) : undefined;
}
