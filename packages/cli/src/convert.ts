/**
 * `baton convert`: extract a context with the propagators of one configuration, inject it with
 * another's. Both sides are the real propagators (resolved from OTEL_PROPAGATORS names by
 * @baton/propagator-env), so the output is exactly what a service would send.
 */
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter } from '@opentelemetry/api';
import { describePropagator, resolvePropagators } from '@baton/propagator-env';
import { toCarrier, type HeaderSet } from './headers';
import { summarize, type Extracted } from './extracted';
import { UsageError } from './input';

/** Every format Baton reads: the default `--from`. */
export const ALL_FORMATS = 'tracecontext,baggage,b3multi,jaeger,xray,ottrace,gcp,platform-id';

export interface ConvertReport {
  source: string;
  from: string;
  to: string;
  extracted: Extracted | null;
  /** The headers `to` injects, in the order written. */
  headers: Record<string, string>;
  valid: boolean;
}

/** Resolves a list of names; an unknown name is a usage error here (not a warning). */
export function resolveStrict(
  names: string,
  option: string,
): ReturnType<typeof resolvePropagators> {
  const warnings: string[] = [];
  const propagator = resolvePropagators(names, {
    logger: { warn: (m) => warnings.push(m) },
    defaults: [],
    diagnostics: false, // the CLI prints its own explanation; no stderr reports from the resolver
    source: option,
  });
  if (warnings.length > 0)
    throw new UsageError(warnings[0].replace(/^@baton\/propagator-env: /, ''));
  return propagator;
}

export function convertHeaderSet(set: HeaderSet, from: string, to: string): ConvertReport {
  const reader = resolveStrict(from, '--from');
  const writer = resolveStrict(to, '--to');
  const ctx = reader.extract(ROOT_CONTEXT, toCarrier(set.headers), defaultTextMapGetter);
  const headers: Record<string, string> = {};
  writer.inject(ctx, headers, defaultTextMapSetter);
  const extracted = summarize(ctx);
  return {
    source: set.source,
    from: describePropagator(reader),
    to: describePropagator(writer),
    extracted,
    headers,
    valid: extracted !== null && Object.keys(headers).length > 0,
  };
}
