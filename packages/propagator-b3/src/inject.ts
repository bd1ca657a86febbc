/**
 * B3 inject (REQUIREMENTS §4): single `b3: {32}-{16}-{1|0|d}`; multi `x-b3-traceid`, `x-b3-spanid`,
 * then `x-b3-flags: 1` or `x-b3-sampled: 1|0`. Never `x-b3-parentspanid`.
 */
import {
  TraceFlags as ApiTraceFlags,
  type Context,
  type SpanContext,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isDebugTrace, hasValidIds, safeSet } from '@baton/internal';
import {
  B3_CONTEXT_HEADER,
  PADDING_64,
  TRACE_ID_64_LENGTH,
  X_B3_FLAGS,
  X_B3_SAMPLED,
  X_B3_SPAN_ID,
  X_B3_TRACE_ID,
} from './constants';
import { isDeferred } from './sampling-state';
import type { B3SamplingState } from './sampling-state';

// The API's CommonJS build exports every name through a getter: a call on each use. Read once.
const TraceFlags = ApiTraceFlags;

/** What inject writes, or undefined when there is nothing to write. */
export interface B3Outgoing {
  traceId: string;
  spanId: string;
  state: B3SamplingState;
}

/**
 * What to send for `sc`, the span context of `context`, tracing not suppressed (what the
 * propagator's inject checked, or the composite for it: INJECT_SPAN_CONTEXT). May throw; callers catch.
 */
export function outgoingOf(
  context: Context,
  sc: SpanContext,
  emit64BitTraceIds: boolean,
): B3Outgoing | undefined {
  const { traceId, spanId } = sc;
  // REQUIREMENTS §1: "Inject with no valid span context writes no trace headers." Validated ids are
  // lowercase hex, so every value written below is a legal header value.
  if (!hasValidIds(sc, traceId, spanId)) return undefined;
  let state: B3SamplingState;
  // OTel B3: "MUST preserve a debug trace flag, if received, and propagate it with subsequent
  // requests". Debug belongs to the trace it arrived with (the key holds its trace id), so every
  // span of that trace carries it, whatever the local sampler said; another trace never does.
  if (isDebugTrace(context, traceId)) state = 'debug';
  else if ((sc.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED) state = 'accept';
  // The very span context that arrived without a decision is passed on without one (a proxy that
  // starts no span must not turn "deferred" into "deny" for the services behind it).
  else if (isDeferred(context, traceId, spanId)) state = 'deferred';
  else state = 'deny';
  const emitted =
    emit64BitTraceIds && traceId.startsWith(PADDING_64)
      ? traceId.slice(TRACE_ID_64_LENGTH)
      : traceId;
  return { traceId: emitted, spanId, state };
}

const SINGLE_SUFFIX: Readonly<Record<B3SamplingState, string>> = {
  accept: '-1',
  deny: '-0',
  debug: '-d',
  deferred: '',
};

export function injectSingle(out: B3Outgoing, carrier: unknown, setter: TextMapSetter): void {
  safeSet(
    carrier,
    setter,
    B3_CONTEXT_HEADER,
    out.traceId + '-' + out.spanId + SINGLE_SUFFIX[out.state],
  );
}

export function injectMulti(out: B3Outgoing, carrier: unknown, setter: TextMapSetter): void {
  safeSet(carrier, setter, X_B3_TRACE_ID, out.traceId);
  safeSet(carrier, setter, X_B3_SPAN_ID, out.spanId);
  // B3: "Debug implies an accept decision, so don't also send the X-B3-Sampled header."
  if (out.state === 'debug') safeSet(carrier, setter, X_B3_FLAGS, '1');
  else if (out.state === 'accept') safeSet(carrier, setter, X_B3_SAMPLED, '1');
  else if (out.state === 'deny') safeSet(carrier, setter, X_B3_SAMPLED, '0');
}
