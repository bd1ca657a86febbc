/**
 * Small test propagators and a warning collector, so parsing, registry and resolution can be tested
 * without depending on any format package.
 */
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { createContextKey } from '@opentelemetry/api';

/** A propagator that copies header `x-<label>` into a context key of its own, and back. */
export function labelPropagator(
  label: string,
): TextMapPropagator & { label: string; toString(): string } {
  const header = `x-${label}`;
  const key = createContextKey(`test ${label}`);
  return {
    label,
    inject(context: Context, carrier: unknown, setter: TextMapSetter) {
      const v = context.getValue(key);
      if (typeof v === 'string') setter.set(carrier, header, v);
    },
    extract(context: Context, carrier: unknown, getter: TextMapGetter) {
      const v = getter.get(carrier, header);
      return typeof v === 'string' ? context.setValue(key, v) : context;
    },
    fields: () => [header],
    toString: () => `Label(${label})`,
  };
}

export interface Collected {
  warnings: string[];
  logger: { warn: (message: string) => void };
}

export function collectWarnings(): Collected {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => void warnings.push(m) } };
}
