/**
 * A small, correct propagator for the kit's self-tests, and one broken variant per rule. The toy
 * carries `x-toy: {32 hex}-{16 hex}-{2 hex flags}` and each break is one line of difference, so a
 * failing rule can only come from that line.
 */
import {
  isSpanContextValid,
  propagation,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';

export const TOY_HEADER = 'x-toy';
const SUPPRESS = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');
const HEX = /^[0-9a-f]+$/;

export interface Breaks {
  /** extract: String(value) on anything, so a throwing toString or a symbol throws. */
  throwsOnOddValues?: boolean;
  /** extract: accepts upper-case hex and keeps it as it came. */
  keepsUpperCase?: boolean;
  /** extract: reads only the first 52 characters, so trailing garbage is accepted. */
  ignoresTrailingGarbage?: boolean;
  /** fields(): forgets the header inject writes. */
  fieldsMissHeader?: boolean;
  /** inject: also writes the first baggage value raw in `x-toy-note`. */
  writesRawNote?: boolean;
  /** inject: writes whatever ids the span context holds. */
  skipsIdCheck?: boolean;
  /** inject: ignores suppressTracing. */
  ignoresSuppression?: boolean;
  /** inject: flags in hex without padding (`1`, not `01`); extract wants two digits. */
  unpaddedFlags?: boolean;
  /** extract: looks at every key for every key (quadratic in the header count). */
  quadraticKeys?: boolean;
  /** extract: ignores the sampled flag. */
  dropsSampled?: boolean;
}

function parse(
  value: string,
  b: Breaks,
): { traceId: string; spanId: string; flags: number } | undefined {
  const v = b.ignoresTrailingGarbage ? value.slice(0, 52) : value;
  if (v.length !== 52 || v[32] !== '-' || v[49] !== '-') return undefined;
  const traceId = v.slice(0, 32);
  const spanId = v.slice(33, 49);
  const check = (s: string) => (b.keepsUpperCase ? /^[0-9a-fA-F]+$/ : HEX).test(s);
  if (!check(traceId) || !check(spanId) || !HEX.test(v.slice(50))) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags: parseInt(v.slice(50), 16) };
}

export class ToyPropagator implements TextMapPropagator {
  constructor(private readonly b: Breaks = {}) {}

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (this.b.throwsOnOddValues) {
      // outside the try: a template literal calls toString, and throws for a symbol
      if (`${getter.get(carrier, TOY_HEADER)}` === '') return context;
    }
    try {
      if (this.b.quadraticKeys) {
        const keys = getter.keys(carrier);
        let n = 0;
        for (const k of keys) n += keys.filter((other) => other === k).length;
        if (n < 0) return context;
      }
      const raw = getter.get(carrier, TOY_HEADER);
      const first = Array.isArray(raw) ? raw[0] : raw;
      if (typeof first !== 'string') return context;
      const parsed = parse(first, this.b);
      if (!parsed) return context;
      const sampled = this.b.dropsSampled ? 0 : parsed.flags & 1;
      return trace.setSpanContext(context, {
        traceId: parsed.traceId,
        spanId: parsed.spanId,
        traceFlags: sampled,
        isRemote: true,
      });
    } catch {
      return context;
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (!this.b.ignoresSuppression && context.getValue(SUPPRESS) === true) return;
    const sc = trace.getSpanContext(context);
    if (!sc) return;
    if (
      !this.b.skipsIdCheck &&
      !(isSpanContextValid(sc) && HEX.test(sc.traceId) && HEX.test(sc.spanId))
    )
      return;
    const flags = this.b.unpaddedFlags ? (sc.traceFlags & 1).toString(16) : `0${sc.traceFlags & 1}`;
    setter.set(carrier, TOY_HEADER, `${sc.traceId}-${sc.spanId}-${flags}`);
    if (this.b.writesRawNote) {
      const note = this.noteOf(context);
      if (note !== undefined) setter.set(carrier, 'x-toy-note', note);
    }
  }

  private noteOf(context: Context): string | undefined {
    return propagation.getBaggage(context)?.getAllEntries()[0]?.[1].value;
  }

  fields(): string[] {
    if (this.b.fieldsMissHeader) return [];
    return this.b.writesRawNote ? [TOY_HEADER, 'x-toy-note'] : [TOY_HEADER];
  }
}
