/**
 * The official @opentelemetry packages, loaded only when installed next to the CLI.
 *
 * They are not dependencies of @baton/cli (a command should not pull in a second implementation of
 * every format); when the user's project has them — as a service being migrated to Baton does —
 * decode runs their extract on the same headers and says where the two disagree.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { OfficialPropagator } from './formats/types';

/** Resolve from the user's project first (cwd), then from the CLI's own location. */
const fromCwd = createRequire(join(process.cwd(), 'noop.js'));

function load(pkg: string): Record<string, unknown> | undefined {
  for (const req of [fromCwd, require]) {
    try {
      return req(pkg) as Record<string, unknown>;
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** `new pkg[className](...args)`, or undefined when the package or class is not there. */
export function officialPropagator(
  pkg: string,
  className: string,
  ...args: unknown[]
): OfficialPropagator | undefined {
  if (process.env.BATON_NO_OFFICIAL === '1') return undefined;
  // A deprecated package (Google's Cloud Trace propagator) warns when loaded: the CLI's output is
  // its report, and a warning about a package the user did not run would be noise in it.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const ctor = load(pkg)?.[className];
    if (typeof ctor !== 'function') return undefined;
    const propagator = new (ctor as new (...a: unknown[]) => TextMapPropagator)(...args);
    return { package: pkg, propagator };
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}
