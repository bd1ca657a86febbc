/**
 * Packs every publishable package with `npm pack`, installs the tarballs into a scratch project
 * (as a user would from the registry), and proves that each package loads with `require`, with
 * `import`, gives the same single instance both ways, and that its types resolve under both the
 * CommonJS and the NodeNext (ESM) module settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..');
const packagesDir = join(repo, 'packages');
const packages = readdirSync(packagesDir)
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private);

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let scratch: string;

beforeAll(() => {
  run('npm', ['run', 'build'], repo);
  scratch = mkdtempSync(join(tmpdir(), 'baton-pack-'));
  const tarballs = packages.map(({ dir }) =>
    join(
      scratch,
      run('npm', ['pack', '--pack-destination', scratch, '--silent'], join(packagesDir, dir))
        .trim()
        .split('\n')
        .pop() as string,
    ),
  );
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  const apiVersion = JSON.parse(
    readFileSync(join(repo, 'node_modules/@opentelemetry/api/package.json'), 'utf8'),
  ).version;
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      `@opentelemetry/api@${apiVersion}`,
      ...tarballs,
    ],
    scratch,
  );
}, 300_000);

describe.each(packages)('$pkg.name', ({ pkg }) => {
  const name: string = pkg.name;

  test('tarball holds the build, the README and no sources or tests', () => {
    const dir = join(scratch, 'node_modules', name);
    expect(existsSync(join(dir, 'dist/cjs/index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist/cjs/index.d.ts'))).toBe(true);
    expect(existsSync(join(dir, 'dist/esm/index.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'src'))).toBe(false);
    expect(existsSync(join(dir, 'test'))).toBe(false);
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

test('the baton command runs from the installed tarball (npx baton)', () => {
  const help = run('npx', ['--no-install', 'baton', '--help'], scratch);
  expect(help).toContain('baton decode');
  const out = run(
    'npx',
    [
      '--no-install',
      'baton',
      'decode',
      'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '--json',
    ],
    scratch,
  );
  expect(JSON.parse(out)).toMatchObject({ command: 'decode', valid: true });
});
