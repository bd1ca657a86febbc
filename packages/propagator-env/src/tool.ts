/**
 * Is this process a tool (npm, npx, yarn, pnpm, corepack) rather than the user's service?
 *
 * `NODE_OPTIONS='--require @baton/propagator-env/register' npm start` preloads the entry into npm's
 * own node process too, before npm starts the service. There it must neither print (the "registered"
 * line appeared twice) nor do anything else: npm propagates no trace.
 */
import { basename } from 'node:path';

const TOOL_SCRIPTS = new Set([
  'npm-cli.js',
  'npx-cli.js',
  'npm',
  'npx',
  'yarn',
  'yarn.js',
  'yarn.cjs',
  'pnpm',
  'pnpm.cjs',
  'pnpx',
  'corepack',
  'corepack.js',
]);

const TOOL_DIR = /[\\/]node_modules[\\/](npm|yarn|pnpm|corepack)[\\/]/;

/** True when the main script of this process (`process.argv[1]`) is a package manager's. */
export function isPackageManagerProcess(script: string | undefined = process.argv[1]): boolean {
  if (typeof script !== 'string' || script === '') return false;
  return TOOL_SCRIPTS.has(basename(script)) || TOOL_DIR.test(script);
}
