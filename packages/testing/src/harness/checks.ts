/**
 * What a propagated request must show (issue 18): one trace; each server span the child of its
 * caller's client span; baggage and custom headers arriving where they should. Each problem names
 * the hop and what crossed it, so a format mismatch reads as one.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import type { Hop } from './service';
import type { HarnessSpan } from './spans';

export interface Expectation {
  /** Baggage entries every service on the route must see. */
  baggage?: Record<string, string>;
  /** Headers (name → value) every service after the first must receive. */
  headers?: Record<string, string>;
}

export interface HopContext {
  route: string[];
  hops: Hop[];
  spans: HarnessSpan[];
  propagators: Map<string, TextMapPropagator>;
}

function fieldsOf(p: TextMapPropagator | undefined): string[] {
  try {
    return p ? p.fields() : [];
  } catch {
    return [];
  }
}

/** Why the trace broke between `caller` and `callee`: what was sent, what the callee reads. */
function mismatch(r: HopContext, caller: string, callee: Hop): string {
  const sent = Object.keys(callee.headers).filter((h) =>
    fieldsOf(r.propagators.get(caller)).includes(h),
  );
  const reads = fieldsOf(r.propagators.get(callee.service));
  const common = sent.filter((h) => reads.includes(h));
  const what = sent.length ? `${caller} sent ${sent.join(', ')}` : `${caller} sent no trace header`;
  const why = common.length
    ? `${callee.service} rejected them`
    : `${callee.service} reads ${reads.join(', ') || 'nothing'}: no format in common`;
  return `${what}; ${why}`;
}

export function problemsOf(r: HopContext, expect: Expectation = {}): string[] {
  const problems: string[] = [];
  const traces = new Set(r.spans.map((s) => s.traceId));
  if (traces.size !== 1) problems.push(`expected one trace, found ${traces.size}`);
  for (let i = 1; i < r.hops.length; i++) {
    const caller = r.route[i - 1];
    const callee = r.hops[i];
    const clientId = r.hops[i - 1].clientSpanId;
    const client = r.spans.find((s) => s.spanId === clientId);
    const server = r.spans.find((s) => s.spanId === callee.serverSpanId);
    if (!client || !server) {
      problems.push(
        `${caller} → ${callee.service}: spans missing (client ${Boolean(client)}, server ${Boolean(server)})`,
      );
      continue;
    }
    if (server.traceId !== client.traceId || server.parentSpanId !== client.spanId) {
      const got = server.parentSpanId ? `a child of ${server.parentSpanId}` : 'a root: a new trace';
      problems.push(
        `${caller} → ${callee.service}: ${callee.service}'s server span is ${got}, not the child of ${caller}'s client span ${client.spanId} (${mismatch(r, caller, callee)})`,
      );
    }
  }
  r.hops.forEach((hop, i) => {
    for (const [k, v] of Object.entries(expect.baggage ?? {})) {
      if (hop.baggage[k] !== v) {
        problems.push(
          `baggage ${k}=${v} did not arrive at ${hop.service}${i ? ` (from ${r.route[i - 1]})` : ''}; it has ${JSON.stringify(hop.baggage)}`,
        );
      }
    }
    if (i === 0) return;
    for (const [k, v] of Object.entries(expect.headers ?? {})) {
      const got = hop.headers[k.toLowerCase()];
      if (got !== v) {
        problems.push(
          `header ${k}: ${v} did not arrive at ${hop.service} (from ${r.route[i - 1]}); got ${got === undefined ? 'none' : JSON.stringify(got)}`,
        );
      }
    }
  });
  return problems;
}
