/**
 * The keys() pass of extract (issue 20: mutants of src/extract.ts that the other suites left
 * alive). Each test names the rule it checks.
 */
import {
  createTraceState,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { baggageOf, extract, spanContextOf, SPAN_ID, TRACE_ID, withBaggage } from './helpers';

const p = new JaegerPropagator();
const VALUE = `${TRACE_ID}:${SPAN_ID}:0:1`;

/** 64 `uberctx-*` items: the collector's cap (REQUIREMENTS §5 "capped at 64 items"). */
function fullOfBaggage(): Record<string, string> {
  const c: Record<string, string> = {};
  for (let i = 0; i < 64; i++) c[`uberctx-k${i}`] = `v${i}`;
  return c;
}

describe('extract: which keys are the jaeger-baggage list', () => {
  test('§5: only `jaeger-baggage` itself is the list, not another key starting with j', () => {
    const ctx = extract(p, { 'jaeger-other': 'a=1', 'j-baggage': 'b=2' });
    expect(baggageOf(ctx)).toBeUndefined();
  });

  test('§5: with the custom prefix `jaeger`, `jaeger-k` is a baggage item, not the list', () => {
    const custom = new JaegerPropagator({ customBaggageHeaderPrefix: 'jaeger' });
    const ctx = extract(custom, { 'jaeger-k': 'v', 'jaeger-baggage': 'a=1' });
    expect(baggageOf(ctx)).toEqual({ k: 'v', a: '1' });
  });

  test('two case variants of jaeger-baggage: the first in keys() order is read', () => {
    const ctx = extract(p, { 'Jaeger-Baggage': 'a=1', 'jaeger-baggage': 'b=2' });
    expect(baggageOf(ctx)).toEqual({ a: '1' });
  });
});

describe('extract: a full collector does not end the search for the trace header', () => {
  test('§1 case-insensitive lookup: a differently cased trace header after 64 items is found', () => {
    // A 65th item finds the collector full; the trace header comes after it.
    const ctx = extract(p, { ...fullOfBaggage(), 'uberctx-more': '1', 'Uber-Trace-Id': VALUE });
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(Object.keys(baggageOf(ctx) ?? {})).toHaveLength(64);
  });

  test('§5 cap: once full and the trace header is found, the rest of the carrier is not read', () => {
    const carrier: Record<string, string> = {
      'uber-trace-id': VALUE,
      ...fullOfBaggage(),
      'uberctx-late': 'x',
      'jaeger-baggage': 'a=1',
    };
    const read: string[] = [];
    const getter: TextMapGetter<Record<string, string>> = {
      keys: (c) => defaultTextMapGetter.keys(c),
      get: (c, k) => {
        read.push(k);
        return defaultTextMapGetter.get(c, k);
      },
    };
    const ctx = p.extract(ROOT_CONTEXT, carrier, getter);
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID });
    expect(read).not.toContain('uberctx-late');
    expect(read).not.toContain('jaeger-baggage');
  });
});

describe('extract: odd keys() and an existing span context', () => {
  test('§1 never throws: a keys() entry that is not a string is skipped, the rest is read', () => {
    const carrier = { 'uber-trace-id': VALUE, 'uberctx-a': '1' };
    const getter: TextMapGetter<typeof carrier> = {
      keys: () => [42, null, 'uber-trace-id', 'uberctx-a'] as unknown as string[],
      get: (c, k) => (c as Record<string, string>)[k],
    };
    const ctx = p.extract(ROOT_CONTEXT, carrier, getter);
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(baggageOf(ctx)).toEqual({ a: '1' });
  });

  test('§4 tracestate and flags beyond sampled are kept only for the same trace and span ids', () => {
    const other = 'a'.repeat(32);
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: other,
      spanId: SPAN_ID,
      traceFlags: 0x03,
      isRemote: true,
      traceState: createTraceState('v=1'),
    });
    const sc = spanContextOf(extract(p, { 'uber-trace-id': VALUE }, before));
    expect(sc).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0x01 });
    expect(sc?.traceState).toBeUndefined();
  });

  test('§7 keys in any case: an `uberctx-*` key (its case lost) does not add a twin of a key already there', () => {
    const ctx = extract(p, { 'uberctx-a': 'x' }, withBaggage({ A: 'x' }));
    expect(baggageOf(ctx)).toEqual({ A: 'x' });
  });
});
