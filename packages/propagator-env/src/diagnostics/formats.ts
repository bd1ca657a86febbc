/**
 * The propagation formats a request may carry, by the header that carries the trace.
 *
 * "The trace stops at the gateway" is most often a format mismatch: the caller sends `x-b3-*`, the
 * callee reads only `traceparent`. Each entry names the header to look for (lowercase: Node's HTTP
 * server lowercases names), what to call the format in a message, and the `OTEL_PROPAGATORS` name
 * that reads it — the fix.
 */

export interface KnownFormat {
  /** The header that carries the trace (or, for baggage, the entries). */
  readonly header: string;
  /** Human name, for messages. */
  readonly format: string;
  /** The `OTEL_PROPAGATORS` name whose propagator reads it. */
  readonly name: string;
  /** True when a valid value yields a span context (so "present, nothing extracted" = rejected). */
  readonly carriesTrace: boolean;
  /** The shape of a valid value, for the generic "why rejected" (until the format explains itself). */
  readonly grammar: string;
}

export const KNOWN_FORMATS: readonly KnownFormat[] = [
  {
    header: 'traceparent',
    format: 'W3C Trace Context',
    name: 'tracecontext',
    carriesTrace: true,
    grammar: 'W3C Trace Context: 00-{32 lowercase hex}-{16 lowercase hex}-{2 lowercase hex}',
  },
  {
    header: 'b3',
    format: 'B3 single',
    name: 'b3',
    carriesTrace: true,
    grammar: 'B3: {16 or 32 lowercase hex}-{16 lowercase hex}[-{0|1|d}[-{16 lowercase hex}]]',
  },
  {
    header: 'x-b3-traceid',
    format: 'B3 multi',
    name: 'b3multi',
    carriesTrace: true,
    grammar: 'B3: X-B3-TraceId of 16 or 32 lowercase hex, X-B3-SpanId of 16',
  },
  {
    header: 'uber-trace-id',
    format: 'Jaeger',
    name: 'jaeger',
    carriesTrace: true,
    grammar: 'Jaeger: {trace}:{span}:{parent}:{flags}, ids in lowercase hex',
  },
  {
    header: 'x-amzn-trace-id',
    format: 'AWS X-Ray',
    name: 'xray',
    carriesTrace: true,
    grammar: 'X-Ray: Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled={0|1}',
  },
  {
    header: 'ot-tracer-traceid',
    format: 'OT Trace',
    name: 'ottrace',
    carriesTrace: true,
    grammar: 'OT Trace: 16 or 32 lowercase hex',
  },
  {
    header: 'x-cloud-trace-context',
    format: 'Google Cloud Trace',
    name: 'gcp',
    carriesTrace: true,
    grammar: 'Cloud Trace: {32 hex}/{decimal span id}[;o={0|1}]',
  },
  {
    header: 'baggage',
    format: 'W3C Baggage',
    name: 'baggage',
    carriesTrace: false,
    grammar: 'W3C Baggage: key=value[;properties], comma-separated',
  },
];
