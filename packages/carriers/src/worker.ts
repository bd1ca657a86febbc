/**
 * Worker threads: the context goes in `workerData` (or a `postMessage` payload) as a JSON envelope,
 * one call on each side.
 *
 *   // main thread
 *   new Worker(file, { workerData: workerDataWithContext({ batch: 7 }) });
 *   // worker
 *   runWithWorkerContext(workerData, (data) => tracer.startActiveSpan('work', …));
 *
 * **Decision:** the context crosses in W3C form (`traceparent`, `tracestate`, `baggage`, written and
 * read by @baton/propagator-w3c), whatever `OTEL_PROPAGATORS` says. Both ends are the same program, so
 * the format is an internal detail, and a worker then needs no propagator of its own: a worker that
 * never loaded the preload or the SDK's propagator still gets its parent's span and baggage. Pass
 * `{ propagator }` on both sides to carry more (a custom header propagator's context key).
 */
import { context as contextApi, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { envelopeGetter, envelopeSetter, type Envelope } from './message/envelope';

/** What `workerDataWithContext` returns: your data, and the context beside it. */
export interface WorkerDataWithContext<T> extends Envelope {
  data: T;
}

export interface WorkerContextOptions {
  /** Default: W3C trace context then W3C baggage. Use the same on both sides. */
  propagator?: Pick<TextMapPropagator, 'inject' | 'extract'>;
}

export interface WorkerInjectOptions extends WorkerContextOptions {
  /** Default the active context. */
  context?: Context;
}

let w3c: Pick<TextMapPropagator, 'inject' | 'extract'> | undefined;

function defaultPropagator(): Pick<TextMapPropagator, 'inject' | 'extract'> {
  if (w3c === undefined) {
    const traceContext = new W3CTraceContextPropagator();
    const baggage = new W3CBaggagePropagator();
    w3c = {
      inject(ctx, carrier, setter) {
        traceContext.inject(ctx, carrier, setter);
        baggage.inject(ctx, carrier, setter);
      },
      extract(ctx, carrier, getter) {
        return baggage.extract(traceContext.extract(ctx, carrier, getter), carrier, getter);
      },
    };
  }
  return w3c;
}

/** `{ data, trace_context: { traceparent, … } }`: structured-clone safe, JSON safe. */
export function workerDataWithContext<T>(
  data: T,
  options: WorkerInjectOptions = {},
): WorkerDataWithContext<T> {
  const out: WorkerDataWithContext<T> = { data, trace_context: {} };
  try {
    const propagator = options.propagator ?? defaultPropagator();
    propagator.inject(options.context ?? contextApi.active(), out, envelopeSetter);
  } catch {
    // The worker starts without context rather than not at all.
  }
  return out;
}

/**
 * The context and the data from what `workerDataWithContext` made. Anything else (a worker started
 * without it) gives `ROOT_CONTEXT` and the value itself as data. Never throws.
 */
export function contextFromWorkerData<T = unknown>(
  workerData: unknown,
  options: WorkerContextOptions = {},
): { context: Context; data: T } {
  const wrapped =
    typeof workerData === 'object' && workerData !== null && 'trace_context' in workerData;
  if (!wrapped) return { context: ROOT_CONTEXT, data: workerData as T };
  let ctx = ROOT_CONTEXT;
  try {
    const propagator = options.propagator ?? defaultPropagator();
    ctx = propagator.extract(ROOT_CONTEXT, workerData, envelopeGetter);
  } catch {
    ctx = ROOT_CONTEXT;
  }
  return { context: ctx, data: (workerData as WorkerDataWithContext<T>).data };
}

/** Runs `fn(data)` inside the context that came with `workerData`. */
export function runWithWorkerContext<T, R>(
  workerData: unknown,
  fn: (data: T) => R,
  options: WorkerContextOptions = {},
): R {
  const { context, data } = contextFromWorkerData<T>(workerData, options);
  return contextApi.with(context, fn, undefined, data);
}
