/**
 * The composite's presence check of a plain carrier (membersWithHeadersPlain), and the miss of its
 * every-lead shortcut by `in` against `hasOwnProperty`, on a request with `traceparent` and ten
 * ordinary headers through tracecontext,baggage,xray. Alternating rounds; prints the fastest and the
 * fourth-fastest of 12 rounds, ns per call.
 *
 *   npm run build && taskset 1 node bench/micro/presence-walk.js
 */
'use strict';
const { headers } = require('../lib/wire');
const { ORDINARY } = require('../lib/requests');
const P = require('../../packages/propagator-composite/dist/cjs/presence.js');
const { W3CTraceContextPropagator, W3CBaggagePropagator } = require('@baton/propagator-w3c');
const { AWSXRayPropagator } = require('@baton/propagator-aws-xray');

const c = headers({
  ...ORDINARY,
  traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
});
const index = P.buildHeaderIndex([
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new AWSXRayPropagator(),
]);
const hasOwn = Object.prototype.hasOwnProperty;
const ways = {
  'presence walk': () => P.membersWithHeadersPlain(index, c),
  'lead miss, in': () => {
    const L = index.leads;
    for (let n = 0; n < L.length; n++) if (!(L[n] in c)) return 0;
    return 1;
  },
  'lead miss, hasOwnProperty': () => {
    const L = index.leads;
    for (let n = 0; n < L.length; n++) if (!hasOwn.call(c, L[n])) return 0;
    return 1;
  },
};
let sink = 0;
const times = {};
for (let r = 0; r < 12; r++) {
  for (const [name, fn] of Object.entries(ways)) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 1e6; i++) sink += fn();
    (times[name] ??= []).push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
for (const [name, t] of Object.entries(times)) {
  t.sort((a, b) => a - b);
  console.log(`${name}: ${t[0].toFixed(1)} / ${t[3].toFixed(1)} ns`);
}
if (sink === -1) console.log('');
