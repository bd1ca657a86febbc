/**
 * Baggage: `uberctx-*` and `jaeger-baggage` on extract, `uberctx-*` on inject. Rows quote
 * REQUIREMENTS §5 (and §1/§3 where they apply).
 */
import {
  baggageEntryMetadataFromString,
  defaultTextMapGetter,
  propagation,
  ROOT_CONTEXT,
  type TextMapGetter,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import {
  baggageOf,
  extract,
  inject,
  spanContextOf,
  withBaggage,
  withSpan,
  SPAN_ID,
  TRACE_ID,
} from './helpers';

const p = new JaegerPropagator();

describe('extract uberctx-*', () => {
  test.each<[string, Record<string, unknown>, Record<string, string> | undefined]>([
    ['§5 uberctx-{key} → Baggage', { 'uberctx-user': 'alice' }, { user: 'alice' }],
    ['§5 value percent-decoded', { 'uberctx-path': '%2Fa%2Fb%20c' }, { path: '/a/b c' }],
    [
      '§5 with + read as space (form-encoding Jaeger clients)',
      { 'uberctx-q': 'hello+world' },
      { q: 'hello world' },
    ],
    ['§5 percent-decoded UTF-8', { 'uberctx-name': 'Jos%C3%A9' }, { name: 'José' }],
    ['§5 undecodable value kept raw', { 'uberctx-bad': '100%' }, { bad: '100%' }],
    [
      '§5 undecodable value kept raw (invalid UTF-8)',
      { 'uberctx-bad': '%C3%28' },
      { bad: '%C3%28' },
    ],
    ['§5 empty value kept', { 'uberctx-e': '' }, { e: '' }],
    ['§1 arrays: the first value', { 'uberctx-a': ['1', '2'] }, { a: '1' }],
    ['§1 Buffers read as latin1', { 'uberctx-a': Buffer.from('xyz') }, { a: 'xyz' }],
    ['§1 non-string value ignored', { 'uberctx-a': 42 }, undefined],
    ['the prefix alone is no item', { 'uberctx-': 'v' }, undefined],
    ['the prefix without dash is no item', { uberctx: 'v' }, undefined],
    ['several items', { 'uberctx-a': '1', 'uberctx-b': '2', other: 'x' }, { a: '1', b: '2' }],
    [
      '§1 case-insensitive header names (Kafka/AMQP keep case); the key as sent, as the official package',
      { 'Uberctx-User-Id': '7' },
      { 'User-Id': '7' },
    ],
    [
      'keys that differ in case are different keys on a case-keeping carrier',
      { 'uberctx-a': '1', 'UBERCTX-A': '2' },
      { a: '1', A: '2' },
    ],
  ])('%s', (_rule, carrier, expected) => {
    expect(baggageOf(extract(p, carrier))).toEqual(expected);
  });

  test('§1 nothing found → the input context itself', () => {
    expect(extract(p, { 'uberctx-a': 42, other: 'x' })).toBe(ROOT_CONTEXT);
  });

  test('custom prefix (customBaggageHeaderPrefix)', () => {
    const custom = new JaegerPropagator({ customBaggageHeaderPrefix: 'ot-baggage' });
    expect(baggageOf(extract(custom, { 'ot-baggage-k': 'v', 'uberctx-x': 'y' }))).toEqual({
      k: 'v',
    });
  });
});

describe('extract jaeger-baggage', () => {
  test.each<[string, string | string[], Record<string, string> | undefined]>([
    ['§5 jaeger-baggage: k1=v1, k2=v2 extracted too', 'k1=v1, k2=v2', { k1: 'v1', k2: 'v2' }],
    [
      'spaces and tabs around keys and values trimmed',
      ' k1 = v1 ,\tk2=\tv2\t',
      { k1: 'v1', k2: 'v2' },
    ],
    ['values percent-decoded with + as space', 'q=a+b%2Cc', { q: 'a b,c' }],
    ['undecodable value kept raw', 'a=%zz', { a: '%zz' }],
    ['an item without = is skipped', 'a, b=2', { b: '2' }],
    ['an item with two = is skipped (as the Jaeger clients)', 'a=1=2, b=2', { b: '2' }],
    ['an item without key is skipped', '=1, b=2', { b: '2' }],
    ['empty items skipped', ',,b=2,,', { b: '2' }],
    ['a key that is not a token is skipped', 'a b=1, c=2', { c: '2' }],
    ['several headers are one list (RFC 9110 §5.3)', ['a=1', 'b=2'], { a: '1', b: '2' }],
    ['empty header', '', undefined],
  ])('%s: %j', (_rule, header, expected) => {
    expect(baggageOf(extract(p, { 'jaeger-baggage': header }))).toEqual(expected);
  });

  test('Decision: uberctx-{key} wins over jaeger-baggage for the same key', () => {
    const ctx = extract(p, { 'jaeger-baggage': 'a=fromlist, b=2', 'uberctx-a': 'fromheader' });
    expect(baggageOf(ctx)).toEqual({ a: 'fromheader', b: '2' });
  });

  test('case-insensitive header name', () => {
    expect(baggageOf(extract(p, { 'Jaeger-Baggage': 'a=1' }))).toEqual({ a: '1' });
  });
});

describe('baggage merge and caps', () => {
  test('§3 Decision: merged into the baggage already in the context, header wins per key', () => {
    const before = withBaggage({ a: 'old', keep: 'yes' });
    const ctx = extract(p, { 'uberctx-a': 'new', 'uberctx-b': '2' }, before);
    expect(baggageOf(ctx)).toEqual({ a: 'new', keep: 'yes', b: '2' });
  });

  test('existing entry metadata survives the merge', () => {
    const metadata = baggageEntryMetadataFromString('ttl=1');
    const before = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ m: { value: 'v', metadata } }),
    );
    const entry = propagation.getBaggage(extract(p, { 'uberctx-a': '1' }, before))?.getEntry('m');
    expect(entry?.value).toBe('v');
    expect(entry?.metadata?.toString()).toBe('ttl=1');
  });

  test.each([1, 10])('a key named __proto__ is an ordinary entry (%i items)', (n) => {
    const carrier: Record<string, string> = {};
    Object.defineProperty(carrier, 'uberctx-__proto__', { value: 'p', enumerable: true });
    for (let i = 1; i < n; i++) carrier[`uberctx-k${i}`] = 'v';
    const ctx = extract(p, carrier, withBaggage({ keep: 'yes' }));
    expect(propagation.getBaggage(ctx)?.getEntry('__proto__')?.value).toBe('p');
    expect(propagation.getBaggage(ctx)?.getAllEntries()).toHaveLength(n + 1);
  });

  test('trace context and baggage extracted together', () => {
    const ctx = extract(p, { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`, 'uberctx-a': '1' });
    expect(spanContextOf(ctx)?.traceId).toBe(TRACE_ID);
    expect(baggageOf(ctx)).toEqual({ a: '1' });
  });

  test('§5 Caps: at most 64 baggage entries extracted', () => {
    const carrier: Record<string, string> = {};
    for (let i = 0; i < 100; i++) carrier[`uberctx-k${i}`] = 'v';
    carrier['jaeger-baggage'] = 'x=1';
    const b = baggageOf(extract(p, carrier))!;
    expect(Object.keys(b)).toHaveLength(64);
    // Object key order: the first 64 in keys() order are the ones kept.
    expect(b.k0).toBe('v');
    expect(b.k63).toBe('v');
    expect(b.k64).toBeUndefined();
    expect(b.x).toBeUndefined();
  });

  test('§5 Caps: at most 8192 bytes extracted (key + value as sent), whole items only', () => {
    const value = 'v'.repeat(1000 - 2); // key "kN" (2 chars) + 998 = 1000 bytes per item
    const carrier: Record<string, string> = {};
    for (let i = 0; i < 9; i++) carrier[`uberctx-k${i}`] = value;
    carrier['uberctx-z'] = 'small'; // 6 bytes: still fits after 8 items (8000 + 6 ≤ 8192)
    const b = baggageOf(extract(p, carrier))!;
    expect(Object.keys(b).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'z']);
    const bytes = Object.entries(b).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(bytes).toBeLessThanOrEqual(8192);
  });

  test('§5 "8192 bytes extracted": bytes as sent, not decoded (issue 20 item 1)', () => {
    // Each item is 2 + 2700 = 2702 bytes on the wire and 2 + 900 decoded. Counted as sent, three
    // fit (8106); counted decoded, all nine would (8118) — 24,318 wire bytes, three times the cap.
    const carrier: Record<string, string> = {};
    for (let i = 0; i < 9; i++) carrier[`uberctx-k${i}`] = '%41'.repeat(900);
    const b = baggageOf(extract(p, carrier))!;
    expect(Object.keys(b).sort()).toEqual(['k0', 'k1', 'k2']);
    expect(b.k0).toBe('A'.repeat(900));
    const wireBytes = Object.keys(b).reduce(
      (n, k) => n + k.length + carrier[`uberctx-${k}`].length,
      0,
    );
    expect(wireBytes).toBeLessThanOrEqual(8192);
  });

  test('a single value over 8192 bytes is dropped before decoding', () => {
    expect(extract(p, { 'uberctx-big': '%41'.repeat(4000) })).toBe(ROOT_CONTEXT);
  });

  test('a jaeger-baggage header longer than the byte budget is ignored', () => {
    expect(extract(p, { 'jaeger-baggage': 'a=' + 'x'.repeat(9000) })).toBe(ROOT_CONTEXT);
  });

  test('§5 one pass over keys(): keys() is called once and get() once for the trace header, then only for items until the cap', () => {
    const carrier: Record<string, string> = { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1` };
    for (let i = 0; i < 1000; i++) carrier[`uberctx-k${i}`] = 'v';
    let keysCalls = 0;
    let getCalls = 0;
    const getter: TextMapGetter<Record<string, string>> = {
      keys: (c) => {
        keysCalls++;
        return Object.keys(c);
      },
      get: (c, k) => {
        getCalls++;
        return c[k];
      },
    };
    p.extract(ROOT_CONTEXT, carrier, getter);
    expect(keysCalls).toBe(1);
    // One direct lookup (the trace header), then values only until the cap is full.
    expect(getCalls).toBe(1 + 64);
  });
});

describe('inject uberctx-*', () => {
  test.each<[string, Record<string, string>, Record<string, string>]>([
    ['§5 Inject uberctx-{key}', { user: 'alice' }, { 'uberctx-user': 'alice' }],
    [
      '§5 values percent-encoded',
      { path: '/a b,c;d=é' },
      { 'uberctx-path': '%2Fa%20b%2Cc%3Bd%3D%C3%A9' },
    ],
    [
      '§5 only for keys that are valid header tokens',
      { 'a b': '1', 'a:b': '2', é: '3', '': '4', ok: '5' },
      { 'uberctx-ok': '5' },
    ],
    [
      '§1 lone surrogates in baggage: drop that entry',
      { bad: 'x\uD800', ok: 'y' },
      { 'uberctx-ok': 'y' },
    ],
    [
      '§1 no CR/LF reaches a header value',
      { crlf: 'a\r\nb: c' },
      { 'uberctx-crlf': 'a%0D%0Ab%3A%20c' },
    ],
  ])('%s', (_rule, entries, expected) => {
    expect(inject(p, withBaggage(entries))).toEqual(expected);
  });

  test('baggage is injected with or without a span context', () => {
    expect(inject(p, withBaggage({ a: '1' }, withSpan()))).toEqual({
      'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:01`,
      'uberctx-a': '1',
    });
  });

  test('§1 Honour suppressTracing: nothing injected, baggage included', () => {
    expect(inject(p, suppressTracing(withBaggage({ a: '1' }, withSpan())))).toEqual({});
  });

  test('Decision: the same caps on inject (64 items)', () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 100; i++) entries[`k${i}`] = 'v';
    expect(Object.keys(inject(p, withBaggage(entries)))).toHaveLength(64);
  });

  test('Decision: the same caps on inject (8192 bytes, whole items)', () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 9; i++) entries[`k${i}`] = 'v'.repeat(998);
    const out = inject(p, withBaggage(entries));
    expect(Object.keys(out)).toHaveLength(8);
    expect(Object.values(out).every((v) => v.length === 998)).toBe(true);
  });

  test('custom prefix', () => {
    const custom = new JaegerPropagator({ customBaggageHeaderPrefix: 'ot-baggage' });
    expect(inject(custom, withBaggage({ a: '1' }))).toEqual({ 'ot-baggage-a': '1' });
  });

  test('prefix "jaeger" never writes the jaeger-baggage header from key "baggage"', () => {
    const custom = new JaegerPropagator({ customBaggageHeaderPrefix: 'jaeger' });
    expect(inject(custom, withBaggage({ baggage: 'x', b: '1' }))).toEqual({ 'jaeger-b': '1' });
    // and on extract, jaeger-baggage is still the list header, not an item called "baggage"
    expect(
      baggageOf(custom.extract(ROOT_CONTEXT, { 'jaeger-baggage': 'k=v' }, defaultTextMapGetter)),
    ).toEqual({ k: 'v' });
  });
});

describe('inject: header names and encoding on repeated calls', () => {
  test('§5 the same keys give the same headers on every call; invalid keys stay dropped', () => {
    const fresh = new JaegerPropagator();
    const ctx = withBaggage({ user: 'alice', 'bad key': 'x', route: '/a b', Mixed: 'Ok' });
    const want = { 'uberctx-user': 'alice', 'uberctx-route': '%2Fa%20b', 'uberctx-Mixed': 'Ok' };
    for (let i = 0; i < 3; i++) expect(inject(fresh, ctx)).toEqual(want);
  });

  test('§5 keys beyond the interned names (300 distinct keys) are still injected', () => {
    const fresh = new JaegerPropagator();
    for (let i = 0; i < 300; i++) {
      expect(inject(fresh, withBaggage({ [`k${i}`]: `v ${i}`, [`bad ${i}`]: 'x' }))).toEqual({
        [`uberctx-k${i}`]: `v%20${i}`,
      });
    }
  });

  test('§5 a long key (not interned) is injected the same on every call', () => {
    const fresh = new JaegerPropagator();
    const key = 'k'.repeat(200);
    for (let i = 0; i < 3; i++)
      expect(inject(fresh, withBaggage({ [key]: 'v' }))).toEqual({ [`uberctx-${key}`]: 'v' });
  });

  test('§5 extracted Baggage behaves as the API Baggage: copies out, a new Baggage per change', () => {
    const b = propagation.getBaggage(extract(p, { 'uberctx-a': '1', 'uberctx-b': '2' }))!;
    const entry = b.getEntry('a')!;
    entry.value = 'changed';
    expect(b.getEntry('a')?.value).toBe('1');
    const c = b.setEntry('c', { value: '3' }).removeEntry('a');
    expect(baggageOf(propagation.setBaggage(ROOT_CONTEXT, c))).toEqual({ b: '2', c: '3' });
    expect(b.getAllEntries().map(([k]) => k)).toEqual(['a', 'b']);
    expect(b.removeEntries('a', 'b').getAllEntries()).toEqual([]);
    expect(b.clear().getAllEntries()).toEqual([]);
  });
});
