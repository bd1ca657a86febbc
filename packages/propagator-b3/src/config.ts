/**
 * Construction-time validation: a bad option fails loudly, at start-up, saying what to change
 * (DESIGN "Principles").
 */
import { B3InjectEncoding, type B3PropagatorConfig } from './types';

export interface B3ResolvedConfig {
  readonly injectEncoding: B3InjectEncoding;
  readonly emit64BitTraceIds: boolean;
}

const KNOWN_OPTIONS = ['injectEncoding', 'emit64BitTraceIds'];

export function resolveConfig(config: B3PropagatorConfig | undefined | null): B3ResolvedConfig {
  if (config === undefined || config === null) {
    return { injectEncoding: B3InjectEncoding.SINGLE_HEADER, emit64BitTraceIds: false };
  }
  if (typeof config !== 'object') {
    throw new TypeError(
      `B3Propagator: the config must be an object like { injectEncoding: B3InjectEncoding.MULTI_HEADER }, got ${typeof config}`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `B3Propagator: unknown option '${key}'; the options are ${KNOWN_OPTIONS.join(', ')}`,
      );
    }
  }
  const { injectEncoding = B3InjectEncoding.SINGLE_HEADER, emit64BitTraceIds = false } = config;
  if (
    injectEncoding !== B3InjectEncoding.SINGLE_HEADER &&
    injectEncoding !== B3InjectEncoding.MULTI_HEADER
  ) {
    throw new TypeError(
      `B3Propagator: injectEncoding must be B3InjectEncoding.SINGLE_HEADER (0) or B3InjectEncoding.MULTI_HEADER (1), got ${String(injectEncoding)}`,
    );
  }
  if (typeof emit64BitTraceIds !== 'boolean') {
    throw new TypeError(
      `B3Propagator: emit64BitTraceIds must be true or false, got ${String(emit64BitTraceIds)}`,
    );
  }
  return { injectEncoding, emit64BitTraceIds };
}
