'use strict';
/**
 * The batch job the gateway spawns per order: a separate Node process, started with
 *   node --require @baton/propagator-env/register batch-job.js
 * and `env: envForChild()`. It writes no tracing code for the context: the preload reads TRACEPARENT
 * (and the other variables OTEL_PROPAGATORS names) and its root span joins the gateway's trace.
 * Finished spans go to stdout, one JSON line each; the gateway forwards them.
 */
const { startLightTracing, baggageAttribute } = require('./light-tracing');

const tracer = startLightTracing('batch-job', (record) =>
  process.stdout.write(JSON.stringify(record) + '\n'),
);
tracer.startActiveSpan('invoice batch', (span) => {
  baggageAttribute(span);
  let sum = 0;
  for (let i = 0; i < 2e5; i++) sum += i % 7; // a little work to see on the waterfall
  span.setAttribute('demo.sum', sum);
  span.end();
});
