'use strict';
/**
 * Where HTTP ends (issue 17), in the gateway: after /checkout has called its peers, it publishes the
 * order to a queue; the consumer (in the gateway process) continues the trace from the message,
 * spawns a batch job as a child process (`envForChild()`) and scores the order in a worker thread
 * (`workerDataWithContext`). The /checkout response waits for all of it, so the waterfall is whole.
 * Spans of the job and the worker reach the orchestrator through `send`, like the gateway's own.
 */
const { execFile } = require('node:child_process');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { context, trace, SpanKind } = require('@opentelemetry/api');
const { envForChild, workerDataWithContext } = require('@baton/carriers');
const { openQueue } = require('./queue');

const TIMEOUT_MS = 30_000; // a batch job's Node start-up on a busy machine

function runBatchJob(send) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', '@baton/propagator-env/register', path.join(__dirname, 'batch-job.js')],
      { env: envForChild(), timeout: TIMEOUT_MS, cwd: __dirname },
      (err, stdout) => {
        for (const line of stdout.split('\n')) {
          if (line.startsWith('{')) send({ type: 'span', span: JSON.parse(line) });
        }
        if (err) send({ type: 'diag', level: 'warn', message: `batch job: ${err.message}` });
        resolve();
      },
    );
  });
}

function runWorker(send, order) {
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, 'fraud-worker.js'), {
      workerData: workerDataWithContext(order),
    });
    worker.once('message', (spans) => {
      for (const span of spans) send({ type: 'span', span });
    });
    worker.once('error', (err) => {
      send({ type: 'diag', level: 'warn', message: `worker: ${err.message}` });
      resolve();
    });
    worker.once('exit', resolve);
  });
}

async function createBoundaries(send) {
  const tracer = trace.getTracer('demo-boundaries');
  const queue = await openQueue();
  const pending = new Map(); // order id -> resolve, so /checkout can wait for its consumer
  queue.consume((ctx, order) =>
    tracer.startActiveSpan('process orders', { kind: SpanKind.CONSUMER }, ctx, async (span) => {
      await Promise.all([runBatchJob(send), runWorker(send, { id: order.id })]);
      span.end();
      const done = pending.get(order.id);
      pending.delete(order.id);
      if (done) done();
    }),
  );
  let next = 0;
  return {
    queue: queue.description,
    /** Publishes one order in the active context and resolves when its consumer is done. */
    run() {
      const id = `o-${process.pid}-${++next}`;
      const done = new Promise((resolve) => {
        pending.set(id, resolve);
        setTimeout(resolve, TIMEOUT_MS).unref();
      });
      tracer.startActiveSpan('publish orders', { kind: SpanKind.PRODUCER }, (span) => {
        queue.publish(context.active(), { id });
        span.end();
      });
      return done;
    },
  };
}

module.exports = { createBoundaries };
