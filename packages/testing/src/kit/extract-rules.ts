/** §1 on extract: hostile carriers, fuzzed carriers, and malformed values over a valid context. */
import {
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
} from '@opentelemetry/api';
import { carrierArbitrary } from './arbitraries';
import { extractFrom, headerKeys, hostileCarriers, injectInto, type Headers } from './carriers';
import { fuzz, type FuzzOutcome } from './fuzz';
import { show, spanContextProblem } from './judge';
import type { Subject } from './types';

/** The input context carries a value of its own, so "the input context itself" is observable. */
const MARK = createContextKey('@baton/testing input context');
export const INPUT: Context = ROOT_CONTEXT.setValue(MARK, true);

function describeThrow(err: unknown): string {
  return `threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`;
}

export function extractHostileCarriers(s: Subject): string[] {
  const problems: string[] = [];
  for (const h of hostileCarriers(headerKeys(s.fields))) {
    try {
      const out = s.propagator.extract(INPUT, h.carrier, h.getter);
      if (out !== INPUT)
        problems.push(`${h.name}: returned a different context, not the input context`);
    } catch (err) {
      problems.push(`${h.name}: ${describeThrow(err)}`);
    }
  }
  for (const v of s.vectors) {
    if (v.valid !== false) continue;
    try {
      if (extractFrom(s.propagator, INPUT, v.carrier) !== INPUT) {
        problems.push(`vector "${v.name}" (nothing valid): returned a different context`);
      }
    } catch (err) {
      problems.push(`vector "${v.name}": ${describeThrow(err)}`);
    }
  }
  return problems;
}

export function extractFuzz(s: Subject): FuzzOutcome {
  const keys = headerKeys(s.fields);
  return fuzz(s, 'extract-fuzz', carrierArbitrary(keys, s.prefixes), (carrier) => {
    let out: Context;
    try {
      out = extractFrom(s.propagator, INPUT, carrier);
    } catch (err) {
      return describeThrow(err);
    }
    const sc = trace.getSpanContext(out);
    if (sc === undefined) return undefined;
    const problem = spanContextProblem(sc);
    return problem && `extracted ${show(sc)}: ${problem}`;
  });
}

/** A valid context already present, distinct from anything the malformed carriers could hold. */
const KEPT = {
  traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  spanId: '0f1e2d3c4b5a6978',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
};
const KEPT_BAGGAGE = { 'baton-kit-kept': 'yes' };

function keptContext(): Context {
  const bag = propagation.createBaggage({ 'baton-kit-kept': { value: 'yes' } });
  return trace.setSpanContext(propagation.setBaggage(INPUT, bag), KEPT);
}

/**
 * Malformed carriers: every hostile value, the malformed vectors, and the propagator's own output
 * for another trace made invalid (a NUL appended, or a lone surrogate put in front, in every value).
 */
function malformedCarriers(s: Subject): Array<{ name: string; carrier: unknown }> {
  const own = injectInto(
    s.propagator,
    trace.setSpanContext(
      propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ other: { value: 'x' } })),
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 },
    ),
  ).headers;
  const corrupt = (f: (v: string) => string): Headers =>
    Object.fromEntries(Object.entries(own).map(([k, v]) => [k, typeof v === 'string' ? f(v) : v]));
  const out: Array<{ name: string; carrier: unknown }> = hostileCarriers(headerKeys(s.fields))
    .filter((h) => h.carrier !== null && typeof h.carrier === 'object' && !Array.isArray(h.carrier))
    .map((h) => ({ name: h.name, carrier: h.carrier }));
  if (Object.keys(own).length > 0) {
    out.push({
      name: `its own headers ${show(own)} with a NUL appended`,
      carrier: corrupt((v) => `${v}\u0000`),
    });
    out.push({
      name: `its own headers ${show(own)} after a lone surrogate`,
      carrier: corrupt((v) => `\uD800${v}`),
    });
  }
  for (const v of s.vectors)
    if (v.valid === false) out.push({ name: `vector "${v.name}"`, carrier: v.carrier });
  return out;
}

export function malformedKeepsValid(s: Subject): string[] {
  const problems: string[] = [];
  for (const m of malformedCarriers(s)) {
    let out: Context;
    try {
      out = extractFrom(s.propagator, keptContext(), m.carrier);
    } catch (err) {
      problems.push(`${m.name}: ${describeThrow(err)}`);
      continue;
    }
    const sc = trace.getSpanContext(out);
    if (!sc || sc.traceId !== KEPT.traceId || sc.spanId !== KEPT.spanId) {
      problems.push(
        `${m.name}: replaced the valid span context ${KEPT.traceId}-${KEPT.spanId} with ${show(sc)}`,
      );
    }
    const kept = propagation.getBaggage(out)?.getEntry('baton-kit-kept')?.value;
    if (kept !== KEPT_BAGGAGE['baton-kit-kept']) {
      problems.push(`${m.name}: lost the baggage entry baton-kit-kept=yes already in the context`);
    }
  }
  return problems;
}
