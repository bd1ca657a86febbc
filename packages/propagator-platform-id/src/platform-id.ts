/**
 * The `platform-id` propagator: Baton's own custom header, an opaque identifier of the calling
 * platform carried unchanged from service to service (REQUIREMENTS §6), built with the same
 * machinery as createHeaderPropagator.
 */
import { createContextKey, type Context } from '@opentelemetry/api';
import { defineHeader } from './create-header-propagator';
import { HeaderPropagator } from './header-propagator';
import { resolveOptions } from './options';

import { PLATFORM_ID_HEADER } from './constants';

export { PLATFORM_ID_HEADER };

/**
 * The context key. createContextKey uses Symbol.for, so two copies of this package in one process
 * (two versions in node_modules) still share one platform id.
 */
export const PLATFORM_ID_KEY: symbol = createContextKey(
  '@baton/propagator-platform-id platform-id',
);

const rules = { ...resolveOptions({ header: PLATFORM_ID_HEADER }), key: PLATFORM_ID_KEY };
const platformId = defineHeader(rules, 'PlatformId', false);

/** The platform id in `context`, or undefined. */
export function getPlatformId(context: Context): string | undefined {
  return platformId.get(context);
}

/**
 * A context holding platform id `id`. Throws a TypeError (wrong type, a character outside visible
 * ASCII, a comma) or RangeError (empty, longer than 256) whose message names the problem.
 */
export function setPlatformId(context: Context, id: string): Context {
  return platformId.set(context, id);
}

export interface PlatformIdPropagatorOptions {
  /** Write `platform-id` on inject. Default true; false reads it but never forwards it. */
  inject?: boolean;
}

/**
 * Extracts `platform-id` into the context (read it with getPlatformId) and injects it back.
 * Values: 1–256 visible ASCII characters, no comma. For another header name, a different length
 * or your own validator, use createHeaderPropagator.
 */
export class PlatformIdPropagator extends HeaderPropagator {
  constructor(options: PlatformIdPropagatorOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('PlatformIdPropagator: pass an options object, e.g. { inject: false }');
    }
    for (const name of Object.keys(options)) {
      if (name !== 'inject') {
        throw new TypeError(
          `PlatformIdPropagator: unknown option "${name}"; the only option is inject. ` +
            'For another header, maxLength or validate, use createHeaderPropagator',
        );
      }
    }
    const inject = options.inject ?? true;
    if (typeof inject !== 'boolean') {
      throw new TypeError(
        `PlatformIdPropagator: option "inject" must be true or false, got ${String(inject)}`,
      );
    }
    super({ ...rules, inject }, 'PlatformId');
  }
}
