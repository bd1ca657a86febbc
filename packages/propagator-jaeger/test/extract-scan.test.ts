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

describe('extract: the early returns', () => {
  // REQUIREMENTS §1: "Extract never throws, for any carrier: undefined/null […]. It returns the input
  // context unchanged when nothing valid is found." A null or undefined carrier holds no header; as
  // @baton/internal's getHeader, extract does not ask the getter about it.
  test('§1 a null or undefined carrier: the context comes back unchanged, whatever the getter would answer', () => {
    const ignoresCarrier: TextMapGetter = {
      get: () => VALUE,
      keys: () => ['uber-trace-id', 'uberctx-a'],
    };
    expect(p.extract(ROOT_CONTEXT, null, ignoresCarrier)).toBe(ROOT_CONTEXT);
    expect(p.extract(ROOT_CONTEXT, undefined, ignoresCarrier)).toBe(ROOT_CONTEXT);
  });

  // REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys()
  // only when the lowercase lookup misses". A header found by its name is read even when keys()
  // does not list it (here: a non-enumerable property, which the default getter's keys() leaves out).
  test('§1 the lowercase lookup comes first: a trace header that keys() does not list is read', () => {
    const carrier: Record<string, unknown> = {};
    Object.defineProperty(carrier, 'uber-trace-id', { value: VALUE, enumerable: false });
    expect(spanContextOf(extract(p, carrier))).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
  });

  // REQUIREMENTS §9: "Absent rows (no header of the format): at most 2.0× and no allocation". A plain carrier (read through the API's default
  // getter) none of whose keys is a Jaeger header, in any case, is answered by one walk of its own
  // keys, without building the keys() array — a Proxy over one too (extract reads, through this
  // getter, only the names keys() lists and the lowercase trace header it has already looked up).
  describe('§9 a plain carrier with no Jaeger header is answered without calling keys()', () => {
    let keys: jest.SpyInstance;
    beforeEach(() => {
      keys = jest.spyOn(defaultTextMapGetter, 'keys');
    });
    afterEach(() => keys.mockRestore());

    const headers = () => ({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      accept: '*/*',
      'user-agent': 'test',
      'x-uber-trace-id': VALUE, // a Jaeger name inside another: not the header
    });

    test('an ordinary object', () => {
      expect(extract(p, headers())).toBe(ROOT_CONTEXT);
      expect(keys).not.toHaveBeenCalled();
    });

    test('a Proxy over one', () => {
      expect(p.extract(ROOT_CONTEXT, new Proxy(headers(), {}), defaultTextMapGetter)).toBe(
        ROOT_CONTEXT,
      );
      expect(keys).not.toHaveBeenCalled();
    });

    test('the spy sees the keys() pass when there is a Jaeger header (the tests above can fail)', () => {
      const ctx = extract(p, { ...headers(), 'Uber-Trace-Id': VALUE });
      expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID });
      expect(keys).toHaveBeenCalledTimes(1);
    });
  });
});

describe('extract: the span context built', () => {
  // REQUIREMENTS §4 "Preserve `tracestate` and the trace flags beyond sampled (the W3C random bit):
  // when B3 extracts the same trace and span id as a span context already in the context, keep that
  // context's `traceState` and flag bits" — Jaeger's extract does the same (src/extract.ts). With no
  // tracestate there is nothing to keep but the flags: the span context has the four fields of the
  // official package's, no `traceState` key.
  test('same ids, no tracestate: flags beyond sampled kept, no traceState field added', () => {
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: 0x02,
      isRemote: true,
    });
    const sc = spanContextOf(extract(p, { 'uber-trace-id': VALUE }, before));
    expect(sc).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0x03 });
    expect(sc !== undefined && 'traceState' in sc).toBe(false);
  });
});

describe('extract: which key is the trace header', () => {
  // REQUIREMENTS §1: "try the lowercase name, then fall back to a case-insensitive scan of keys()
  // only when the lowercase lookup misses".
  test('§1 other headers beside the trace header do not replace it', () => {
    const ctx = extract(p, { 'uber-trace-id': VALUE, accept: '*/*', 'x-request-id': 'r1' });
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  test('§1 found by its lowercase name: a differently cased one later in keys() is not read', () => {
    const ctx = extract(p, { 'uber-trace-id': VALUE, 'Uber-Trace-Id': 'garbage' });
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  test('two case variants, neither lowercase: the first in keys() order is read', () => {
    const ctx = extract(p, { 'Uber-Trace-Id': VALUE, 'UBER-TRACE-ID': 'garbage' });
    expect(spanContextOf(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });
});
