import { KEEPS_BATON_RULES } from '@baton/internal';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { resolveConfig, type JaegerPropagatorConfig, type ResolvedJaegerConfig } from './config';
import { extractJaeger } from './extract';
import { BaggageHeaderNames, injectJaeger } from './inject';

/**
 * Propagates trace context in the Jaeger format (`uber-trace-id`) and baggage as `uberctx-*`
 * headers. A drop-in for `JaegerPropagator` of `@opentelemetry/propagator-jaeger`: same class name,
 * same constructor forms, same headers for valid input; stricter on bad input.
 *
 * ```ts
 * new JaegerPropagator();                    // uber-trace-id, uberctx-*
 * new JaegerPropagator('x-trace');           // custom trace header
 * new JaegerPropagator({ customTraceHeader: 'x-trace', customBaggageHeaderPrefix: 'x-bag' });
 * ```
 */
export class JaegerPropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;

  private readonly config: ResolvedJaegerConfig;
  private readonly fieldList: readonly string[];
  private readonly baggageNames: BaggageHeaderNames;

  /** Throws a TypeError for a header name that is not an HTTP token or an unknown option. */
  constructor(config?: string | JaegerPropagatorConfig) {
    this.config = resolveConfig(config);
    this.fieldList = Object.freeze([this.config.traceHeader]);
    this.baggageNames = new BaggageHeaderNames(this.config.baggagePrefix);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    injectJaeger(context, carrier, setter, this.config, this.baggageNames);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return extractJaeger(context, carrier, getter, this.config);
  }

  /** The trace header only: baggage header names depend on the baggage (as the official package). */
  fields(): string[] {
    return this.fieldList.slice();
  }

  /** `Jaeger`, or `Jaeger(<trace header>)` when the trace header is customised (describePropagator). */
  toString(): string {
    return this.config.customTraceHeader ? `Jaeger(${this.config.traceHeader})` : 'Jaeger';
  }
}
