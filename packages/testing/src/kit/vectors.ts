/** The user's format-specific vectors: what extract must find, and what inject writes back. */
import { propagation, trace, type Context } from '@opentelemetry/api';
import { extractFrom, injectInto } from './carriers';
import { INPUT } from './extract-rules';
import { show } from './judge';
import type { ConformanceVector, Subject } from './types';

export function checkVector(s: Subject, v: ConformanceVector): string[] {
  let ctx: Context;
  try {
    ctx = extractFrom(s.propagator, INPUT, v.carrier);
  } catch (err) {
    return [`extract threw ${String(err)}`];
  }
  const problems: string[] = [];
  if (v.valid === false && ctx !== INPUT)
    problems.push('nothing in it is valid, yet extract returned a different context');
  const sc = trace.getSpanContext(ctx);
  if (v.spanContext === null && sc) problems.push(`expected no span context, got ${show(sc)}`);
  if (v.spanContext) {
    const want = v.spanContext;
    const got = sc && {
      traceId: sc.traceId,
      spanId: sc.spanId,
      sampled: (sc.traceFlags & 1) === 1,
    };
    if (
      !got ||
      got.traceId !== want.traceId ||
      got.spanId !== want.spanId ||
      got.sampled !== want.sampled
    ) {
      problems.push(`expected span context ${show(want)}, got ${show(got)}`);
    }
  }
  if (v.baggage) {
    const bag = propagation.getBaggage(ctx);
    const got = bag ? Object.fromEntries(bag.getAllEntries().map(([k, e]) => [k, e.value])) : {};
    if (show(sortKeys(got)) !== show(sortKeys(v.baggage)))
      problems.push(`expected baggage ${show(v.baggage)}, got ${show(got)}`);
  }
  if (v.injects) {
    let written: Record<string, unknown>;
    try {
      written = injectInto(s.propagator, ctx).headers;
    } catch (err) {
      return problems.concat(`inject threw ${String(err)}`);
    }
    if (show(sortKeys(written), 10_000) !== show(sortKeys(v.injects), 10_000)) {
      problems.push(`expected inject to write ${show(v.injects)}, it wrote ${show(written)}`);
    }
  }
  return problems;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
