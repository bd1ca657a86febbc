/**
 * Baton first, `@opentelemetry/auto-instrumentations-node/register` after it: the hand-off.
 *
 * Left alone, the SDK's start would resolve OTEL_PROPAGATORS itself — warning about every name it
 * lacks (`platform-id`, custom names, `jaeger` on SDK 3), warning that Jaeger is deprecated (SDK 2) —
 * and then fail to register its propagator over Baton's, printing "Attempted duplicate registration
 * of API: propagation" with a stack trace. All three read as "Baton is broken".
 *
 * The SDK offers the switch needed: `OTEL_PROPAGATORS=none` makes it build and register no
 * propagator, silently. So the entry starts the SDK's preload itself, right away, with the variable
 * set to `none` for exactly that call, and puts the user's value back as soon as it returns. When
 * Node then reaches the SDK's preload, the module is already loaded and does not run again. No user
 * code and no child process runs inside that window, and the SDK still reads every other variable.
 *
 * ESM: when both are `--import`ed, the SDK's entry may be an ES module (auto-instrumentations-node
 * 0.82 has `register.mjs`), so the ESM entry of this package awaits the hand-off (top-level await in
 * dist/esm/register.mjs), importing the same specifier the SDK's preload names.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Preload } from './preloads';

const VARIABLE = 'OTEL_PROPAGATORS';

/** Runs `fn` with OTEL_PROPAGATORS=none and restores the variable (or its absence) afterwards. */
export function withPropagatorsHidden<T>(fn: () => T): T {
  const saved = process.env[VARIABLE];
  process.env[VARIABLE] = 'none';
  let restoreLater = false;
  try {
    const out = fn();
    if (out instanceof Promise) {
      restoreLater = true;
      return out.finally(() => restore(saved)) as T;
    }
    return out;
  } finally {
    if (!restoreLater) restore(saved);
  }
}

function restore(saved: string | undefined): void {
  if (saved === undefined) delete process.env[VARIABLE];
  else process.env[VARIABLE] = saved;
}

/** Where Node resolves a preload's specifier from: the working directory. */
function resolveFromCwd(specifier: string): string {
  return require.resolve(specifier, { paths: [process.cwd()] });
}

/**
 * True when `import` of the specifier loads the same file as `require` (auto-instrumentations-node
 * 0.81: one CommonJS file for both), so starting it with `require` also satisfies a later `--import`.
 */
function importLoadsSameFile(specifier: string, required: string): boolean {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return true;
  try {
    let dir = dirname(required);
    for (let i = 0; i < 8; i++, dir = dirname(dir)) {
      let pkg: { name?: unknown; exports?: Record<string, unknown> };
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (typeof pkg.name !== 'string' || !specifier.startsWith(`${pkg.name}/`)) continue;
      const target = pkg.exports?.[`.${specifier.slice(pkg.name.length)}`];
      return typeof target === 'string';
    }
  } catch {
    // unreadable: assume different files
  }
  return false;
}

export type HandOff =
  /** Nothing to do: no SDK preload after Baton's. */
  | { kind: 'none' }
  /** Done synchronously (CommonJS). */
  | { kind: 'done' }
  /** To be awaited by the ESM entry: import this URL or specifier with OTEL_PROPAGATORS hidden. */
  | { kind: 'esm'; specifier: string }
  /** Baton `--require`d, the SDK `--import`ed as a different ES module file: cannot be done first. */
  | { kind: 'unsupported' };

/**
 * Starts the SDK's preload now (CommonJS), or says what the ESM entry must await. `batonKind` is how
 * Baton's own entry was preloaded.
 */
export function handOffToSdk(sdk: Preload | undefined, batonKind: 'require' | 'import'): HandOff {
  if (sdk === undefined) return { kind: 'none' };
  if (sdk.kind === 'import' && batonKind === 'import') {
    const s = sdk.specifier;
    const url = s.startsWith('.') || isAbsolute(s) ? pathToFileURL(resolve(s)).href : s;
    return { kind: 'esm', specifier: url };
  }
  let file: string;
  try {
    file = resolveFromCwd(sdk.specifier);
  } catch {
    // Not installed: Node's own preload of it fails next, with its own message.
    return { kind: 'none' };
  }
  if (sdk.kind === 'import' && !importLoadsSameFile(sdk.specifier, file)) {
    return { kind: 'unsupported' };
  }
  withPropagatorsHidden(() => require(file));
  return { kind: 'done' };
}
