/**
 * Runs the real `baton` bin (the built dist/, as an installed package runs) in a child process.
 * beforeAll in each suite builds it (incremental: a no-op when nothing changed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repo = join(__dirname, '../../..');
export const BIN = join(repo, 'packages/cli/dist/cjs/bin.js');
export const fixtures = join(__dirname, 'fixtures');

export function build(): void {
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli/tsconfig.build.json'],
    {
      cwd: repo,
      stdio: 'pipe',
    },
  );
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a run: the caller's, minus what changes the output (colour, OTEL_*). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('OTEL_') || k === 'NO_COLOR' || k === 'FORCE_COLOR')
      continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function baton(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo,
    input: options.input ?? '',
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `baton … --json`, parsed. */
export function batonJson<T = Record<string, unknown>>(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): { status: number | null; json: T } {
  const r = baton([...args, '--json'], options);
  if (r.stderr !== '') throw new Error(r.stderr);
  return { status: r.status, json: JSON.parse(r.stdout) as T };
}

const ESC = String.fromCharCode(0x1b);
export const stripAnsi = (s: string): string =>
  s
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');
