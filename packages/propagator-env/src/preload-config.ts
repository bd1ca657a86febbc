/**
 * Hooks for the preload: a small CommonJS module named in `BATON_PROPAGATORS_CONFIG`.
 *
 * A preload has no code of the user's to take options from, yet `onConflict` (to count conflicts in
 * a metric), `precedence`, and the diagnostics' `onReport` are code. So the entry requires the module
 * the variable names (a path, relative to the working directory) and uses what it exports — the same
 * options `propagatorFromEnv(env, options)` takes, limited to `composite` and `diagnostics`:
 *
 *   // baton.config.cjs
 *   module.exports = {
 *     composite: { precedence: 'first', onConflict: (info) => conflicts.add(1) },
 *     diagnostics: { onReport: (report) => misroutes.add(1, { header: report.header }) },
 *   };
 *
 * A module that cannot be loaded or exports something else is a configuration mistake: said once on
 * stderr, with what to change, and the entry carries on without it (tracing setup must not stop a
 * service from starting).
 */
import { resolve } from 'node:path';
import type { ResolveOptions } from './resolve';
import { whatIs } from './what-is';

export const CONFIG_VARIABLE = 'BATON_PROPAGATORS_CONFIG';

const ALLOWED = ['composite', 'diagnostics'];

export type PreloadConfig = Pick<ResolveOptions, 'composite' | 'diagnostics'>;

/** The options from the module `env[BATON_PROPAGATORS_CONFIG]` names, or a problem to report. */
export function loadPreloadConfig(
  env: Readonly<Record<string, string | undefined>>,
): { config: PreloadConfig } | { problem: string } {
  const path = env[CONFIG_VARIABLE];
  if (path === undefined || path.trim() === '') return { config: {} };
  const file = resolve(path.trim());
  let exported: unknown;
  try {
    exported = require(file);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      problem:
        `${CONFIG_VARIABLE}=${JSON.stringify(path)} could not be loaded (${why}); it was ignored. ` +
        `Name a CommonJS file (module.exports = { composite, diagnostics }), relative to the working directory.`,
    };
  }
  const config = unwrapDefault(exported);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return {
      problem: `${CONFIG_VARIABLE}: ${file} exports ${whatIs(config)}; it was ignored. Export an object: module.exports = { composite, diagnostics }.`,
    };
  }
  const unknown = Object.keys(config).filter((k) => !ALLOWED.includes(k));
  if (unknown.length > 0) {
    return {
      problem:
        `${CONFIG_VARIABLE}: ${file} exports ${unknown.map((k) => `"${k}"`).join(', ')}, which the ` +
        `preload does not use; it was ignored. The options are ${ALLOWED.join(', ')} ` +
        `(e.g. { composite: { onConflict } }).`,
    };
  }
  return { config: config as PreloadConfig };
}

/** `export default {…}` compiled to CommonJS puts the object under `default`. */
function unwrapDefault(m: unknown): unknown {
  if (typeof m === 'object' && m !== null && 'default' in m && Object.keys(m).length <= 2) {
    return (m as { default: unknown }).default;
  }
  return m;
}
