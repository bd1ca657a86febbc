/**
 * `explainCloudTraceContext(value)`: what an `X-Cloud-Trace-Context` value says, or the rule that
 * rejects it.
 *
 * The verdict comes from parseCloudTraceContext — the function extract calls, behind the same
 * length cap — so explain and extract cannot disagree; diagnoseCloudTraceContext runs only on a
 * refusal, to name the rule. Slow path only: extract never calls this file.
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
import { MAX_CLOUD_TRACE_CONTEXT_LENGTH, X_CLOUD_TRACE_HEADER } from './constants';
import { parseCloudTraceContext } from './x-cloud-trace-context';

/** What a valid value carries. */
export interface CloudTraceFields {
  traceId: string;
  /** The span id as OpenTelemetry holds it: 16 lowercase hex chars, converted exactly. */
  spanId: string;
  /** The span id as sent: an unsigned 64-bit decimal. */
  spanIdDecimal: string;
  /** `o=1` ("trace this request"); `o=0` and no option are both not sampled. */
  sampled: boolean;
  /** The `o=` option as sent, or undefined when absent. */
  option: '0' | '1' | undefined;
}

const SPEC = 'Google Cloud Trace §X-Cloud-Trace-Context';
const HEADER = X_CLOUD_TRACE_HEADER;
const FORMAT = '{32 lowercase hex trace id}/{span id: unsigned 64-bit decimal, not 0}[;o={0|1}]';
const U64_MAX = '18446744073709551615';

function rule(name: string, message: string, position: number, expected: string): Rejection {
  return { rule: `${HEADER}/${name}`, spec: SPEC, message, position, expected };
}

function diagnoseTraceId(s: string): Rejection | undefined {
  const want = '32 lowercase hex digits, not all zero, then /';
  const slash = s.indexOf('/');
  if (slash !== 32) {
    const length = slash < 0 ? Math.min(s.length, 33) : slash;
    return rule(
      'trace-id-length',
      slash < 0 ? "there is no '/' after the trace id" : `the trace id has ${length} characters`,
      slash < 0 ? s.length : slash,
      want,
    );
  }
  const bad = firstNonLowerHex(s, 0, 32);
  if (bad >= 0) {
    const upper = isUpperHex(s.charCodeAt(bad));
    return rule(
      upper ? 'trace-id-uppercase' : 'trace-id-not-hex',
      `the trace id has ${describeCharAt(s, bad)} at position ${bad}`,
      bad,
      want,
    );
  }
  if (allZero(s, 0, 32)) return rule('trace-id-all-zero', 'the trace id is all zeros', 0, want);
  return undefined;
}

function diagnoseSpanId(s: string, start: number, end: number): Rejection | undefined {
  const want = `an unsigned decimal from 1 to ${U64_MAX}`;
  if (end === start) return rule('span-id-empty', 'the span id is empty', start, want);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      return rule(
        'span-id-not-decimal',
        `the span id has ${describeCharAt(s, i)} at position ${i}`,
        i,
        want,
      );
    }
  }
  let i = start;
  while (i < end && s[i] === '0') i++;
  if (i === end) return rule('span-id-zero', 'the span id is 0', start, want);
  const digits = s.slice(i, end);
  if (digits.length > U64_MAX.length || (digits.length === U64_MAX.length && digits > U64_MAX)) {
    return rule('span-id-overflow', `the span id ${digits} does not fit in 64 bits`, start, want);
  }
  return undefined;
}

/** The first rule an `X-Cloud-Trace-Context` value breaks, or undefined. */
export function diagnoseCloudTraceContext(s: string): Rejection | undefined {
  if (s.length > MAX_CLOUD_TRACE_CONTEXT_LENGTH) {
    return rule(
      'too-long',
      `the value has ${s.length} characters; Baton reads at most ${MAX_CLOUD_TRACE_CONTEXT_LENGTH}`,
      MAX_CLOUD_TRACE_CONTEXT_LENGTH,
      FORMAT,
    );
  }
  const trace = diagnoseTraceId(s);
  if (trace !== undefined) return trace;
  const semi = s.indexOf(';', 33);
  const spanEnd = semi < 0 ? s.length : semi;
  // Trailing garbage after the digits (`/123abc`) is named as such, not as a bad span id.
  let digitsEnd = 33;
  while (digitsEnd < spanEnd && s.charCodeAt(digitsEnd) >= 0x30 && s.charCodeAt(digitsEnd) <= 0x39)
    digitsEnd++;
  if (digitsEnd > 33 && digitsEnd < spanEnd) {
    return rule(
      'trailing-garbage',
      `${describeCharAt(s, digitsEnd)} follows the span id`,
      digitsEnd,
      "nothing, or ';o=0' / ';o=1'",
    );
  }
  const span = diagnoseSpanId(s, 33, spanEnd);
  if (span !== undefined) return span;
  if (semi >= 0) {
    const options = s.slice(semi);
    if (options !== ';o=0' && options !== ';o=1') {
      return rule(
        'options',
        `the options are '${options.slice(0, 16)}'`,
        semi,
        "exactly ';o=0' or ';o=1', or nothing",
      );
    }
  }
  return undefined;
}

/** Explains an `X-Cloud-Trace-Context` value (string, one-element array or Buffer). Never throws. */
export function explainCloudTraceContext(raw: unknown): Explanation<CloudTraceFields> {
  try {
    const s = explainText(raw);
    if (s === undefined) return rejected(rule('not-text', 'the value is not text', -1, FORMAT));
    const parsed =
      s.length > MAX_CLOUD_TRACE_CONTEXT_LENGTH ? undefined : parseCloudTraceContext(s);
    if (parsed === undefined) {
      return rejected(
        diagnoseCloudTraceContext(s) ??
          rule(
            'unexplained',
            'rejected by the parser for a reason explain does not name (please report)',
            -1,
            FORMAT,
          ),
      );
    }
    const semi = s.indexOf(';');
    const option = semi < 0 ? undefined : s[semi + 3] === '1' ? '1' : '0';
    return accepted({
      traceId: parsed.traceId,
      spanId: parsed.spanId,
      spanIdDecimal: s.slice(33, semi < 0 ? s.length : semi),
      sampled: parsed.sampled,
      option,
    });
  } catch {
    return rejected(rule('unexplained', 'the value could not be read', -1, FORMAT));
  }
}
