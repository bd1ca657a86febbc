/**
 * The diagnostics wrapper is transparent on inject (diagnosed-propagator.ts: "same inject, … and the
 * promises a Baton member makes to a composite are passed on"), INJECT_SPAN_CONTEXT included: a
 * composite built around resolved propagators still reads the span context once per inject, and
 * the promise writes what the wrapped propagator's own inject writes.
 */
import {
  propagation,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { INJECT_SPAN_CONTEXT, injectsSpanContext, type SpanContextInject } from '@baton/internal';
import { CompositePropagator } from '@baton/propagator-composite';
import { propagatorFromEnv } from '@baton/propagator-env';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';

function diagnosed(names: string): TextMapPropagator {
  return propagatorFromEnv(
    { OTEL_PROPAGATORS: names, OTEL_LOG_LEVEL: 'none' },
    { diagnostics: { onReport: () => undefined } },
  );
}

/** A context whose span counts the calls to spanContext(). */
function countingContext(): { context: Context; reads: () => number } {
  let reads = 0;
  const sc: SpanContext = { traceId: T, spanId: S, traceFlags: 1, isRemote: false };
  const span = { spanContext: () => (reads++, sc) } as unknown as Span;
  return { context: trace.setSpan(ROOT_CONTEXT, span), reads: () => reads };
}

describe('INJECT_SPAN_CONTEXT through the diagnostics wrapper', () => {
  test.each(['tracecontext', 'b3multi', 'jaeger', 'xray', 'ottrace'])(
    '%s: passed on, and writes what inject writes',
    (name) => {
      const p = diagnosed(name);
      expect(p.constructor.name).toBe('DiagnosedPropagator');
      expect(injectsSpanContext(p)).toBe(true);
      const { context } = countingContext();
      const viaInject: Record<string, string> = {};
      p.inject(context, viaInject, defaultTextMapSetter);
      const viaPromise: Record<string, string> = {};
      const injectSpan = (p as unknown as Record<symbol, SpanContextInject>)[INJECT_SPAN_CONTEXT];
      // Called detached from the wrapper, as a bound method must allow.
      injectSpan(
        context,
        trace.getSpanContext(context),
        propagation.getBaggage(context),
        viaPromise,
        defaultTextMapSetter,
      );
      expect(Object.keys(viaInject).length).toBeGreaterThan(0);
      expect(viaPromise).toEqual(viaInject);
    },
  );

  test('a composite of resolved propagators reads the span context once per inject', () => {
    // REQUIREMENTS §7: the composite "injects with every member, in order"; the shared read
    // (INJECT_SPAN_CONTEXT) must survive the wrapper, or each member reads the span again.
    const composite = new CompositePropagator({
      propagators: [diagnosed('tracecontext'), diagnosed('b3'), diagnosed('jaeger')],
    });
    const { context, reads } = countingContext();
    const carrier: Record<string, string> = {};
    composite.inject(context, carrier, defaultTextMapSetter);
    expect(reads()).toBe(1);
    expect(carrier).toEqual({
      traceparent: `00-${T}-${S}-01`,
      b3: `${T}-${S}-1`,
      'uber-trace-id': `${T}:${S}:0:01`,
    });
  });

  test('a propagator without the promise gets none from the wrapper', () => {
    expect(injectsSpanContext(diagnosed('platform-id'))).toBe(false);
  });
});
