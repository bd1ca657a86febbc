/**
 * Real child `node` processes for the tests that are about what a user sees: preloads, stderr lines,
 * the real SDK's own start-up. The child resolves `@baton/*` through node_modules, i.e. the BUILT
 * packages, so the build runs first — once at a time: several test files build concurrently under
 * Jest's workers, and two `tsc -b` writing one dist/ would race.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repo = join(__dirname, '../../..');
export const fixtures = join(__dirname, 'fixtures');

// Outside the repository, one per checkout (worktrees build their own dist/).
const LOCK = join(tmpdir(), `baton-env-build-${repo.replace(/[^A-Za-z0-9]/g, '_')}`);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds propagator-env and what it depends on (incremental), and the ESM entries. */
export function buildPackages(): void {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than 3 minutes is a crashed run's: take it over.
      if (waited > 180_000 || Date.now() - statSync(LOCK).mtimeMs > 180_000) break;
      sleep(200);
    }
  }
  try {
    execFileSync(
      process.execPath,
      [
        join(repo, 'node_modules/typescript/bin/tsc'),
        '-b',
        'packages/propagator-env/tsconfig.build.json',
      ],
      { cwd: repo, stdio: 'pipe' },
    );
    execFileSync(process.execPath, ['scripts/esm-wrappers.mjs'], { cwd: repo, stdio: 'pipe' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any OTEL_* / BATON_* / NODE_OPTIONS, plus `env`. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('OTEL_') || k.startsWith('BATON_')) continue;
    if (k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    base[k] = v;
  }
  return { ...base, ...env };
}

/** Runs `node ...args` in `cwd` (default: the repository) and returns what it printed. */
export function runNode(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = repo,
): ChildResult {
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of `text`, without the empty last one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}
