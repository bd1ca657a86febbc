/**
 * W3CTraceContextPropagator against REQUIREMENTS §1 (every propagator): carriers of every shape,
 * header-name case, suppression, fields, description.
 */
import { ROOT_CONTEXT, createContextKey, trace, type TextMapGetter } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { SUPPRESS_TRACING_KEY } from '@baton/internal';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import {
  SPAN_ID,
  TP,
  TRACE_ID,
  extractSpan,
  getter,
  mapGetter,
  setter,
  spanCtx,
  tc,
} from './helpers';

describe('"Extract never throws, for any carrier"', () => {
  const carriers: [what: string, carrier: unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', TP],
    ['an array', [TP]],
    ['traceparent: a number', { traceparent: 7 }],
    ['traceparent: an object', { traceparent: { toString: () => TP } }],
    ['traceparent: null', { traceparent: null }],
    ['traceparent: an empty array', { traceparent: [] }],
    ['traceparent: an array holding a number', { traceparent: [7] }],
    ['traceparent: 1 MB', { traceparent: TP + '0'.repeat(1 << 20) }],
    ['traceparent: lone surrogates', { traceparent: '\ud800' + TP.slice(1) }],
    ['tracestate: 1 MB', { traceparent: TP, tracestate: 'a=1,'.repeat(1 << 18) }],
    ['tracestate: a number', { traceparent: TP, tracestate: 5 }],
  ];
  it.each(carriers)('%s', (_what, carrier) => {
    expect(() => tc.extract(ROOT_CONTEXT, carrier, getter)).not.toThrow();
  });

  it('a getter that throws: the context is returned unchanged', () => {
    const throwing: TextMapGetter = {
      get: () => {
        throw new Error('get');
      },
      keys: () => {
        throw new Error('keys');
      },
    };
    expect(tc.extract(ROOT_CONTEXT, {}, throwing)).toBe(ROOT_CONTEXT);
  });

  it('a getter that throws only for tracestate: the traceparent is still used', () => {
    const g: TextMapGetter = {
      get: (_c, k) => {
        if (k === 'traceparent') return TP;
        throw new Error('tracestate');
      },
      keys: () => ['traceparent'],
    };
    expect(extractSpan({}, g)?.traceId).toBe(TRACE_ID);
  });

  it('"Buffers": a Kafka header value is read as latin1', () => {
    expect(
      extractSpan({ traceparent: Buffer.from(TP), tracestate: Buffer.from('a=1') }),
    ).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
  });

  it('"An extracted SpanContext has isRemote: true"', () => {
    expect(extractSpan({ traceparent: TP })?.isRemote).toBe(true);
  });

  it('keeps other context values', () => {
    const key = createContextKey('other');
    const ctx = tc.extract(ROOT_CONTEXT.setValue(key, 1), { traceparent: TP }, getter);
    expect(ctx.getValue(key)).toBe(1);
  });
});

describe('"Header names are looked up case-insensitively where the getter allows"', () => {
  it.each(['TraceParent', 'TrAcEpArEnT', 'TRACEPARENT'])('%s (plain object)', (name) => {
    expect(extractSpan({ [name]: TP })?.traceId).toBe(TRACE_ID);
  });

  it('a Map carrier that keeps case (Kafka/AMQP)', () => {
    const carrier = new Map<string, unknown>([
      ['Traceparent', TP],
      ['TraceState', 'a=1'],
    ]);
    const sc = trace.getSpanContext(tc.extract(ROOT_CONTEXT, carrier, mapGetter));
    expect(sc?.traceState?.serialize()).toBe('a=1');
  });

  it('the lowercase name wins over another casing', () => {
    const other = `00-${'a'.repeat(32)}-${SPAN_ID}-01`;
    expect(extractSpan({ TRACEPARENT: other, traceparent: TP })?.traceId).toBe(TRACE_ID);
  });

  it('wrong names are not traceparent (trace-parent, trace.parent)', () => {
    expect(extractSpan({ 'trace-parent': TP })).toBeUndefined();
    expect(extractSpan({ 'trace.parent': TP })).toBeUndefined();
  });
});

describe('inject', () => {
  it('"Honour suppressTracing": nothing injected (core\'s suppressTracing)', () => {
    const out: Record<string, string> = {};
    tc.inject(suppressTracing(spanCtx({})), out, setter);
    expect(out).toEqual({});
  });

  it('the suppression key is the Symbol.for key core uses', () => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx({}).setValue(SUPPRESS_TRACING_KEY, true), out, setter);
    expect(out).toEqual({});
  });

  it('"Inject never throws": a setter that throws', () => {
    const throwing = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => tc.inject(spanCtx({}), {}, throwing)).not.toThrow();
  });

  it('"Inject never throws": a frozen carrier with the default setter', () => {
    expect(() => tc.inject(spanCtx({}), Object.freeze({}), setter)).not.toThrow();
  });
});

describe('surface', () => {
  it('"fields() returns exactly the fixed keys inject can write, lowercase, no duplicates"', () => {
    expect(tc.fields()).toEqual(['traceparent', 'tracestate']);
  });

  it('fields() returns a fresh array (a caller mutating it changes nothing)', () => {
    tc.fields().push('x');
    expect(tc.fields()).toEqual(['traceparent', 'tracestate']);
  });

  it('toString() is "W3CTraceContext" (DESCRIPTION CONVENTION)', () => {
    expect(String(new W3CTraceContextPropagator())).toBe('W3CTraceContext');
  });
});
