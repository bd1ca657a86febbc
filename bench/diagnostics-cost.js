#!/usr/bin/env node
/**
 * The diagnostics rows (suites/diagnostics.js), measured to survive a busy machine.
 *
 *   node bench/diagnostics-cost.js [--rounds 61]
 *
 * `npm run bench` times wall clock; on the shared 2-core machine with a load average near 20, a batch
 * is often descheduled and its wall time says nothing about the code. Here each side's batches
 * alternate, and every batch is timed twice: by this thread's CPU time (`process.threadCpuUsage`,
 * falling back to process CPU time) and by wall clock. Reported per row: the median ratio of CPU time
 * and the ratio of the fastest wall-clock batches (the least disturbed) — when the two agree, the
 * number is about the code.
 */
'use strict';
const { performance } = require('node:perf_hooks');
const suite = require('./suites/diagnostics');

const args = process.argv.slice(2);
const ROUNDS = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 61;
const BATCH_MS = 10;

const cpuNow =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const u = process.threadCpuUsage();
        return u.user + u.system;
      }
    : () => {
        const u = process.cpuUsage();
        return u.user + u.system;
      };

let sink = 0;
function batch(fn, n) {
  const c0 = cpuNow();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if (fn() !== undefined) sink ^= 1;
  const wall = ((performance.now() - t0) * 1e6) / n;
  const cpu = ((cpuNow() - c0) * 1e3) / n;
  return { wall, cpu };
}

function calibrate(fn) {
  let n = 256;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (fn() !== undefined) sink ^= 1;
    const ms = performance.now() - t0;
    if (ms >= BATCH_MS / 2) return Math.round((n * BATCH_MS) / ms);
    n *= 2;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const fastest = (xs, k = 5) => median([...xs].sort((a, b) => a - b).slice(0, k));

console.log(
  `diagnostics on vs off — node ${process.version}, ${ROUNDS} alternating rounds per row, ` +
    `${process.threadCpuUsage ? 'thread' : 'process'} CPU time\n`,
);
console.log(
  '| operation | on ns/op (CPU) | off ns/op (CPU) | on / off (CPU, median) | on / off (wall, fastest 5) |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of suite.rows) {
  const nOn = calibrate(row.baton);
  const nOff = calibrate(row.official);
  const n = Math.min(nOn, nOff);
  const on = [];
  const off = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      on.push(batch(row.baton, n));
      off.push(batch(row.official, n));
    } else {
      off.push(batch(row.official, n));
      on.push(batch(row.baton, n));
    }
  }
  const cpuRatio = median(on.map((x, i) => x.cpu / off[i].cpu));
  const wallRatio = fastest(on.map((x) => x.wall)) / fastest(off.map((x) => x.wall));
  console.log(
    `| ${row.label} | ${median(on.map((x) => x.cpu)).toFixed(0)} | ${median(off.map((x) => x.cpu)).toFixed(0)} | ` +
      `${cpuRatio.toFixed(3)}× | ${wallRatio.toFixed(3)}× |`,
  );
}
if (sink === 2) console.log(''); // keep results alive
