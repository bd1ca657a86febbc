/**
 * Constructor options, validated once at start-up (DESIGN: bad configuration throws at construction
 * with a message that says what to change — never later, on the request path). The official
 * `OTTracePropagator` takes no options; `emit64BitTraceIds` is Baton's, named as in B3.
 */

export interface OTTracePropagatorConfig {
  /**
   * Write a 64-bit trace id as its original 16 hex chars, for OpenTracing peers that read only
   * 64-bit ids. A trace id counts as 64-bit when its first 16 hex chars are all zero — which is
   * how OpenTelemetry holds an extracted 16-char id. A 128-bit id is always written whole (cutting
   * it would change the trace id). Default `false`: always 32 chars.
   */
  emit64BitTraceIds?: boolean;
}

export interface ResolvedOTTraceConfig {
  readonly emit64BitTraceIds: boolean;
}

const KNOWN_OPTIONS = ['emit64BitTraceIds'];

export function resolveConfig(
  config: OTTracePropagatorConfig | undefined | null,
): ResolvedOTTraceConfig {
  if (config === undefined || config === null) return { emit64BitTraceIds: false };
  if (typeof config !== 'object') {
    throw new TypeError(
      `OTTracePropagator: the config must be an object like { emit64BitTraceIds: true }, got ${typeof config}`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `OTTracePropagator: unknown option '${key}'; the only option is emit64BitTraceIds`,
      );
    }
  }
  const { emit64BitTraceIds = false } = config;
  if (typeof emit64BitTraceIds !== 'boolean') {
    throw new TypeError(
      `OTTracePropagator: emit64BitTraceIds must be true or false, got ${String(emit64BitTraceIds)}`,
    );
  }
  return { emit64BitTraceIds };
}
