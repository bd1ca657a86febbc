/**
 * The modules this process preloads, in the order Node runs them — so the register entry knows
 * whether `@opentelemetry/auto-instrumentations-node/register` runs before or after it.
 *
 * Node runs every `--require` first, then every `--import`; within each, the ones from NODE_OPTIONS
 * come before the command line's (`process.execArgv`, which does not list NODE_OPTIONS).
 * Start-up only: plain string handling is fine.
 */

export type PreloadKind = 'require' | 'import';

export interface Preload {
  readonly kind: PreloadKind;
  readonly specifier: string;
  /** True when it came from NODE_OPTIONS (inherited by every node process, npm's own included). */
  readonly fromNodeOptions: boolean;
}

/** Splits NODE_OPTIONS as Node does: on whitespace, with double- or single-quoted parts. */
export function splitNodeOptions(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < value.length) current += value[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) out.push(current);
      current = '';
      has = false;
    } else {
      current += c;
      has = true;
    }
  }
  if (has) out.push(current);
  return out;
}

/** The `--require` / `-r` / `--import` values of one argument list, in order. */
function preloadsOf(args: readonly string[], fromNodeOptions: boolean): Preload[] {
  const out: Preload[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let kind: PreloadKind | undefined;
    let specifier: string | undefined;
    if (a === '-r' || a === '--require') [kind, specifier] = ['require', args[++i]];
    else if (a === '--import') [kind, specifier] = ['import', args[++i]];
    else if (a.startsWith('--require=')) [kind, specifier] = ['require', a.slice(10)];
    else if (a.startsWith('--import=')) [kind, specifier] = ['import', a.slice(9)];
    if (kind !== undefined && specifier !== undefined) {
      out.push({ kind, specifier, fromNodeOptions });
    }
  }
  return out;
}

/** Every preload of this process, in the order Node runs them. */
export function preloadOrder(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): Preload[] {
  const all = [
    ...preloadsOf(splitNodeOptions(nodeOptions ?? ''), true),
    ...preloadsOf(execArgv, false),
  ];
  return [...all.filter((p) => p.kind === 'require'), ...all.filter((p) => p.kind === 'import')];
}

const SEP = String.raw`[\\/]`;

/** `@baton/propagator-env/register`, by name or by a path into the package's build. */
const BATON_ENTRY = new RegExp(
  String.raw`^@baton${SEP}propagator-env${SEP}register$|propagator-env${SEP}dist${SEP}(cjs${SEP}register\.js|esm${SEP}register\.mjs)$`,
);

/** `@opentelemetry/auto-instrumentations-node/register`, by name or by a path to its file. */
const SDK_ENTRY = new RegExp(
  String.raw`^@opentelemetry${SEP}auto-instrumentations-node${SEP}register$|auto-instrumentations-node${SEP}(build${SEP}src|dist)${SEP}register\.(js|cjs|mjs)$`,
);

export function isBatonEntry(p: Preload): boolean {
  return BATON_ENTRY.test(p.specifier);
}

export function isSdkEntry(p: Preload): boolean {
  return SDK_ENTRY.test(p.specifier);
}

/**
 * The auto-instrumentations register preload that runs AFTER Baton's entry, if any. Undefined when
 * Baton's entry is not among the preloads (loaded by code) or the SDK's comes first.
 */
export function laterSdkPreload(order: readonly Preload[] = preloadOrder()): Preload | undefined {
  const baton = order.findIndex(isBatonEntry);
  if (baton === -1) return undefined;
  return order.slice(baton + 1).find(isSdkEntry);
}

/** Baton's own preload entry, if this process preloads it. */
export function batonPreload(order: readonly Preload[] = preloadOrder()): Preload | undefined {
  return order.find(isBatonEntry);
}
