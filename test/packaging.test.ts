/**
 * Packs every publishable package with `scripts/pack.mjs` (`npm run pack`), installs ONE of them
 * into a scratch project with `scripts/install-packed.mjs` (as the README says, and as a user would
 * from the registry: its @baton/* dependencies come from the packed folder), and proves that each package loads with `require`, with
 * `import`, gives the same single instance both ways, and that its types resolve under both the
 * CommonJS and the NodeNext (ESM) module settings.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';

const repo = join(__dirname, '..');
const packagesDir = join(repo, 'packages');
const packages = readdirSync(packagesDir)
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let scratch: string;
let packed: string;

/** `node scripts/install-packed.mjs <names>` in `dir`: the README's way to install before a release. */
function installPacked(dir: string, names: string[]): void {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  run(
    process.execPath,
    [
      join(repo, 'scripts/install-packed.mjs'),
      '--packed',
      packed,
      ...names,
      '--',
      '--prefer-offline',
      `@opentelemetry/api@${apiVersion()}`,
    ],
    dir,
  );
}

function apiVersion(): string {
  return JSON.parse(
    readFileSync(join(repo, 'node_modules/@opentelemetry/api/package.json'), 'utf8'),
  ).version;
}

function installedBaton(dir: string): string[] {
  const scope = join(dir, 'node_modules', '@baton');
  return existsSync(scope)
    ? readdirSync(scope)
        .map((n) => `@baton/${n}`)
        .sort()
    : [];
}

/** The @baton/* names a package needs at run time, followed through its dependencies. */
function batonClosure(name: string): string[] {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const entry = packages.find(({ pkg }) => pkg.name === n);
    for (const dep of Object.keys(entry?.pkg.dependencies ?? {}))
      if (dep.startsWith('@baton/')) visit(dep);
  };
  visit(name);
  return [...seen].sort();
}

beforeAll(() => {
  // `npm run pack` without its build step: the build runs here, once.
  run('npm', ['run', 'build'], repo);
  packed = mkdtempSync(join(tmpdir(), 'baton-packed-'));
  run(process.execPath, [join(repo, 'scripts/pack.mjs'), packed], repo);
  // One package installed alone, as a user would after a release; every other @baton/* package
  // arrives through its dependencies, resolved from the packed folder (never the registry).
  scratch = mkdtempSync(join(tmpdir(), 'baton-pack-'));
  installPacked(scratch, ['@baton/propagator-env']);
  const missing = packages
    .map(({ pkg }) => pkg.name as string)
    .filter((n) => !installedBaton(scratch).includes(n));
  // Packages that propagator-env does not depend on (a CLI, a test kit) are installed next, by name.
  if (missing.length > 0) installPacked(scratch, ['@baton/propagator-env', ...missing]);
}, 300_000);

test('npm run pack writes one tarball per public package and the overrides that point at them', () => {
  const overrides = JSON.parse(readFileSync(join(packed, 'overrides.json'), 'utf8'));
  expect(Object.keys(overrides).sort()).toEqual(packages.map(({ pkg }) => pkg.name).sort());
  for (const spec of Object.values(overrides) as string[]) {
    expect(spec).toMatch(/^file:\//);
    expect(existsSync(spec.slice('file:'.length))).toBe(true);
  }
});

test('one package installs alone: its @baton/* dependencies, and only those, come from the packed folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-one-'));
  installPacked(dir, ['@baton/propagator-b3']);
  expect(installedBaton(dir)).toEqual(batonClosure('@baton/propagator-b3'));
  expect(installedBaton(dir)).toEqual(['@baton/internal', '@baton/propagator-b3']);
  // Resolved from the folder: the lockfile records the file: tarballs, no registry address.
  const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  expect(lock).toContain(packed);
  expect(lock).not.toMatch(/registry\.npmjs\.org\/@baton/);
  const loaded = run(
    process.execPath,
    ['-p', "typeof require('@baton/propagator-b3').B3Propagator"],
    dir,
  );
  expect(loaded.trim()).toBe('function');
}, 300_000);

describe.each(packages)('$pkg.name', ({ pkg }) => {
  const name: string = pkg.name;

  test('tarball holds the build, the README and the sources its maps name, no tests', () => {
    const dir = join(scratch, 'node_modules', name);
    expect(existsSync(join(dir, 'dist/cjs/index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist/cjs/index.d.ts'))).toBe(true);
    expect(existsSync(join(dir, 'dist/esm/index.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(existsSync(join(dir, 'test'))).toBe(false);
  });

  test('every source map (.js.map and .d.ts.map) names files that are in the tarball', () => {
    const dir = join(scratch, 'node_modules', name);
    const maps = listFiles(join(dir, 'dist')).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const dangling: string[] = [];
    for (const map of maps) {
      const { sources, sourceRoot } = JSON.parse(readFileSync(map, 'utf8'));
      for (const source of sources as string[]) {
        const file = resolvePath(dirname(map), sourceRoot ?? '', source);
        if (!file.startsWith(dir + '/') || !existsSync(file)) dangling.push(`${map} → ${source}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  test('require and import give the same exports, one instance', () => {
    const script = `
      const { createRequire } = await import('node:module');
      const require = createRequire(process.cwd() + '/x.js');
      const cjs = require(${JSON.stringify(name)});
      const esm = await import(${JSON.stringify(name)});
      const names = Object.keys(cjs).filter((n) => n !== '__esModule');
      const missing = names.filter((n) => esm[n] !== cjs[n]);
      console.log(JSON.stringify({ names, missing }));
    `;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], scratch));
    expect(out.missing).toEqual([]);
    if (name !== '@baton/internal') expect(out.names.length).toBeGreaterThan(0);
  });

  test('types resolve for CommonJS and NodeNext consumers', () => {
    const cjs = require(join(scratch, 'node_modules', name)) as Record<string, unknown>;
    const first = Object.keys(cjs).find((n) => n !== '__esModule');
    if (!first) return;
    const slug = name.replace(/[@/]/g, '_');
    writeFileSync(
      join(scratch, `${slug}.cts`),
      `import { ${first} } from '${name}';\nexport const x = ${first};\n`,
    );
    writeFileSync(
      join(scratch, `${slug}.mts`),
      `import { ${first} } from '${name}';\nexport const x = ${first};\n`,
    );
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const common = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--types',
      'node',
      '--typeRoots',
      join(repo, 'node_modules/@types'),
    ];
    run(
      process.execPath,
      [
        tsc,
        ...common,
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        `${slug}.cts`,
        `${slug}.mts`,
      ],
      scratch,
    );
    run(
      process.execPath,
      [
        tsc,
        ...common,
        '--module',
        'commonjs',
        '--moduleResolution',
        'node10',
        '--esModuleInterop',
        `${slug}.cts`,
      ],
      scratch,
    );
  });
});

test('the B3 drop-in loads both ways by its official class name', () => {
  const script = `
    const { B3Propagator } = await import('@baton/propagator-b3');
    const { createRequire } = await import('node:module');
    const req = createRequire(process.cwd() + '/x.js');
    console.log(typeof B3Propagator === 'function' && req('@baton/propagator-b3').B3Propagator === B3Propagator);
  `;
  expect(run(process.execPath, ['--input-type=module', '-e', script], scratch).trim()).toBe('true');
});
