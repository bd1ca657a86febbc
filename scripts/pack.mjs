#!/usr/bin/env node
// `npm run pack`: every public package's tarball, exactly as `npm publish` would upload it, in one
// folder (packed/), plus packed/overrides.json: the `overrides` block that makes a project resolve
// every @baton/* dependency from that folder instead of the registry.
//
// Why overrides: a tarball's package.json says `"@baton/internal": "0.1.0"`, a registry version.
// Installing one tarball alone therefore asks the registry for its @baton/* dependencies (404 before
// a release, or whatever someone else published under that name). `overrides` rewrites those
// dependency specs, at any depth, to `file:` paths in this folder, so nothing @baton/* is fetched.
// Run `npm run build` first (the `pack` script in package.json does).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = resolve(process.argv[2] ?? join(root, 'packed'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const overrides = {};
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  if (!existsSync(join(pkgDir, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const printed = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: pkgDir,
    encoding: 'utf8',
  });
  const file = printed.trim().split('\n').pop();
  overrides[pkg.name] = `file:${join(out, file)}`;
}
writeFileSync(join(out, 'overrides.json'), JSON.stringify(overrides, null, 2) + '\n');

console.log(`packed ${Object.keys(overrides).length} packages into ${out}`);
console.log(
  'In your project, install one package (its @baton/* dependencies come from the same folder):',
);
console.log(`  node ${join(root, 'scripts/install-packed.mjs')} @baton/propagator-env`);
