/**
 * What the format packages' HTTP tests read beyond the @baton/testing harness's span summary: a
 * service's span as the real SDK finished it, with its parent's `isRemote` (extract must mark the
 * span context it makes as remote).
 */
import type { SpanContext } from '@opentelemetry/api';
import type { Services } from '@baton/testing';

export interface FinishedSpanView {
  spanContext(): SpanContext;
  parentSpanContext?: SpanContext;
}

/** The span `spanId` that `service` finished in the last request; throws when there is none. */
export function finishedSpan(fleet: Services, service: string, spanId: string): FinishedSpanView {
  const span = fleet.services
    .get(service)
    ?.tracing.finished()
    .find((s) => s.spanContext().spanId === spanId);
  if (span === undefined) throw new Error(`${service} finished no span ${spanId}`);
  return span as unknown as FinishedSpanView;
}
