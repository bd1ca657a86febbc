/**
 * Real worker threads. Issue 17: "pass the context to a Worker (workerData or a message) and continue
 * it inside, in one call on each side."
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { B3Propagator } from '@opentelemetry/propagator-b3';
import {
  contextFromWorkerData,
  runWithWorkerContext,
  workerDataWithContext,
} from '@baton/carriers';
import { buildPackages, fixtures, inSpan, startTracing } from './helpers';

let tracing: ReturnType<typeof startTracing>;
beforeAll(() => {
  buildPackages();
  tracing = startTracing();
}, 180_000);
afterAll(() => tracing.stop());

interface WorkerSpan {
  name: string;
  traceId: string;
  parentSpanId: string | null;
}

test('workerData and a message: the worker’s spans are children of the spans that started them, baggage included', async () => {
  let messageParent = '';
  const { result, span } = await inSpan('parent', { 'user.tier': 'gold' }, async () => {
    const worker = new Worker(join(fixtures, 'worker.cjs'), {
      workerData: workerDataWithContext({ batch: 7 }),
    });
    const done = new Promise<{ spans: WorkerSpan[]; baggage: Record<string, unknown> }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    await inSpan('send', {}, (send) => {
      messageParent = send.spanContext().spanId;
      worker.postMessage(workerDataWithContext({ batch: 8 }));
    });
    return done;
  });
  const parent = span.spanContext();
  const start = result.spans.find((s) => s.name === 'start 7');
  const message = result.spans.find((s) => s.name === 'message 8');
  expect(start).toMatchObject({ traceId: parent.traceId, parentSpanId: parent.spanId });
  expect(message).toMatchObject({ traceId: parent.traceId, parentSpanId: messageParent });
  expect(result.baggage.start).toEqual({ 'user.tier': 'gold' });
}, 60_000);

test('the data is handed back untouched; a value made without the helper gives ROOT_CONTEXT', () => {
  const data = { batch: 1, nested: { a: [1, 2] } };
  expect(contextFromWorkerData(workerDataWithContext(data)).data).toBe(data);
  expect(contextFromWorkerData('plain')).toEqual({ context: ROOT_CONTEXT, data: 'plain' });
  expect(contextFromWorkerData(undefined).context).toBe(ROOT_CONTEXT);
  const hostile = { trace_context: { traceparent: 42 }, data: 1 };
  expect(contextFromWorkerData(hostile).context).toBe(ROOT_CONTEXT);
});

test('any propagator on both sides, official ones included', async () => {
  const b3 = new B3Propagator();
  const { result, span } = await inSpan('p', {}, () => {
    const wrapped = workerDataWithContext('x', { propagator: b3 });
    expect(Object.keys(wrapped.trace_context ?? {})).toEqual(['b3']);
    return runWithWorkerContext(
      JSON.parse(JSON.stringify(wrapped)),
      (data: string) => ({ data, sc: trace.getSpanContext(context.active()) }),
      { propagator: b3 },
    );
  });
  expect(result.data).toBe('x');
  expect(result.sc?.traceId).toBe(span.spanContext().traceId);
});
