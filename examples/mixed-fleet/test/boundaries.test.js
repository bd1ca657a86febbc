/* global test, expect, beforeAll, afterAll */
'use strict';
/**
 * Past HTTP (issue 17): with `boundaries: true` the gateway's /checkout publishes the order to a queue,
 * its consumer spawns a batch job (a real child process, `envForChild()` + the preload) and scores the
 * order in a real worker thread (`workerDataWithContext`). All of it must be one trace, each span the
 * child of the one that caused it, with the request's baggage arriving in the job and the worker.
 * The queue is RabbitMQ when BATON_AMQP_URL is set and amqplib is installed, else in-process — and
 * the gateway says which. Plain JavaScript: it runs under SDK 3 too (scripts/sdk3).
 */
const { startFleet } = require('../lib/fleet');

const PRODUCER = 3;
const CONSUMER = 4;
const SERVER = 1;

function amqplibInstalled() {
  try {
    require.resolve('amqplib');
    return true;
  } catch {
    return false;
  }
}

let fleet;
let r;
beforeAll(async () => {
  fleet = await startFleet({ boundaries: true });
  r = await fleet.trace({ baggage: 'user.tier=gold' });
}, 90_000);
afterAll(() => fleet && fleet.stop());

const find = (pred, what) => {
  const span = r.spans.find(pred);
  if (!span) throw new Error(`no ${what} among ${r.spans.map((s) => s.name).join(', ')}`);
  return span;
};

test('the gateway announces its queue: RabbitMQ with a broker, in-process without', () => {
  const queue = fleet.services.get('gateway').queue;
  if (process.env.BATON_AMQP_URL && amqplibInstalled()) {
    expect(queue).toMatch(/^RabbitMQ on amqp:\/\/127\.0\.0\.1:\d+/);
  } else {
    expect(queue).toMatch(/^in-process \(/);
  }
});

test('queue hop, batch job and worker thread are one trace, each the child of its cause', () => {
  expect(r.response.status).toBe(200);
  const checkout = find((s) => s.kind === SERVER && s.name === 'GET /checkout', 'checkout');
  const publish = find((s) => s.kind === PRODUCER, 'producer span');
  const consume = find((s) => s.kind === CONSUMER, 'consumer span');
  const job = find((s) => s.service === 'batch-job', 'batch-job span');
  const worker = find((s) => s.service === 'gateway:worker', 'worker span');
  expect(new Set(r.spans.map((s) => s.traceId))).toEqual(new Set([checkout.traceId]));
  expect(publish.parentSpanId).toBe(checkout.spanId);
  expect(consume.parentSpanId).toBe(publish.spanId);
  expect(job.parentSpanId).toBe(consume.spanId);
  expect(worker.parentSpanId).toBe(consume.spanId);
});

test('the request baggage arrives in the child process and the worker thread', () => {
  for (const service of ['batch-job', 'gateway:worker']) {
    const span = find((s) => s.service === service, service);
    expect(JSON.parse(span.attributes['demo.baggage'])).toEqual({ 'user.tier': 'gold' });
  }
});
