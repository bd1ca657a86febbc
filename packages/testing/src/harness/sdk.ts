/**
 * The real SDK pieces the harness drives, loaded when a harness starts: the SDK is an optional
 * peer, so the conformance kit works without it installed.
 */
import type { Span } from '@opentelemetry/api';

/** The parts of a finished SDK span (ReadableSpan) the harness reads. */
export interface FinishedSpan {
  name: string;
  kind: number;
  startTime: [number, number];
  endTime: [number, number];
  attributes: Record<string, unknown>;
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
  parentSpanContext?: { spanId: string };
  parentSpanId?: string;
}

export interface Tracing {
  tracer: { startSpan(name: string, options: object, context: object): Span };
  finished(): FinishedSpan[];
  reset(): void;
  shutdown(): Promise<void>;
}

interface SdkModule {
  BasicTracerProvider: new (config: object) => {
    getTracer(name: string): Tracing['tracer'];
    shutdown(): Promise<void>;
  };
  SimpleSpanProcessor: new (exporter: unknown) => unknown;
  InMemorySpanExporter: new () => { getFinishedSpans(): FinishedSpan[]; reset(): void };
}

/** SDK 2 names the package sdk-trace-base; SDK 3 renamed it sdk-trace (same classes). */
const SDK_PACKAGES = ['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace'];

function loadSdk(): SdkModule {
  for (const name of SDK_PACKAGES) {
    try {
      return require(name) as SdkModule;
    } catch {
      // try the next name
    }
  }
  throw new Error(
    '@baton/testing: the propagation harness runs the real SDK; install it next to your tests: ' +
      'npm install --save-dev @opentelemetry/sdk-trace-base@2 (SDK 3: @opentelemetry/sdk-trace)',
  );
}

/** One tracer provider per service, exporting to memory, so each service's spans stay its own. */
export function startTracing(): Tracing {
  const sdk = loadSdk();
  const exporter = new sdk.InMemorySpanExporter();
  const provider = new sdk.BasicTracerProvider({
    spanProcessors: [new sdk.SimpleSpanProcessor(exporter)],
  });
  return {
    tracer: provider.getTracer('@baton/testing harness'),
    finished: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: () => provider.shutdown(),
  };
}
