#!/usr/bin/env node
/**
 * Turns `node bench/run.js --json out.json` into the Markdown table the root README shows, so the
 * README's numbers are always a pasted run, never typed by hand:
 *
 *   node bench/run.js --json .tmp/bench.json && node bench/table.js .tmp/bench.json
 */
'use strict';
const { readFileSync } = require('node:fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/table.js <results.json from bench/run.js --json>');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8'));
const fmt = (ns) => (ns >= 1000 ? ns.toFixed(0) : ns.toFixed(0));

const spread = (data.processes || 1) > 1;
const where = spread ? `median of ${data.processes} processes × ` : '';
console.log(
  `Node ${data.node}, ${where}${data.rounds} interleaved rounds, median ns/op (lower is better).\n`,
);
console.log(
  `| suite | operation | Baton | official | Baton / official |${spread ? ' range over processes |' : ''}`,
);
console.log(`| --- | --- | ---: | ---: | ---: |${spread ? ' ---: |' : ''}`);
for (const r of data.results) {
  const range = spread ? ` ${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)} |` : '';
  console.log(
    `| ${r.suite} | ${r.label} | ${fmt(r.baton)} | ${fmt(r.official)} | ${r.ratio.toFixed(2)}× |${range}`,
  );
}
if (data.scaling && data.scaling.length) {
  const sizes = data.scaling[0].points.map((p) =>
    p.bytes >= 1 << 20 ? `${p.bytes >> 20} MB` : `${p.bytes >> 10} KB`,
  );
  console.log(`\nScaling, Baton only: one extract of a pathological value, median ms.\n`);
  console.log(`| suite | input | ${sizes.join(' | ')} | threw |`);
  console.log(`| --- | --- | ${sizes.map(() => '---:').join(' | ')} | --- |`);
  for (const s of data.scaling) {
    const threw = s.points.some((p) => p.threw) ? 'yes' : 'no';
    console.log(
      `| ${s.suite} | ${s.label} | ${s.points.map((p) => p.ms.toFixed(3)).join(' | ')} | ${threw} |`,
    );
  }
}
