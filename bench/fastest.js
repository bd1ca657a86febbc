#!/usr/bin/env node
/**
 * One suite's rows timed for a busy machine: the least disturbed batches, not the median.
 *
 *   node bench/fastest.js bench/suites/w3c.js [rounds=151]
 *   node bench/fastest.js bench/floors/floors.js 101
 *   node bench/fastest.js bench/suites/composite.js 101 --gc
 *
 * On the shared 2-core bench machine at a load average of 10–14, `node bench/run.js`'s medians of
 * CPU time moved 2–5× between runs of the same code (another process on the same core evicts the
 * caches and shares the execution units, which CPU time cannot see). Here every side runs many short
 * batches (≈1.5 ms of this thread's CPU time each), alternating in a rotating order in one process,
 * and the figure per side is the median of its fastest tenth: the batches that ran with the core to
 * themselves. Repeats of a row then agree within a few percent where the medians did not. It says
 * what the code costs undisturbed; the median says what a busy server sees — report which one.
 *
 * Output: one Markdown line per row, `| label | Baton | 2.12 (or floor) | 3.x | Baton/2.12 | Baton/3.x |`
 * (ns/op). No allocation column: `node bench/run.js --check-alloc` measures that.
 *
 * `--gc`: REQUIREMENTS §9's "every ratio within 15% of the plain run", judged in one process. Every
 * round also times each side once more right after a forced full GC (as `node bench/run.js --gc`
 * does before every batch), and the line gains the newest ratio after GCs and its change from the
 * plain ratio. Both come from the same process and the same JIT state, so the change is about the
 * GC, where two separate runs on a loaded machine differed by ±60–600% in both directions.
 */
'use strict';
const { resolve } = require('node:path');

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node bench/fastest.js <suite file> [rounds]');
  process.exit(2);
}
const suite = require(resolve(file));
const ROUNDS = Number(process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 151);
const forceGc = process.argv.includes('--gc');
const gc = forceGc
  ? (() => {
      require('node:v8').setFlagsFromString('--expose-gc');
      return require('node:vm').runInNewContext('gc');
    })()
  : undefined;
const BATCH_US = 1500;

const cpuMicros =
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
  const t0 = cpuMicros();
  for (let i = 0; i < n; i++) if (fn() === 1) sink++;
  return ((cpuMicros() - t0) * 1000) / n;
}

/** Calls per batch: doubled until a batch takes BATCH_US (this also warms the side up). */
function calibrate(fn) {
  for (let n = 64; ; n *= 2) {
    const t0 = cpuMicros();
    for (let i = 0; i < n; i++) if (fn() === 1) sink++;
    if (cpuMicros() - t0 >= BATCH_US) return n;
  }
}

/** Median of the fastest tenth. */
function fastestTenth(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.max(1, Math.floor(s.length / 10));
  return s[k >> 1];
}

for (const row of suite.rows) {
  const sides = ['baton', 'official', 'latest'].filter((side) => typeof row[side] === 'function');
  const n = sides.map((side) => calibrate(row[side]));
  const times = sides.map(() => []);
  const afterGc = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < sides.length; k++) {
      const s = (r + k) % sides.length;
      times[s].push(batch(row[sides[s]], n[s]));
      if (gc !== undefined) {
        gc();
        afterGc[s].push(batch(row[sides[s]], n[s]));
      }
    }
  }
  const v = times.map(fastestTenth);
  const cells = v.map((x) => x.toFixed(1));
  while (cells.length < 3) cells.push('—');
  const ratios = v.slice(1).map((x) => (v[0] / x).toFixed(2) + '×');
  while (ratios.length < 2) ratios.push('—');
  let gcCells = '';
  if (gc !== undefined) {
    const g = afterGc.map(fastestTenth);
    const plain = v[0] / v[v.length - 1];
    const withGc = g[0] / g[g.length - 1];
    const change = Math.round((withGc / plain - 1) * 100);
    gcCells = ` ${withGc.toFixed(2)}× | ${change > 0 ? '+' : ''}${change}% |`;
  }
  console.log(`| ${row.label} | ${cells.join(' | ')} | ${ratios.join(' | ')} |${gcCells}`);
}
if (sink === 42) console.log('');
