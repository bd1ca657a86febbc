'use strict';
/**
 * Tracing for the demo's batch job (a child process) and worker thread: a BasicTracerProvider and the
 * AsyncLocalStorage context manager — lighter to load than NodeSDK (a job starts per request). Each
 * finished span goes to `onSpan` in the shape the orchestrator draws. Works on SDK 2.x
 * (sdk-trace-base) and 3.x (sdk-trace).
 */
const { context, trace, propagation } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');

function sdkTrace() {
  try {
    return require('@opentelemetry/sdk-trace-base'); // SDK 2.x
  } catch {
    return require('@opentelemetry/sdk-trace'); // SDK 3.x renamed it
  }
}

function startLightTracing(service, onSpan) {
  const processor = {
    onStart() {},
    onEnd(span) {
      const sc = span.spanContext();
      const parent = span.parentSpanContext ?? undefined; // SDK 2.x and 3.x
      onSpan({
        service,
        name: span.name,
        kind: span.kind,
        traceId: sc.traceId,
        spanId: sc.spanId,
        sampled: (sc.traceFlags & 1) === 1,
        parentSpanId: parent ? parent.spanId : (span.parentSpanId ?? null),
        start: span.startTime[0] * 1e3 + span.startTime[1] / 1e6,
        end: span.endTime[0] * 1e3 + span.endTime[1] / 1e6,
        peerPort: null,
        attributes: span.attributes,
      });
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  // Registered through the API, so the preload's join (if any) wraps it.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new (sdkTrace().BasicTracerProvider)({ spanProcessors: [processor] });
  trace.setGlobalTracerProvider(provider);
  return provider.getTracer(service);
}

/** The active baggage as the `demo.baggage` attribute the waterfall prints. */
function baggageAttribute(span) {
  const bag = propagation.getBaggage(context.active());
  if (!bag) return;
  const entries = {};
  for (const [k, v] of bag.getAllEntries()) entries[k] = v.value;
  if (Object.keys(entries).length) span.setAttribute('demo.baggage', JSON.stringify(entries));
}

module.exports = { startLightTracing, baggageAttribute };
