/**
 * `ot-baggage-*` ↔ Baggage. Issue 19: "ot-baggage-{key} ↔ baggage, with the same caps and key rules
 * as Jaeger's uberctx- (64 entries, 8192 bytes, one pass over keys())"; REQUIREMENTS §3 Decision
 * (merge into the context's baggage) and §1.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { baggageOf, extract, inject, otHeaders, withBaggage, withSpan } from './helpers';

const p = new OTTracePropagator();

describe('extract ot-baggage-*', () => {
  test.each<[string, Record<string, unknown>, Record<string, string> | undefined]>([
    ['§12 ot-baggage-{key} → Baggage', { 'ot-baggage-user': 'alice' }, { user: 'alice' }],
    [
      'decision: values are kept as they arrived (no percent-decoding, as every OT tracer)',
      { 'ot-baggage-path': '%2Fa+b' },
      { path: '%2Fa+b' },
    ],
    ['an empty value is kept', { 'ot-baggage-e': '' }, { e: '' }],
    ['§1 arrays: the first value', { 'ot-baggage-a': ['1', '2'] }, { a: '1' }],
    ['§1 Buffers read as latin1', { 'ot-baggage-a': Buffer.from('xyz') }, { a: 'xyz' }],
    ['§1 a non-string value is ignored', { 'ot-baggage-a': 42 }, undefined],
    ['the prefix alone is no item', { 'ot-baggage-': 'v' }, undefined],
    [
      '§5 key rules: the key as sent (marked caseless: the transport may have lowercased it)',
      { 'OT-Baggage-User-Id': '7' },
      { 'User-Id': '7' },
    ],
    [
      '§5 key rules: the first item for a key wins',
      { 'ot-baggage-a': '1', 'OT-BAGGAGE-a': '2' },
      { a: '1' },
    ],
    [
      '§5 key rules: a key that is not a header token is skipped',
      { 'ot-baggage-a b': '1', 'ot-baggage-ok': '2' },
      { ok: '2' },
    ],
    ['several items', { 'ot-baggage-a': '1', 'ot-baggage-b': '2', other: 'x' }, { a: '1', b: '2' }],
  ])('%s', (_rule, extra, expected) => {
    expect(baggageOf(extract(p, otHeaders(extra)))).toEqual(expected);
  });

  test('§7 "baggage (keys in any case)": an item whose key lost its case in the header name (Node lowercases it) is not added beside the same key with its case already in the context', () => {
    // `User-Id` came in W3C baggage (keys keep their case); the same item as `ot-baggage-user-id`,
    // lowercased by the transport, is that key again, not a second one.
    const before = withBaggage({ 'User-Id': '7' });
    const ctx = extract(p, otHeaders({ 'ot-baggage-user-id': '7', 'ot-baggage-new': 'n' }), before);
    expect(baggageOf(ctx)).toEqual({ 'User-Id': '7', new: 'n' });
  });

  test('§5 caps: at most 64 entries', () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 100; i++) extra[`ot-baggage-k${i}`] = 'v';
    const bag = baggageOf(extract(p, otHeaders(extra))) ?? {};
    expect(Object.keys(bag)).toHaveLength(64);
    expect(bag.k0).toBe('v');
    expect(bag.k64).toBeUndefined();
  });

  test('§5 caps: at most 8192 bytes (key + value); an item over the budget is dropped whole', () => {
    const big = 'x'.repeat(4000);
    const bag =
      baggageOf(
        extract(
          p,
          otHeaders({
            'ot-baggage-a': big,
            'ot-baggage-b': big,
            'ot-baggage-c': big,
            'ot-baggage-d': 'small',
          }),
        ),
      ) ?? {};
    // a (4001) + b (4001) = 8002; c (4001) would pass 8192: dropped whole; d (6) fits.
    expect(Object.keys(bag)).toEqual(['a', 'b', 'd']);
  });

  test('§5 one pass over keys(): the getter is asked for keys() once', () => {
    let calls = 0;
    const getter: TextMapGetter<Record<string, string>> = {
      get: (c, k) => c[k],
      keys: (c) => {
        calls++;
        return Object.keys(c);
      },
    };
    const carrier: Record<string, string> = otHeaders({ 'ot-baggage-a': '1' }) as Record<
      string,
      string
    >;
    for (let i = 0; i < 50; i++) carrier[`x-other-${i}`] = 'v';
    expect(baggageOf(p.extract(ROOT_CONTEXT, carrier, getter))).toEqual({ a: '1' });
    expect(calls).toBe(1);
  });

  test('§3 Decision: merged into the baggage already in the context, the header wins per key', () => {
    const before = withBaggage({ keep: 'yes', a: 'old' });
    expect(
      baggageOf(p.extract(before, otHeaders({ 'ot-baggage-a': 'new' }), defaultTextMapGetter)),
    ).toEqual({
      keep: 'yes',
      a: 'new',
    });
  });
});

describe('inject ot-baggage-*', () => {
  test('§12 one ot-baggage-{key} header per item, value as it is', () => {
    expect(inject(p, withBaggage({ user: 'alice', q: 'a b%2F' }, withSpan()))).toMatchObject({
      'ot-baggage-user': 'alice',
      'ot-baggage-q': 'a b%2F',
    });
  });

  test.each<[string, Record<string, string>]>([
    ['§5 key rules: a key that is not a header token is not sent', { 'a b': '1' }],
    ['§1 a value with CR/LF is dropped', { a: 'x\r\ny' }],
    ['decision: a non-ASCII value is dropped, not encoded', { a: 'José' }],
    ['§1 a lone surrogate is dropped', { a: '\uD800' }],
    ['§1 a value with surrounding spaces is not a safe header value', { a: ' x ' }],
  ])('%s', (_rule, bag) => {
    const headers = inject(p, withBaggage(bag, withSpan()));
    expect(Object.keys(headers).filter((k) => k.startsWith('ot-baggage-'))).toEqual([]);
    expect(headers['ot-tracer-spanid']).toBeDefined();
  });

  test('§5 caps on inject too: at most 64 items', () => {
    const bag: Record<string, string> = {};
    for (let i = 0; i < 70; i++) bag[`k${i}`] = 'v';
    const headers = inject(p, withBaggage(bag, withSpan()));
    expect(Object.keys(headers).filter((k) => k.startsWith('ot-baggage-'))).toHaveLength(64);
  });

  test('§1 suppressTracing: no baggage either', () => {
    expect(inject(p, suppressTracing(withBaggage({ a: '1' }, withSpan())))).toEqual({});
  });
});
