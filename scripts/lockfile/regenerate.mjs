#!/usr/bin/env node
// `npm run lock`: rewrites package-lock.json so `npm ci` accepts it on every platform and npm version
// the project tests (npm 10.9, 11.19 and the newest 11; see the README's Development section).
//
// Why not plain `npm install`: npm 11 writes other platforms' optional dependencies without
// `version` or `integrity` (npm/cli#9342), and `npm ci` then fails with "Invalid Version:". npm 10
// resolves every platform's optional dependency and writes complete entries. So this script
//   1. drops each incomplete entry together with the package that declares it as an optional
//      dependency, and every entry of that package's optional dependencies (otherwise npm sees a
//      "complete" subtree and writes nothing new: `Missing: … from lock file` in `npm ci`);
//   2. runs npm 10 with --package-lock-only, which resolves the dropped subtrees again, in full;
//   3. checks the result with scripts/lockfile/check.mjs.
// Known difference: npm 10 leaves out the `libc` field, so on Linux both the glibc and the musl
// build of a native binding are installed (a few MB; the right one is loaded at run time).
// After a dependency change: `npm install -D pkg@x.y.z && npm run lock`, then commit both files.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const NPM_FOR_LOCKFILE = 'npm@10.9.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const lockPath = join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const entries = lock.packages;

const isIncomplete = (path, e) =>
  path.includes('node_modules/') && !e.link && (!e.version || !e.integrity);
const nameOf = (path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

const incomplete = Object.keys(entries).filter((p) => isIncomplete(p, entries[p]));
const names = new Set(incomplete.map(nameOf));
const drop = new Set(incomplete);
for (const [path, entry] of Object.entries(entries)) {
  const optional = Object.keys(entry.optionalDependencies ?? {});
  if (!optional.some((n) => names.has(n))) continue;
  if (path.includes('node_modules/')) drop.add(path);
  for (const n of optional) for (const p of Object.keys(entries)) if (nameOf(p) === n) drop.add(p);
}
for (const path of drop) delete entries[path];
if (drop.size > 0) {
  writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
  console.log(
    `lock: dropped ${drop.size} entries around ${incomplete.length} incomplete ones; ${NPM_FOR_LOCKFILE} resolves them again`,
  );
}

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
run('npx', [
  '--yes',
  NPM_FOR_LOCKFILE,
  'install',
  '--package-lock-only',
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
]);
run(process.execPath, [join(root, 'scripts/lockfile/check.mjs')]);
