/**
 * Where the composite of five allocates on an every-format extract, by function: V8's sampling heap
 * profiler through the inspector, with the objects the minor and major GCs collected counted too
 * (most of an extract's allocation dies young, and a plain sampling profile would not show it).
 *
 *   node bench/micro/alloc-sites.js [calls=200000] [conflict]
 *
 * Prints the bytes per call in all and per allocating function (a native one, such as `Map`, with
 * the two frames that called it). Functions TurboFan inlined are billed to the one they were
 * inlined into. The bench's own B/op column (`node bench/run.js`) is the total to compare with.
 */
'use strict';
const inspector = require('node:inspector');
const api = require('@opentelemetry/api');
const { headers } = require('../lib/wire');
const { EVERY_FORMAT, SPAN_ID, batonFive } = require('../lib/requests');

const five = batonFive();
const every = headers(EVERY_FORMAT);
const carrier =
  process.argv[3] === 'conflict'
    ? headers({ ...every, b3: `463ac35c9f6413ad48485a3953bb6124-${SPAN_ID}-1` })
    : every;
const calls = Number(process.argv[2] || 200000);
const extract = () => five.extract(api.ROOT_CONTEXT, carrier, api.defaultTextMapGetter);
for (let i = 0; i < 50000; i++) extract();

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((done, fail) =>
    session.post(method, params, (err, result) => (err ? fail(err) : done(result))),
  );

const frame = (node) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;

(async () => {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < calls; i++) extract();
  const { profile } = await post('HeapProfiler.stopSampling');
  const bytes = new Map();
  let total = 0;
  (function walk(node, callers) {
    let here = frame(node);
    if (!node.callFrame.url) here += ` <- ${callers.slice(-2).reverse().join(' <- ')}`;
    if (node.selfSize > 0) {
      bytes.set(here, (bytes.get(here) || 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) walk(child, [...callers, frame(node)]);
  })(profile.head, []);
  console.log(`${(total / calls).toFixed(0)} B per call in all`);
  for (const [where, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(size / calls).toFixed(0).padStart(6)}  ${where}`);
  }
})();
