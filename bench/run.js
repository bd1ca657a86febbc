#!/usr/bin/env node
/**
 * Baton vs the official @opentelemetry propagators, in one process, interleaved.
 *
 * Each suite in ./suites exports { name, rows, scaling }:
 *   rows:    [{ label, baton: () => unknown, official: () => unknown }]  one operation each
 *   scaling: [{ label, make: (bytes) => carrier-producing thunk, run: (input) => unknown }]
 *
 * For each row, every round times a batch of Baton calls and a batch of official calls (the order
 * alternates round to round so neither side always runs warm), then the table reports the median
 * ns/op of each side and the ratio Baton / official. Ratios, not absolute numbers, are what carry
 * across machines.
 *
 * A single process is not enough: the JIT's inlining decisions differ from one process to the
 * next, and a row can come out twice as fast or slow in one of them (seen on both sides). So the
 * full run repeats the whole measurement in several fresh processes and reports, per row, the
 * median across processes of each side's median and of the ratio, plus the range of the ratio.
 *
 *   node bench/run.js                 full run (5 processes × 25 rounds)
 *   node bench/run.js --processes 3   fewer (or more) processes
 *   node bench/run.js --quick         one process, a few rounds: proves the bench still runs (CI)
 *   node bench/run.js --filter b3     only suites whose name contains "b3"
 *   node bench/run.js --json out.json also write the results as JSON
 *   node bench/run.js --dir floors    the rows of bench/floors/ instead (see floors/floors.js)
 */
'use strict';
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : undefined;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
// --child: one measuring process started by the parent below; it writes JSON and prints nothing.
const child = args.includes('--child');
const PROCESSES = child || quick ? 1 : Number(argValue('--processes', '5'));

function argValue(name, fallback) {
  return args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
}

const ROUNDS = quick ? 3 : 25;
const TARGET_BATCH_MS = quick ? 2 : 20;
const SCALING_SIZES = [1024, 10 * 1024, 100 * 1024, 1024 * 1024];

let sink = 0; // every result feeds this, so no call can be optimised away
function consume(v) {
  if (v !== undefined && v !== null) sink ^= 1;
}

function timeBatch(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) consume(fn());
  return ((performance.now() - t0) * 1e6) / n;
}

/** Picks a batch size so one batch takes about TARGET_BATCH_MS. */
function calibrate(fn) {
  let n = 64;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) consume(fn());
    const ms = performance.now() - t0;
    if (ms >= TARGET_BATCH_MS / 4 || n >= 1 << 22)
      return Math.max(16, Math.round((n * TARGET_BATCH_MS) / Math.max(ms, 0.01)));
    n *= 4;
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measureRow(row) {
  // Warm both sides up before timing (JIT, inline caches).
  const nB = calibrate(row.baton);
  const nO = calibrate(row.official);
  const b = [];
  const o = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      b.push(timeBatch(row.baton, nB));
      o.push(timeBatch(row.official, nO));
    } else {
      o.push(timeBatch(row.official, nO));
      b.push(timeBatch(row.baton, nB));
    }
  }
  const baton = median(b);
  const official = median(o);
  return { baton, official, ratio: baton / official };
}

function measureScaling(item) {
  const out = [];
  for (const bytes of SCALING_SIZES) {
    const input = item.make(bytes);
    let threw = false;
    const times = [];
    const reps = quick ? 3 : 9;
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      try {
        consume(item.run(input));
      } catch {
        threw = true;
      }
      times.push(performance.now() - t0);
    }
    out.push({ bytes, ms: median(times), threw });
  }
  return out;
}

const fmt = (ns) => (ns >= 1000 ? ns.toFixed(0) : ns.toFixed(1));
const size = (b) => (b >= 1024 * 1024 ? `${b / 1024 / 1024} MB` : `${b / 1024} KB`);

/**
 * Runs the whole measurement in PROCESSES fresh processes, one after the other (never in parallel:
 * they would compete for the two cores), and aggregates per row.
 */
function orchestrate() {
  const { execFileSync } = require('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  const runs = [];
  try {
    for (let p = 0; p < PROCESSES; p++) {
      const out = join(dir, `run-${p}.json`);
      const childArgs = [__filename, '--child', '--json', out];
      if (filter) childArgs.push('--filter', filter);
      childArgs.push('--dir', argValue('--dir', 'suites'));
      if (p > 0) childArgs.push('--no-scaling'); // scaling is measured once
      process.stderr.write(`bench: process ${p + 1} of ${PROCESSES}\n`);
      execFileSync(process.execPath, childArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
      runs.push(JSON.parse(readFileSync(out, 'utf8')));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const results = runs[0].results.map((first, i) => {
    const rows = runs.map((r) => r.results[i]);
    const ratios = rows.map((r) => r.ratio);
    return {
      suite: first.suite,
      label: first.label,
      baton: median(rows.map((r) => r.baton)),
      official: median(rows.map((r) => r.official)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
    };
  });
  return { results, scaling: runs[0].scaling };
}

function main() {
  if (PROCESSES > 1) return report(orchestrate());
  return report(measureAll());
}

function loadSuites() {
  const dir = join(__dirname, argValue('--dir', 'suites'));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => require(join(dir, f)))
    .filter((s) => !filter || s.name.toLowerCase().includes(filter.toLowerCase()));
}

/** Every row and scaling item of the selected suites, in this process. */
function measureAll() {
  const suites = loadSuites();
  const results = [];
  for (const suite of suites) {
    for (const row of suite.rows || []) {
      results.push({ suite: suite.name, label: row.label, ...measureRow(row) });
    }
  }
  const scaling = [];
  if (!args.includes('--no-scaling')) {
    for (const suite of suites) {
      for (const item of suite.scaling || []) {
        scaling.push({ suite: suite.name, label: item.label, points: measureScaling(item) });
      }
    }
  }
  if (sink === 42) console.log(''); // keep `sink` observable
  return { results, scaling };
}

function report({ results, scaling }) {
  const data = { node: process.version, rounds: ROUNDS, processes: PROCESSES, results, scaling };
  if (jsonOut) require('node:fs').writeFileSync(jsonOut, JSON.stringify(data, null, 2));
  if (scaling.some((s) => s.points.some((p) => p.threw))) process.exitCode = 1;
  if (child) return;

  const where = PROCESSES > 1 ? `median of ${PROCESSES} processes × ` : '';
  console.log(
    `Baton vs official — node ${process.version}, ${where}${ROUNDS} rounds, median ns/op${quick ? ' (quick mode: numbers not meaningful)' : ''}\n`,
  );
  const spread = PROCESSES > 1;
  console.log(
    `| suite | operation | Baton ns/op | official ns/op | Baton / official |${spread ? ' ratio range |' : ''}`,
  );
  console.log(`| --- | --- | ---: | ---: | ---: |${spread ? ' ---: |' : ''}`);
  for (const r of results) {
    const range = spread ? ` ${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)} |` : '';
    console.log(
      `| ${r.suite} | ${r.label} | ${fmt(r.baton)} | ${fmt(r.official)} | ${r.ratio.toFixed(2)}× |${range}`,
    );
  }
  if (scaling.length) {
    console.log(
      '\nScaling: one extract of a pathological value (Baton), median ms; target < 5 ms at 1 MB, linear growth\n',
    );
    console.log(`| suite | input | ${SCALING_SIZES.map(size).join(' | ')} | threw |`);
    console.log(`| --- | --- | ${SCALING_SIZES.map(() => '---:').join(' | ')} | --- |`);
    for (const s of scaling) {
      const threw = s.points.some((p) => p.threw);
      console.log(
        `| ${s.suite} | ${s.label} | ${s.points.map((p) => p.ms.toFixed(3)).join(' | ')} | ${threw ? 'YES' : 'no'} |`,
      );
    }
  }
}

main();
