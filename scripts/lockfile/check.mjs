#!/usr/bin/env node
// Fails when package-lock.json has an entry `npm ci` cannot install: a package without `version`
// or `integrity`. npm 11 writes such entries for other platforms' optional dependencies
// (npm/cli#9342: jest's native bindings, @unrs/resolver-binding-*), and a fresh machine's
// `npm ci` then stops with "Invalid Version:". Workspace links (`link: true`) and the workspaces
// themselves (paths outside node_modules) carry none of these fields and are skipped.
// Runs with no dependencies installed: it is the first step of .ci/run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const lockPath =
  process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

// `resolved` is not required: this project's npm is set to leave registry addresses out of the lockfile.
export const REQUIRED = ['version', 'integrity'];

const bad = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!path.includes('node_modules/') || entry.link) continue;
  const missing = REQUIRED.filter((field) => !entry[field]);
  if (missing.length > 0) bad.push(`  ${path}: no ${missing.join(', ')}`);
}

if (lock.lockfileVersion !== 3)
  bad.unshift(`  lockfileVersion is ${lock.lockfileVersion}, expected 3`);

if (bad.length > 0) {
  console.error(
    `package-lock.json has ${bad.length} incomplete entr${bad.length === 1 ? 'y' : 'ies'}; \`npm ci\` fails on them (npm/cli#9342):\n` +
      bad.slice(0, 10).join('\n') +
      (bad.length > 10 ? `\n  … and ${bad.length - 10} more` : '') +
      '\nFix: run `npm run lock` (it rewrites the lockfile with complete entries for every platform), then commit package-lock.json.',
  );
  process.exit(1);
}
console.log(`package-lock.json: ${Object.keys(lock.packages).length} entries, all complete`);
