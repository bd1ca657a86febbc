/**
 * What a propagator's real extract put into a context, in one comparable, printable shape.
 */
import { ROOT_CONTEXT, propagation, trace, type Context } from '@opentelemetry/api';
import { getXRaySamplingState } from '@baton/propagator-aws-xray';
import { getB3SamplingState, isB3Debug } from '@baton/propagator-b3';
import { getPlatformId } from '@baton/propagator-platform-id';

export interface Extracted {
  /** The span context a service would continue (absent when none was extracted). */
  traceId?: string;
  spanId?: string;
  sampled?: boolean;
  traceFlags?: number;
  /** B3 `d` / Jaeger 0x02: debug, bound to this trace. */
  debug?: boolean;
  /** B3 without a sampling decision: the local sampler decides. */
  deferred?: boolean;
  /** A B3 sampling-only header (`b3: 0`): a decision without ids. */
  samplingOnly?: string;
  /** An X-Ray header with Root but no Parent (a first hop): its trace id, no span context. */
  rootOnly?: string;
  traceState?: string;
  baggage?: Record<string, string>;
  platformId?: string;
}

/** The summary of `ctx`, or null when it holds nothing extract could have put there. */
export function summarize(ctx: Context): Extracted | null {
  if (ctx === ROOT_CONTEXT) return null;
  const out: Extracted = {};
  const sc = trace.getSpanContext(ctx);
  if (sc !== undefined) {
    out.traceId = sc.traceId;
    out.spanId = sc.spanId;
    out.sampled = (sc.traceFlags & 1) === 1;
    out.traceFlags = sc.traceFlags;
    const state = sc.traceState?.serialize();
    if (state) out.traceState = state;
    if (isB3Debug(ctx)) out.debug = true;
  }
  const record = getB3SamplingState(ctx);
  if (record !== undefined) {
    if (record.traceId === undefined) out.samplingOnly = record.state;
    else if (record.state === 'deferred' && record.traceId === sc?.traceId) out.deferred = true;
  }
  const xray = getXRaySamplingState(ctx);
  if (xray !== undefined) {
    if (xray.spanId === undefined) out.rootOnly = xray.traceId;
    else if (xray.sampling === 'deferred' && xray.spanId === sc?.spanId) out.deferred = true;
  }
  const baggage = propagation.getBaggage(ctx);
  if (baggage !== undefined) {
    const entries = baggage.getAllEntries();
    if (entries.length > 0) out.baggage = Object.fromEntries(entries.map(([k, e]) => [k, e.value]));
  }
  const platformId = getPlatformId(ctx);
  if (platformId !== undefined) out.platformId = platformId;
  return Object.keys(out).length === 0 ? null : out;
}

/** One line: `trace 4bf9… span 00f0… sampled debug · baggage k=v · platform-id p`. */
export function describeExtracted(e: Extracted | null): string {
  if (e === null) return 'nothing';
  const parts: string[] = [];
  if (e.traceId !== undefined) {
    const flags = [e.sampled ? 'sampled' : 'not sampled'];
    if (e.debug) flags.push('debug');
    if (e.deferred) flags.push('deferred');
    parts.push(`trace ${e.traceId} span ${e.spanId} ${flags.join(', ')}`);
  }
  if (e.samplingOnly !== undefined)
    parts.push(`sampling decision only (${e.samplingOnly}), no ids`);
  if (e.rootOnly !== undefined) parts.push(`X-Ray Root only (trace ${e.rootOnly}), no parent span`);
  if (e.traceState !== undefined) parts.push(`tracestate ${e.traceState}`);
  if (e.baggage !== undefined) {
    parts.push(
      `baggage ${Object.entries(e.baggage)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`,
    );
  }
  if (e.platformId !== undefined) parts.push(`platform-id ${e.platformId}`);
  return parts.join(' · ');
}
