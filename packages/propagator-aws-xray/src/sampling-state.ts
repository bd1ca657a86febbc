/**
 * What an X-Ray header said that a SpanContext cannot hold.
 *
 * A SpanContext has one sampled bit, so `Sampled=?` (or no `Sampled`) reads as "not sampled", and a
 * header with `Root` but no `Parent` (a load balancer's first hop) has no SpanContext at all. Both
 * are recorded here, as B3 records its deferred and sampling-only states (REQUIREMENTS §4, §12), so
 * AWSXRaySampler can let the local root sampler decide, and code can read the load balancer's
 * trace id (to match the balancer's access log). A record is bound to the ids it arrived with, so
 * it never applies to another trace.
 */
import { createContextKey, type Context } from '@opentelemetry/api';
import type { XRaySampling } from './trace-header';

export interface XRaySamplingRecord {
  /** The header's `Sampled` (`deferred` for `?` or none). */
  readonly sampling: XRaySampling;
  /** The X-Ray trace id as an OpenTelemetry id (32 lowercase hex). */
  readonly traceId: string;
  /** The span context's span id; undefined for a `Root`-only header (no span context extracted). */
  readonly spanId: string | undefined;
}

/** Holds an XRaySamplingRecord; written only for deferred headers and `Root`-only headers. */
export const XRAY_SAMPLING_STATE_KEY = createContextKey(
  '@baton/propagator-aws-xray sampling state',
);

/** The record extracted into `ctx`, if any. */
export function getXRaySamplingState(ctx: Context): XRaySamplingRecord | undefined {
  const v = ctx.getValue(XRAY_SAMPLING_STATE_KEY);
  return typeof v === 'object' &&
    v !== null &&
    typeof (v as XRaySamplingRecord).traceId === 'string'
    ? (v as XRaySamplingRecord)
    : undefined;
}

/** True when `ctx` records that the span context (traceId, spanId) arrived without a decision. */
export function isXRayDeferred(ctx: Context, traceId: string, spanId: string): boolean {
  const r = getXRaySamplingState(ctx);
  return (
    r !== undefined && r.sampling === 'deferred' && r.traceId === traceId && r.spanId === spanId
  );
}

/**
 * The X-Ray trace id of a `Root`-only header (`Root=…` without `Parent`, what a load balancer sends
 * on the first hop), or undefined. No span context can be made from it — there is no parent span —
 * so the trace that starts here has a new trace id; this is how to find the balancer's id.
 */
export function getXRayRootOnly(ctx: Context): XRaySamplingRecord | undefined {
  const r = getXRaySamplingState(ctx);
  return r !== undefined && r.spanId === undefined ? r : undefined;
}
