/**
 * The resolved propagator with diagnostics: a thin wrapper whose extract asks one question after the
 * real extract — did a span context come out? — and looks at the carrier only when none did.
 *
 * A wrapper, not code inside each propagator or the composite: `OTEL_PROPAGATORS=tracecontext`
 * resolves to a bare W3C propagator (no composite), and that is the service whose trace "stops at the
 * gateway". It is transparent: same fields(), same inject, same description, and the promises a
 * Baton member makes to a composite (`@baton/internal` rules.ts) are passed on.
 */
import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import {
  EXTRACT_EQUIVALENCE,
  HEADERS_READ,
  INJECT_SPAN_CONTEXT,
  KEEPS_BATON_RULES,
  type SpanContextInject,
} from '@baton/internal';
import type { Watch } from './watch';

const PASSED_ON = [KEEPS_BATON_RULES, EXTRACT_EQUIVALENCE, HEADERS_READ] as const;

/**
 * The API's span key (`createContextKey` is `Symbol.for`), read directly: `trace.getSpan` goes through
 * a CommonJS re-export getter of `@opentelemetry/api` on every call, measurable on this path.
 */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');
/** Read once (a re-export getter of the API's CommonJS build, like SPAN_KEY's). */
const ROOT: Context = ROOT_CONTEXT;

export class DiagnosedPropagator implements TextMapPropagator {
  constructor(
    private readonly inner: TextMapPropagator,
    private readonly watch: Watch,
    private readonly description: string,
  ) {
    for (const key of PASSED_ON) {
      const value: unknown = (inner as unknown as Record<symbol, unknown>)[key];
      if (value !== undefined) (this as unknown as Record<symbol, unknown>)[key] = value;
    }
    // The inject promise is a method: passed on bound to the propagator it belongs to, so a
    // composite around this wrapper still reads the span context once for all its members.
    const injectSpan: unknown = (inner as unknown as Record<symbol, unknown>)[INJECT_SPAN_CONTEXT];
    if (typeof injectSpan === 'function') {
      const bound: SpanContextInject = (context, spanContext, baggage, carrier, setter) =>
        (injectSpan as SpanContextInject).call(
          inner,
          context,
          spanContext,
          baggage,
          carrier,
          setter,
        );
      (this as unknown as Record<symbol, unknown>)[INJECT_SPAN_CONTEXT] = bound;
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.inner.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const out = this.inner.extract(context, carrier, getter);
    if (out !== context) {
      // A span (context) other than the input's: the trace continues, nothing to explain.
      try {
        const span = out.getValue(SPAN_KEY);
        // ROOT_CONTEXT holds no span: for the usual server extract (instrumentation-http extracts
        // onto ROOT_CONTEXT) the second context read is skipped (~2% of a composite extract).
        if (span !== undefined && (context === ROOT || span !== context.getValue(SPAN_KEY))) {
          return out;
        }
      } catch {
        return out; // not a Context: nothing to diagnose
      }
    }
    this.watch.check(carrier, getter);
    return out;
  }

  fields(): string[] {
    return this.inner.fields();
  }

  toString(): string {
    return this.description;
  }
}
