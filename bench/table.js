#!/usr/bin/env node
/**
 * Turns `node bench/run.js --json out.json` into the Markdown tables the root README shows, so the
 * README's numbers are always a pasted run, never typed by hand:
 *
 *   node bench/run.js --json .tmp/bench.json && node bench/table.js .tmp/bench.json
 *
 * With a second run made with a full GC forced between measurements, the table also shows that
 * run's ratio and its change from the plain run (REQUIREMENTS §9: within 15%):
 *
 *   node bench/run.js --gc --json .tmp/bench-gc.json
 *   node bench/table.js .tmp/bench.json --gc .tmp/bench-gc.json
 */
'use strict';
const { readFileSync } = require('node:fs');
const { renderResults, renderScaling } = require('./lib/render');

const args = process.argv.slice(2);
const gcAt = args.indexOf('--gc');
const gcFile = gcAt >= 0 ? args[gcAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (gcAt < 0 || i !== gcAt + 1));
if (!file) {
  console.error(
    'usage: node bench/table.js <results.json from bench/run.js --json> [--gc <results of --gc>]',
  );
  process.exit(2);
}
const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
const data = read(file);
console.log(renderResults(data, gcFile ? read(gcFile) : undefined).join('\n'));
const scaling = renderScaling(data);
if (scaling.length) console.log('\n' + scaling.join('\n'));
