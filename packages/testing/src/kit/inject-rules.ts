/** §1 on inject: fields(), safe output, nothing for an invalid span, suppressTracing honoured. */
import {
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  createTraceState,
  propagation,
  type Context,
} from '@opentelemetry/api';
import { anyCase, anyContextOf, contextOf, type ValidCase } from './arbitraries';
import { injectInto, type Written } from './carriers';
import { fuzz, type FuzzOutcome } from './fuzz';
import { isFieldValue, isToken, show } from './judge';
import type { Subject } from './types';

/** `Symbol.for` so the key is the one core's suppressTracing sets, without depending on core. */
const SUPPRESS_TRACING = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

const FIXED_CASES: Array<[string, ValidCase]> = [
  [
    'a sampled span',
    {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      baggage: {},
    },
  ],
  [
    'an unsampled span',
    {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 0,
      baggage: {},
    },
  ],
  [
    'a span with tracestate and baggage',
    {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 3,
      traceState: 'congo=t61rcWkgMzE',
      baggage: { 'user.tier': 'gold', k2: 'a b' },
    },
  ],
];

/** The contexts the fixed-key rules inject: fixed spans, baggage alone, and the valid vectors'. */
export function injectContexts(s: Subject): Array<{ name: string; context: Context }> {
  const out = FIXED_CASES.map(([name, c]) => ({ name, context: contextOf(c) }));
  out.push({
    name: 'baggage without a span',
    context: propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ k: { value: 'v' } })),
  });
  return out.concat(s.vectorContexts);
}

function safeInject(s: Subject, ctx: Context): Written | string {
  try {
    return injectInto(s.propagator, ctx);
  } catch (err) {
    return `inject threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`;
  }
}

export function fieldsExact(s: Subject): string[] {
  let raw: unknown;
  try {
    raw = s.propagator.fields();
  } catch (err) {
    return [`fields() threw ${String(err)}`];
  }
  if (!Array.isArray(raw) || raw.some((f) => typeof f !== 'string'))
    return [`fields() returned ${show(raw)}, not an array of strings`];
  const fields = raw as string[];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    if (f !== f.toLowerCase()) problems.push(`fields() lists "${f}", which is not lowercase`);
    if (seen.has(f)) problems.push(`fields() lists "${f}" twice`);
    seen.add(f);
  }
  const written = new Set<string>();
  for (const { name, context } of injectContexts(s)) {
    const w = safeInject(s, context);
    if (typeof w === 'string') continue; // inject-safe reports throws
    for (const key of Object.keys(w.headers)) {
      written.add(key);
      if (!seen.has(key) && !s.prefixes.some((p) => key.startsWith(p))) {
        problems.push(`inject wrote "${key}" (for ${name}), which fields() does not list`);
      }
    }
  }
  for (const f of fields) {
    if (!written.has(f)) {
      problems.push(
        `fields() lists "${f}", which inject never wrote for the contexts tried ` +
          '(a sampled, an unsampled and a tracestate span, baggage, each valid vector); ' +
          'add a vector whose context makes inject write it, or drop it from fields()',
      );
    }
  }
  return problems;
}

export function injectSafe(s: Subject): FuzzOutcome {
  return fuzz(s, 'inject-safe', anyCase, (c) => {
    const w = safeInject(s, anyContextOf(c));
    if (typeof w === 'string') return w;
    for (const [k, v] of w.calls) {
      if (!isToken(k)) return `wrote header name ${show(k)}, which is not a token`;
      if (!isFieldValue(v))
        return `wrote ${k}: ${show(v)}, which is not a legal US-ASCII field value`;
    }
    return undefined;
  });
}

const INVALID_SPANS: Array<[string, string, string]> = [
  ['all-zero ids', '0'.repeat(32), '0'.repeat(16)],
  ['an all-zero trace id', '0'.repeat(32), '00f067aa0ba902b7'],
  ['an all-zero span id', '4bf92f3577b34da6a3ce929d0e0e4736', '0'.repeat(16)],
  ['a short trace id', '4bf92f3577b34da6', '00f067aa0ba902b7'],
  ['a non-hex span id', '4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902bz'],
];

export function injectInvalidSpan(s: Subject): string[] {
  const problems: string[] = [];
  for (const [name, traceId, spanId] of INVALID_SPANS) {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId,
      traceFlags: TraceFlags.SAMPLED,
      traceState: createTraceState('congo=t61rcWkgMzE'),
    });
    const w = safeInject(s, ctx);
    if (typeof w === 'string') problems.push(`${name}: ${w}`);
    else if (w.calls.length > 0) problems.push(`${name}: wrote ${show(w.headers)}`);
  }
  return problems;
}

export function injectSuppressed(s: Subject): string[] {
  const problems: string[] = [];
  for (const { name, context } of injectContexts(s)) {
    const w = safeInject(s, context.setValue(SUPPRESS_TRACING, true));
    if (typeof w === 'string') problems.push(`${name}, tracing suppressed: ${w}`);
    else if (w.calls.length > 0)
      problems.push(`${name}, tracing suppressed: wrote ${show(w.headers)}`);
  }
  return problems;
}
