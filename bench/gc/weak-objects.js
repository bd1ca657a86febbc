#!/usr/bin/env node
/**
 * Which functions a forced full GC deoptimises "for weak objects", per side.
 *
 * For each side (the Baton composite of five formats, and the official composites of the 2.12 and
 * 3.x lines) a fresh process runs extract and inject hot, drops every result, forces four full GCs
 * (more than V8's `--retain-maps-for-n-gc`), and lists the functions `--trace-deopt` marks
 * "reason: weak objects": code specialised for a map no live object had any more. It is what
 * `bench/run.js --gc` provokes between measurements; a server's own GCs do not (see soak.js and
 * README.md). A Baton function listed here holds a short-lived object's map: anchor that shape
 * (anchorShape in @baton/internal).
 *
 *   node bench/gc/weak-objects.js            every side
 *   node bench/gc/weak-objects.js baton      one side
 */
'use strict';
const { execFileSync } = require('node:child_process');

const SIDES = ['baton', 'official', 'latest'];

function child(side) {
  const api = side === 'latest' ? require('../lib/official3').api : require('@opentelemetry/api');
  const propagator = compositeOf(side);
  const T = '0af7651916cd43dd8448eb211c80319c';
  const S = 'b7ad6b7169203331';
  const every = {
    host: 'api.internal:8080',
    accept: '*/*',
    traceparent: `00-${T}-${S}-01`,
    tracestate: 'rojo=00f067aa0ba902b7',
    baggage: 'userId=alice',
    b3: `${T}-${S}-1`,
    'x-b3-traceid': T,
    'x-b3-spanid': S,
    'x-b3-sampled': '1',
    'uber-trace-id': `${T}:${S}:0:1`,
    'uberctx-tenant': 'acme',
  };
  const onlyTraceparent = {
    host: 'api.internal:8080',
    accept: '*/*',
    traceparent: every.traceparent,
  };
  const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;
  let kept;
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      kept = propagator.extract(ROOT_CONTEXT, every, getter);
      propagator.inject(kept, {}, setter);
      kept = propagator.extract(ROOT_CONTEXT, onlyTraceparent, getter);
    }
  };
  run(50000);
  kept = undefined;
  console.log('=== forced GCs');
  for (let i = 0; i < 4; i++) global.gc();
  console.log('=== end');
  run(1000);
}

function compositeOf(side) {
  const { officialFive, batonFive } = require('../lib/requests');
  if (side === 'baton') return batonFive();
  const o3 = side === 'latest' ? require('../lib/official3') : undefined;
  const core = o3 ? o3.core : require('@opentelemetry/core');
  const b3 = o3 ? o3.b3 : require('@opentelemetry/propagator-b3');
  return officialFive(core, b3, require('@opentelemetry/propagator-jaeger').JaegerPropagator);
}

function main() {
  const only = process.argv[2];
  for (const side of only ? [only] : SIDES) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--trace-deopt', __filename, '--child', side],
      { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
    );
    const during = out.slice(out.indexOf('=== forced GCs'), out.indexOf('=== end'));
    const names = {};
    for (const m of during.matchAll(/<SharedFunctionInfo ?([^>]*)>[^\n]*reason: weak objects/g)) {
      const name = m[1] || '(anonymous)';
      names[name] = (names[name] || 0) + 1;
    }
    const total = Object.values(names).reduce((a, b) => a + b, 0);
    const list = Object.keys(names).sort();
    console.log(
      `${side}: ${total} function(s) marked "weak objects" by 4 forced full GCs` +
        (list.length ? `: ${list.join(', ')}` : ''),
    );
  }
}

if (process.argv[2] === '--child') child(process.argv[3]);
else main();
