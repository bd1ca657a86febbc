/* global test, expect */
'use strict';
/**
 * The demo's four configurations through @baton/testing's matrix (in one process, real node:http,
 * real SDK): every hop of the demo's graph is a pair that keeps one trace, and the pairs the graph
 * avoids are the ones that break — the services without a format in common.
 */
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { SERVICES, hops } = require('../lib/topology');

function loadTesting() {
  const repo = path.join(__dirname, '..', '..', '..');
  const dist = path.join(repo, 'packages', 'testing', 'dist');
  // In the repository the packages load from their build; build once if it is missing.
  if (fs.existsSync(path.join(repo, 'packages')) && !fs.existsSync(dist)) {
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  }
  return require('@baton/testing');
}

test('the graph uses only pairs that keep one trace; the others break for want of a common format', async () => {
  const { propagationMatrix } = loadTesting();
  const report = await propagationMatrix(
    SERVICES.map((s) => ({ name: s.name, propagators: s.propagators })),
  );
  const ok = report.pairs.filter((p) => p.ok).map((p) => `${p.caller} -> ${p.callee}`);
  for (const h of hops()) expect(ok).toContain(`${h.caller} -> ${h.callee}`);
  // Only the gateway speaks every format: every pair without it has none in common.
  const others = SERVICES.map((s) => s.name).filter((n) => n !== 'gateway');
  const expected = others.flatMap((a) => others.filter((b) => b !== a).map((b) => `${a} -> ${b}`));
  expect(report.broken.map((p) => `${p.caller} -> ${p.callee}`)).toEqual(expected);
  for (const p of report.broken) expect(p.problems.join('\n')).toContain('no format in common');
}, 60_000);
