/**
 * Shared by the tests that start real processes and threads: they load the BUILT packages through
 * node_modules (as a user would), so build them first (incremental), and a tracer in this process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { context, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export const repo = join(__dirname, '../../..');
export const fixtures = join(__dirname, 'fixtures');

/** tsc -b of propagator-env (it references carriers and every format) and the ESM wrappers. */
export function buildPackages(): void {
  execFileSync(
    process.execPath,
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-b',
      'packages/propagator-env/tsconfig.build.json',
    ],
    { cwd: repo, stdio: 'pipe' },
  );
  execFileSync(process.execPath, ['scripts/esm-wrappers.mjs'], { cwd: repo, stdio: 'pipe' });
}

/** process.env without OTEL_* / BATON_* / trace variables: what a test's child starts from. */
export function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(OTEL_|BATON_|JOB_|SERVER_)/.test(k)) continue;
    if (/^(TRACEPARENT|TRACESTATE|BAGGAGE|B3|X_B3_.*|UBER_TRACE_ID|UBERCTX_.*)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** A real tracer in this process: AsyncLocalStorage context manager, BasicTracerProvider. */
export function startTracing(): { exporter: InMemorySpanExporter; stop: () => void } {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  return {
    exporter,
    stop: () => {
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Runs `fn` inside a new active span with baggage; returns fn's result and the span. */
export async function inSpan<T>(
  name: string,
  baggage: Record<string, string>,
  fn: (span: Span, ctx: Context) => Promise<T> | T,
): Promise<{ result: T; span: Span }> {
  const entries: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(baggage)) entries[k] = { value: v };
  const span = trace.getTracer('test').startSpan(name);
  const ctx = propagation.setBaggage(
    trace.setSpan(context.active(), span),
    propagation.createBaggage(entries),
  );
  try {
    const result = await context.with(ctx, () => fn(span, ctx));
    return { result, span };
  } finally {
    span.end();
  }
}
