#!/usr/bin/env node
// Install Baton packages from `npm run pack`'s folder into the project in the current directory,
// exactly as they will install from the registry after a release — one package alone, its @baton/*
// dependencies resolved from the same folder, never from the registry:
//
//   node /path/to/baton/scripts/install-packed.mjs @baton/propagator-env [more names…]
//
// It writes two things into ./package.json, then runs `npm install`:
//   - `overrides`: every packed @baton/* name → its `file:` tarball (packed/overrides.json), so a
//     dependency at any depth comes from the folder;
//   - `dependencies[name]`: the very same `file:` spec for each package you asked for. npm refuses an
//     override that differs from a direct dependency's spec ("conflicts with direct dependency"),
//     and `npm install <path>` would save a relative path that differs; writing both keeps them equal.
// Options: --packed DIR (default: ../packed beside this script), extra npm flags after `--`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const dashDash = args.indexOf('--');
const npmFlags = dashDash === -1 ? [] : args.splice(dashDash).slice(1);
let packed = resolve(fileURLToPath(new URL('../packed', import.meta.url)));
const at = args.indexOf('--packed');
if (at !== -1) packed = resolve(args.splice(at, 2)[1] ?? '');

const fail = (message) => {
  console.error(`install-packed: ${message}`);
  process.exit(2);
};
let overrides;
try {
  overrides = JSON.parse(readFileSync(join(packed, 'overrides.json'), 'utf8'));
} catch {
  fail(`no ${join(packed, 'overrides.json')}: run \`npm run pack\` in the Baton repository first`);
}
if (args.length === 0)
  fail(
    `name the packages to install, e.g. @baton/propagator-env (packed: ${Object.keys(overrides).join(', ')})`,
  );
const unknown = args.filter((name) => !(name in overrides));
if (unknown.length > 0)
  fail(`not in ${packed}: ${unknown.join(', ')} (packed: ${Object.keys(overrides).join(', ')})`);

const pkgFile = join(process.cwd(), 'package.json');
let pkg;
try {
  pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
} catch {
  fail(
    `no package.json in ${process.cwd()}: run it from your project's folder (npm init -y makes one)`,
  );
}
pkg.overrides = { ...pkg.overrides, ...overrides };
pkg.dependencies = { ...pkg.dependencies };
for (const name of args) pkg.dependencies[name] = overrides[name];
writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
execFileSync('npm', ['install', '--no-audit', '--no-fund', ...npmFlags], { stdio: 'inherit' });
