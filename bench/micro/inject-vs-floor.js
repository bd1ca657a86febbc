/**
 * Baton's inject against its floor (bench/floors), each row's two functions called in a tight loop
 * from one call site, as bench/run.js calls them: 30 alternating rounds, the median per side.
 * Reproduces the floors table's "inject: Baton vs floor" rows in a minute.
 *
 *   npm run build && taskset 1 node bench/micro/inject-vs-floor.js
 */
'use strict';
const floors = require('../floors/floors.js');

const rows = floors.rows.filter((r) => /inject: Baton vs floor/.test(r.label));
const times = {};
let sink = 0;
for (let r = 0; r < 30; r++) {
  for (const row of rows) {
    for (const side of ['baton', 'official']) {
      const fn = row[side];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 1e5; i++) if (fn() === 1) sink++;
      ((times[row.label] ??= {})[side] ??= []).push(Number(process.hrtime.bigint() - t0) / 1e5);
    }
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [label, t] of Object.entries(times)) {
  const b = median(t.baton);
  const f = median(t.official);
  console.log(`${label}: ${b.toFixed(1)} vs ${f.toFixed(1)} ns, ${(b / f).toFixed(2)}×`);
}
if (sink === -1) console.log('');
