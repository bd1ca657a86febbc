#!/usr/bin/env node
/**
 * Bytes allocated per extract by the diagnostics wrapper itself, on requests with nothing to report
 * (issue 14: "no allocation on requests that have nothing to report").
 *
 *   node --expose-gc --max-semi-space-size=64 bench/diagnostics-alloc.js
 *
 * To see the wrapper alone, the propagator inside is one that allocates nothing (it returns its
 * input, or a context prepared once): after 200,000 warm-up extracts (so the JIT has compiled the path: compiled code lives on the heap too), the heap growth over 1,000,000 extracts is what was allocated.
 * The 64 MB young generation keeps a scavenge from running inside the loop for up to ~300 bytes per
 * extract, so a real allocation shows as growth (the "off" lines are the control).
 */
'use strict';
const api = require('@opentelemetry/api');
const { registerPropagator, resolvePropagators } = require('@baton/propagator-env');

if (typeof global.gc !== 'function') {
  console.error('run with: node --expose-gc --max-semi-space-size=64 bench/diagnostics-alloc.js');
  process.exit(2);
}
const { ROOT_CONTEXT, defaultTextMapGetter: getter } = api;
const prepared = api.trace.setSpanContext(ROOT_CONTEXT, {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
  isRemote: true,
});
// Reads traceparent (as the W3C propagator declares) and allocates nothing.
const member = (extracted) => () => ({
  inject() {},
  extract: (ctx, carrier) => (extracted && carrier.traceparent ? prepared : ctx),
  fields: () => ['traceparent', 'tracestate'],
  toString: () => 'NoAlloc',
});
registerPropagator('noalloc-finds', member(true));
registerPropagator('noalloc-none', member(false));

const env = { OTEL_LOG_LEVEL: 'none' };
const cases = [
  ['span context extracted', 'noalloc-finds', { traceparent: '00-x', host: 'h' }],
  ['nothing extracted, nothing to report', 'noalloc-none', { host: 'h', accept: '*/*' }],
];
const N = 1_000_000;
for (const [label, name, carrier] of cases) {
  for (const diagnostics of [false, undefined]) {
    const p = resolvePropagators(name, { env, diagnostics });
    for (let i = 0; i < 200_000; i++) p.extract(ROOT_CONTEXT, carrier, getter); // warm up
    global.gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < N; i++) p.extract(ROOT_CONTEXT, carrier, getter);
    const grew = process.memoryUsage().heapUsed - before;
    console.log(
      `${label.padEnd(38)} diagnostics ${diagnostics === false ? 'off' : 'on '}: ` +
        `${(grew / N).toFixed(2)} bytes/extract`,
    );
  }
}
