/**
 * The server half of soak.js: a loopback HTTP server that extracts the five-format composite from
 * every request's headers and injects it into the response's, as a traced service does, on a heap
 * kept large and churning so that V8 runs major (mark-compact) GCs on its own, as a long-running
 * service's heap does. Started by soak.js under `--trace-deopt --trace-gc`; not meant to be run alone.
 *
 *   node --trace-deopt --trace-gc bench/gc/server.js <baton|official> <retained MB> <churn KB>
 *
 * Prints `listening <port>` on stdout when ready; stops on SIGTERM. Listens on 127.0.0.1 only.
 */
'use strict';
const http = require('node:http');
const api = require('@opentelemetry/api');

const [side = 'baton', retainedArg = '256', churnArg = '16'] = process.argv.slice(2);
const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const { officialFive, batonFive } = require('../lib/requests');
const propagator =
  side === 'official'
    ? officialFive(
        require('@opentelemetry/core'),
        require('@opentelemetry/propagator-b3'),
        require('@opentelemetry/propagator-jaeger').JaegerPropagator,
      )
    : batonFive();

/**
 * A large, churning heap: `retained` MB of 1 KB strings in slots, `churn` KB of them replaced per
 * request.
 * Replaced strings survive long enough to be promoted, so the old generation keeps filling and V8
 * starts major GCs by itself — no `gc()` anywhere.
 */
const SLOT_BYTES = 1024;
const slots = new Array(Math.max(1, Math.floor((Number(retainedArg) * 1024 * 1024) / SLOT_BYTES)));
for (let i = 0; i < slots.length; i++) slots[i] = String(i).padEnd(SLOT_BYTES, '.');
const CHURN_SLOTS = Math.max(1, Number(churnArg));
let churn = 0;

let requests = 0;
const server = http.createServer((req, res) => {
  const ctx = propagator.extract(ROOT_CONTEXT, req.headers, getter);
  const out = {};
  propagator.inject(ctx, out, setter);
  requests++;
  for (let k = 0; k < CHURN_SLOTS; k++) {
    churn = (churn * 1103515245 + 12345) >>> 0;
    slots[churn % slots.length] = String(requests + k).padEnd(SLOT_BYTES, '-');
  }
  res.writeHead(200, { 'content-type': 'text/plain', ...out });
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => {
  console.log(`requests ${requests}`);
  server.close();
  process.exit(0);
});
