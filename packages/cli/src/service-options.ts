/**
 * The options a service would run with, beyond its OTEL_PROPAGATORS list, for `baton explain`:
 *
 * - `--precedence first|last`: the composite's precedence (`composite.precedence` in code);
 * - `--config FILE` (default `$BATON_PROPAGATORS_CONFIG`): the module the preload loads, read the
 *   way the preload reads it (@baton/propagator-env loadPreloadConfig), so a mistake in it is the
 *   same warning; its `composite.precedence` applies, its hooks are named but never called (a
 *   hook counts conflicts in a service's metrics, not in a terminal);
 * - `--require MODULE` (repeatable): a module that registers custom propagators
 *   (`registerPropagator('tenant-id', …)`), loaded before the list is resolved, as a service loads
 *   its setup code — so custom names resolve as they do in the service;
 * - `--diagnostics`: also show the lines the service's broken-trace diagnostics would log.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Precedence } from '@baton/propagator-composite';
import {
  BATON_PROPAGATORS_CONFIG,
  loadPreloadConfig,
  type PreloadConfig,
} from '@baton/propagator-env';
import { UsageError } from './input';

/** What `--config` contributed, for the report. */
export interface ConfigSummary {
  file: string;
  /** Where the file name came from: `--config` or `BATON_PROPAGATORS_CONFIG`. */
  source: string;
  /** `composite.precedence` from the module, if set. */
  precedence: Precedence | null;
  /** The hooks the module exports (named, not called): `composite.onConflict`, `diagnostics.onReport`. */
  hooks: string[];
}

export interface ServiceOptions {
  precedence?: Precedence;
  /** Set when a config module was named (and loaded, or its problem is in `warnings`). */
  config?: ConfigSummary;
  /** Modules loaded with --require, as given. */
  required?: string[];
  /** Problems the preload would print about the config module. */
  warnings?: string[];
  /** Show what the service's diagnostics would log for the given headers. */
  diagnostics?: boolean;
}

export interface ServiceFlags {
  precedence?: string;
  config?: string;
  require?: string[];
  diagnostics?: boolean;
}

function precedenceOf(value: unknown, where: string): Precedence | undefined {
  if (value === undefined) return undefined;
  if (value !== 'first' && value !== 'last')
    throw new UsageError(`${where} must be first or last, got ${JSON.stringify(value)}`);
  return value;
}

/** Loads each module as `node --require` would, from the working directory. */
function requireAll(modules: readonly string[]): void {
  const fromCwd = createRequire(join(process.cwd(), 'noop.js'));
  for (const spec of modules) {
    const id = spec.startsWith('.') || spec.startsWith('/') ? resolve(spec) : spec;
    try {
      fromCwd(id);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new UsageError(`--require ${spec}: ${why}`);
    }
  }
}

function hooksOf(config: PreloadConfig): string[] {
  const hooks: string[] = [];
  if (typeof config.composite?.onConflict === 'function') hooks.push('composite.onConflict');
  if (typeof config.diagnostics === 'object' && typeof config.diagnostics.onReport === 'function')
    hooks.push('diagnostics.onReport');
  return hooks;
}

/** The service options from the flags and the environment. Throws UsageError for a bad flag. */
export function serviceOptions(flags: ServiceFlags, env: NodeJS.ProcessEnv): ServiceOptions {
  const options: ServiceOptions = { diagnostics: flags.diagnostics === true };
  if (flags.require !== undefined && flags.require.length > 0) {
    requireAll(flags.require);
    options.required = [...flags.require];
  }
  const fromFlag = flags.config !== undefined;
  const file = fromFlag ? flags.config : env[BATON_PROPAGATORS_CONFIG];
  let configPrecedence: Precedence | undefined;
  if (file !== undefined && file.trim() !== '') {
    const loaded = loadPreloadConfig({ [BATON_PROPAGATORS_CONFIG]: file });
    const source = fromFlag ? '--config' : BATON_PROPAGATORS_CONFIG;
    if ('problem' in loaded) {
      // The preload's own words, naming the variable; from --config the flag is meant.
      const problem = fromFlag
        ? loaded.problem.replace(`${BATON_PROPAGATORS_CONFIG}=`, '--config ')
        : loaded.problem;
      options.warnings = [problem];
      options.config = { file, source, precedence: null, hooks: [] };
    } else {
      const p = loaded.config.composite?.precedence;
      configPrecedence = precedenceOf(p, `composite.precedence in ${file}`);
      options.config = {
        file,
        source,
        precedence: configPrecedence ?? null,
        hooks: hooksOf(loaded.config),
      };
    }
  }
  // The flag wins over the module, as an explicit option wins over a default.
  options.precedence = precedenceOf(flags.precedence, '--precedence') ?? configPrecedence;
  return options;
}
