/** Finished SDK spans in the shape the waterfall draws and the checks read. */
import type { FinishedSpan } from './sdk';

export const SERVER = 1; // SpanKind.SERVER
export const CLIENT = 2; // SpanKind.CLIENT

export interface HarnessSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  /** ms since the epoch */
  start: number;
  end: number;
  /** For a client span: the port it called (names the callee in the waterfall). */
  peerPort: number | null;
  attributes: Record<string, unknown>;
}

const ms = (t: [number, number]) => t[0] * 1e3 + t[1] / 1e6;

export function toHarnessSpan(service: string, s: FinishedSpan): HarnessSpan {
  const sc = s.spanContext();
  const port = s.attributes['server.port'];
  return {
    service,
    name: s.name,
    kind: s.kind,
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: s.parentSpanContext?.spanId ?? s.parentSpanId ?? null,
    start: ms(s.startTime),
    end: ms(s.endTime),
    peerPort: typeof port === 'number' ? port : null,
    attributes: s.attributes,
  };
}
