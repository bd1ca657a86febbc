/**
 * inject∘extract round-trips: what a propagator writes, it reads back, and writing what it read
 * gives the same headers. Stated on headers, so it holds for any format (span contexts, baggage, a
 * custom header), and it catches a writer the reader rejects (three-digit W3C flags).
 */
import { ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { contextOf, validCase } from './arbitraries';
import { extractFrom, injectInto } from './carriers';
import { fuzz, type FuzzOutcome } from './fuzz';
import { show } from './judge';
import type { Subject } from './types';

function compare(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return `${k}: ${show(a[k])} then ${show(b[k])}`;
  return undefined;
}

/** Why `ctx` does not round-trip, or undefined. */
function roundTripProblem(s: Subject, ctx: Context): string | undefined {
  try {
    const first = injectInto(s.propagator, ctx).headers;
    if (Object.keys(first).length === 0) return undefined; // nothing of this context is carried
    const back = extractFrom(s.propagator, ROOT_CONTEXT, first);
    if (back === ROOT_CONTEXT)
      return `inject wrote ${show(first)}, and extract found nothing valid in it`;
    const sent = trace.getSpanContext(ctx);
    const got = trace.getSpanContext(back);
    if (got && sent) {
      if (got.traceId !== sent.traceId || got.spanId !== sent.spanId) {
        return `inject wrote ${show(first)}; extract gave ids ${got.traceId}-${got.spanId}, not ${sent.traceId}-${sent.spanId}`;
      }
      if ((got.traceFlags & 1) !== (sent.traceFlags & 1)) {
        return `inject wrote ${show(first)}; the sampled flag came back as ${got.traceFlags & 1}`;
      }
    }
    const second = injectInto(s.propagator, back).headers;
    const diff = compare(first, second);
    return diff && `inject wrote ${show(first)}; re-injecting what extract read differs at ${diff}`;
  } catch (err) {
    return `threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`;
  }
}

export function roundTrip(s: Subject): FuzzOutcome {
  const problems: string[] = [];
  for (const v of s.vectorContexts) {
    const p = roundTripProblem(s, v.context);
    if (p) problems.push(`the context of vector "${v.name}": ${p}`);
  }
  const fuzzed = fuzz(s, 'round-trip', validCase, (c) => roundTripProblem(s, contextOf(c)));
  return { ...fuzzed, problems: problems.concat(fuzzed.problems) };
}
