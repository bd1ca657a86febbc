#!/usr/bin/env node
/**
 * Instructions per operation, counted by valgrind (callgrind), for the rows of one suite: a figure
 * that does not move with the machine's load, for deciding a change on a host where time does.
 *
 *   node bench/instructions.js bench/suites/xray.js "inject all (vs core + 3.0.0)"
 *   node bench/instructions.js bench/floors/floors.js "xray inject all" --n 300000
 *
 * The second argument picks the rows whose label contains it. For each side of each such row, the
 * row is run in a fresh process under `valgrind --tool=callgrind` twice — warmed up (every side of
 * the row, interleaved, 20,000 calls each, so the JIT has settled), then 0 or N more calls of the side
 * — and the difference of the two totals over N is the side's instructions per call. Startup, module
 * loading and warm-up are the same in both runs and cancel out; what is left is the calls, including
 * their share of the young-generation collections they cause. `--single-threaded` makes V8 compile
 * and collect on the main thread, where callgrind counts it, and in the same order every run.
 *
 * What it does not see: cache misses, branch mispredictions, memory bandwidth — a row that allocates
 * much more than the other side is faster or slower than its instruction count says. Time, on a
 * quiet machine, stays the judge (`node bench/run.js`); this is for telling "did that change help"
 * when the same row's time moves by more than the change (seen here: 1.5–2× between minutes).
 * Repeat runs of one row agree within about 2% (the figures in bench/README.md).
 *
 * Needs valgrind (Debian: `apt-get install valgrind`). About 10–25 s per side on the bench machine;
 * the two runs of a side go in parallel.
 */
'use strict';
const { execFile } = require('node:child_process');
const { resolve } = require('node:path');

const args = process.argv.slice(2);

if (args[0] === '--child') {
  // One measuring process: node bench/instructions.js --child <suite> <row index> <side> <calls>
  const [, file, index, side, calls] = args;
  const row = require(resolve(file)).rows[Number(index)];
  const sides = ['baton', 'official', 'latest'].filter((s) => typeof row[s] === 'function');
  let sink = 0;
  for (let i = 0; i < 20000; i++) for (const s of sides) if (row[s]() === 1) sink++;
  const fn = row[side];
  for (let i = 0, n = Number(calls); i < n; i++) if (fn() === 1) sink++;
  process.exitCode = sink === -1 ? 1 : 0;
} else {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}

function argValue(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

/** Total instructions callgrind counted for one child run. */
function count(file, index, side, calls) {
  const argv = [
    '--tool=callgrind',
    '--callgrind-out-file=/dev/null',
    process.execPath,
    '--single-threaded',
    __filename,
    '--child',
    file,
    String(index),
    side,
    String(calls),
  ];
  return new Promise((done, fail) => {
    execFile('valgrind', argv, { maxBuffer: 1 << 24 }, (err, _stdout, stderr) => {
      const m = /Collected : (\d+)/.exec(stderr);
      if (err || m === null) {
        fail(
          new Error(
            err && err.code === 'ENOENT'
              ? 'valgrind not found: install it (Debian: apt-get install valgrind)'
              : `valgrind run failed:\n${stderr.slice(-2000)}`,
          ),
        );
      } else done(Number(m[1]));
    });
  });
}

async function main() {
  const [file, match] = args;
  if (file === undefined || match === undefined) {
    console.error('usage: node bench/instructions.js <suite file> <label substring> [--n calls]');
    process.exit(2);
  }
  const calls = Number(argValue('--n', '100000'));
  const rows = require(resolve(file)).rows;
  const picked = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.label.includes(match));
  if (picked.length === 0) throw new Error(`no row of ${file} has "${match}" in its label`);
  console.log(`| row | side | instructions/op |`);
  console.log(`| --- | --- | ---: |`);
  for (const { row, index } of picked) {
    const perOp = {};
    for (const side of ['baton', 'official', 'latest']) {
      if (typeof row[side] !== 'function') continue;
      const [base, more] = await Promise.all([
        count(file, index, side, 0),
        count(file, index, side, calls),
      ]);
      perOp[side] = Math.round((more - base) / calls);
      console.log(`| ${row.label} | ${side} | ${perOp[side]} |`);
    }
    const newest = perOp.latest ?? perOp.official;
    if (perOp.baton !== undefined && newest !== undefined) {
      console.log(`| ${row.label} | Baton / newest | ${(perOp.baton / newest).toFixed(3)} |`);
    }
  }
}
