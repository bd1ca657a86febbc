/**
 * The B3 sampling states that OpenTelemetry's SpanContext cannot hold.
 *
 * A SpanContext has one sampled bit, so "deferred" (no sampling field) reads as "not sampled" and a
 * sampling-only header (`b3: 0`, `x-b3-sampled: 1` alone) has no SpanContext at all. REQUIREMENTS §4
 * (Decision): "record the decision (and 'deferred') in a context key the package exports". The record
 * is bound to the ids it arrived with, so it never applies to another trace: a deferred record applies
 * only to the very span context extracted with it, a sampling-only record only to a new root span.
 * Debug is not here: it lives in @baton/internal's debug key, shared with Jaeger.
 */
import { createContextKey, type Context } from '@opentelemetry/api';

/** `deny` = `0`, `accept` = `1`, `debug` = `d` / `x-b3-flags: 1`, `deferred` = no sampling field. */
export type B3SamplingState = 'deny' | 'accept' | 'debug' | 'deferred';

export interface B3SamplingRecord {
  readonly state: B3SamplingState;
  /** Set for `deferred`: the span context it was extracted with. Absent for sampling-only headers. */
  readonly traceId?: string;
  readonly spanId?: string;
}

/** Holds a `B3SamplingRecord`; written only for deferred and sampling-only headers. */
export const B3_SAMPLING_STATE_KEY = createContextKey('@baton/propagator-b3 sampling state');

/** The record extracted into `ctx`, if any. */
export function getB3SamplingState(ctx: Context): B3SamplingRecord | undefined {
  const v = ctx.getValue(B3_SAMPLING_STATE_KEY);
  return typeof v === 'object' && v !== null && typeof (v as B3SamplingRecord).state === 'string'
    ? (v as B3SamplingRecord)
    : undefined;
}

/** True when `ctx` records that the span context (traceId, spanId) arrived with no sampling decision. */
export function isDeferred(ctx: Context, traceId: string, spanId: string): boolean {
  const r = getB3SamplingState(ctx);
  return r !== undefined && r.state === 'deferred' && r.traceId === traceId && r.spanId === spanId;
}

/** A sampling-only decision (no ids): applies to a root span started in this context. */
export function getSamplingOnlyState(ctx: Context): B3SamplingState | undefined {
  const r = getB3SamplingState(ctx);
  return r !== undefined && r.traceId === undefined ? r.state : undefined;
}
