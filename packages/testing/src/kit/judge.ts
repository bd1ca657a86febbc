/**
 * Small predicates the kit judges with. Written here rather than imported from @baton/internal on
 * purpose: the judge must not share code with what it judges (a bug in a shared helper would pass
 * both sides).
 */
import { propagation, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** RFC 9110 tchar: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA. */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && "!#$%&'*+-.^_`|~".indexOf(s[i]) === -1) return false;
  }
  return true;
}

/** A field value legal on the wire: visible US-ASCII, space and tab only (no CR, LF, NUL, no 8-bit). */
export function isFieldValue(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c !== 0x09 && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

function isIdOf(id: unknown, length: number): boolean {
  if (typeof id !== 'string' || id.length !== length) return false;
  let nonZero = false;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
    if (c !== 0x30) nonZero = true;
  }
  return nonZero;
}

/** Why an extracted span context breaks §1, or undefined when it is fine. */
export function spanContextProblem(sc: SpanContext): string | undefined {
  if (!isIdOf(sc.traceId, 32))
    return `trace id ${JSON.stringify(sc.traceId)} is not 32 lowercase hex, non-zero`;
  if (!isIdOf(sc.spanId, 16))
    return `span id ${JSON.stringify(sc.spanId)} is not 16 lowercase hex, non-zero`;
  if (sc.isRemote !== true) return 'isRemote is not true';
  const f = sc.traceFlags;
  if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f > 0xff)
    return `traceFlags ${String(f)} is not a byte`;
  return undefined;
}

export function isValidIds(traceId: string, spanId: string): boolean {
  return isIdOf(traceId, 32) && isIdOf(spanId, 16);
}

/** What a context carries that the kit can compare: span context and baggage entries. */
export function describeContext(ctx: Context): {
  span?: SpanContext;
  baggage?: Record<string, string>;
} {
  const out: { span?: SpanContext; baggage?: Record<string, string> } = {};
  const sc = trace.getSpanContext(ctx);
  if (sc) out.span = sc;
  const bag = propagation.getBaggage(ctx);
  if (bag) out.baggage = Object.fromEntries(bag.getAllEntries().map(([k, e]) => [k, e.value]));
  return out;
}

/** JSON for messages: Buffers, symbols, long strings and lone surrogates shown readably. */
export function show(value: unknown, max = 160): string {
  let s: string;
  try {
    s =
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === 'symbol' || typeof v === 'function') return String(v);
        if (typeof v === 'bigint') return `${v}n`;
        if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer')
          return `<Buffer ${(v as { data: number[] }).data.length} bytes>`;
        if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 40)}… (${v.length} chars)`;
        return v;
      }) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
