/**
 * The NodeSDK check of the format packages' sdk.test.ts (OT Trace, Cloud Trace, Jaeger, the
 * composite): `new NodeSDK({ textMapPropagator })` makes the propagator the global one. One copy of
 * the SDK's start and shutdown; each test checks what its format writes and reads back.
 */
import {
  propagation,
  ROOT_CONTEXT,
  trace,
  type SpanContext,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface ThroughNodeSdk {
  /** The ids of the span the SDK's tracer started (sampled: the SDK's default sampler). */
  traceId: string;
  spanId: string;
  /** What the global `propagation.inject` wrote for that span. */
  carrier: Record<string, string>;
  /** The global `propagation.fields()`. */
  fields: string[];
  /** What the global `propagation.extract` read back from `carrier`. */
  extracted: SpanContext | undefined;
}

/** Starts a real NodeSDK with `textMapPropagator`, injects a span of its tracer and extracts it back. */
export async function throughNodeSdk(
  textMapPropagator: TextMapPropagator,
): Promise<ThroughNodeSdk> {
  const sdk = new NodeSDK({
    textMapPropagator,
    instrumentations: [],
    traceExporter: new InMemorySpanExporter(),
  });
  sdk.start();
  try {
    const span = trace.getTracer('sdk').startSpan('client');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
    const extracted = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
    const fields = propagation.fields();
    span.end();
    const { traceId, spanId } = span.spanContext();
    return { traceId, spanId, carrier, fields, extracted };
  } finally {
    await sdk.shutdown();
  }
}
