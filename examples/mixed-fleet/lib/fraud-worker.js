'use strict';
/**
 * A worker thread the gateway starts per order, with `workerData: workerDataWithContext(order)`;
 * `runWithWorkerContext` continues the gateway's context inside. Spans are posted back.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { runWithWorkerContext } = require('@baton/carriers');
const { startLightTracing, baggageAttribute } = require('./light-tracing');

const spans = [];
const tracer = startLightTracing('gateway:worker', (record) => spans.push(record));
runWithWorkerContext(workerData, (order) =>
  tracer.startActiveSpan('fraud score', (span) => {
    span.setAttribute('demo.order', order.id);
    baggageAttribute(span);
    span.end();
  }),
);
parentPort.postMessage(spans);
