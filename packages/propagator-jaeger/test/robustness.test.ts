/**
 * REQUIREMENTS §1, "Every propagator": extract never throws for any carrier and returns the input
 * context unchanged when nothing valid is found; header names are looked up case-insensitively.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { baggageOf, spanContextOf, SPAN_ID, TRACE_ID } from './helpers';

const p = new JaegerPropagator();
const VALID = `${TRACE_ID}:${SPAN_ID}:0:1`;

describe('§1 Extract never throws, for any carrier', () => {
  const throwing: TextMapGetter = {
    get: () => {
      throw new Error('get');
    },
    keys: () => {
      throw new Error('keys');
    },
  };
  const badKeys: TextMapGetter = { get: () => undefined, keys: () => 'not-an-array' as never };
  const oneMb = 'a'.repeat(1024 * 1024);
  test.each<[string, unknown, TextMapGetter]>([
    ['undefined', undefined, defaultTextMapGetter],
    ['null', null, defaultTextMapGetter],
    ['a string carrier', 'uber-trace-id', defaultTextMapGetter],
    ['a number carrier', 42, defaultTextMapGetter],
    ['an array carrier', [VALID], defaultTextMapGetter],
    [
      'non-string values',
      { 'uber-trace-id': 42, 'uberctx-a': {}, 'jaeger-baggage': true },
      defaultTextMapGetter,
    ],
    ['an empty array value', { 'uber-trace-id': [] }, defaultTextMapGetter],
    [
      'a 1 MB string',
      { 'uber-trace-id': oneMb, 'uberctx-a': oneMb, 'jaeger-baggage': oneMb },
      defaultTextMapGetter,
    ],
    [
      'lone UTF-16 surrogates',
      { 'uber-trace-id': '\uD800:\uDC00:0:1', 'uberctx-\uD800': 'v', 'jaeger-baggage': '\uD800=v' },
      defaultTextMapGetter,
    ],
    ['a getter that throws', { 'uber-trace-id': VALID }, throwing],
    ['a getter whose keys() is not an array', { 'uber-trace-id': 'x' }, badKeys],
    [
      'a Buffer of garbage',
      { 'uber-trace-id': Buffer.from([0xff, 0x00, 0x3a]) },
      defaultTextMapGetter,
    ],
  ])('%s → the input context itself', (_name, carrier, getter) => {
    expect(p.extract(ROOT_CONTEXT, carrier, getter)).toBe(ROOT_CONTEXT);
  });

  test('a lone surrogate in a baggage value is kept as a string, not thrown', () => {
    const ctx = p.extract(ROOT_CONTEXT, { 'uberctx-a': 'x\uD800' }, defaultTextMapGetter);
    expect(baggageOf(ctx)).toEqual({ a: 'x\uD800' });
  });

  test('keys() that throws: the trace header is still read directly', () => {
    const getter: TextMapGetter<Record<string, string>> = {
      get: (c, k) => c[k],
      keys: () => {
        throw new Error('no keys');
      },
    };
    expect(
      spanContextOf(p.extract(ROOT_CONTEXT, { 'uber-trace-id': VALID }, getter))?.traceId,
    ).toBe(TRACE_ID);
  });
});

describe('§1 Header names are looked up case-insensitively', () => {
  test.each([['Uber-Trace-Id'], ['UBER-TRACE-ID'], ['uber-trace-id']])('%s', (name) => {
    const ctx = p.extract(ROOT_CONTEXT, { [name]: VALID }, defaultTextMapGetter);
    expect(spanContextOf(ctx)?.spanId).toBe(SPAN_ID);
  });

  test('the lowercase name wins over a differently-cased duplicate', () => {
    const ctx = p.extract(
      ROOT_CONTEXT,
      { 'Uber-Trace-Id': `${TRACE_ID}:1111111111111111:0:1`, 'uber-trace-id': VALID },
      defaultTextMapGetter,
    );
    expect(spanContextOf(ctx)?.spanId).toBe(SPAN_ID);
  });

  test('a Buffer value (Kafka headers) is read as latin1', () => {
    const ctx = p.extract(
      ROOT_CONTEXT,
      { 'uber-trace-id': Buffer.from(VALID) },
      defaultTextMapGetter,
    );
    expect(spanContextOf(ctx)?.traceId).toBe(TRACE_ID);
  });

  test('an array value: the first is used (§1 "use the first value")', () => {
    const ctx = p.extract(
      ROOT_CONTEXT,
      { 'uber-trace-id': [VALID, 'garbage'] },
      defaultTextMapGetter,
    );
    expect(spanContextOf(ctx)?.traceId).toBe(TRACE_ID);
  });
});

describe('§1 Inject never throws', () => {
  test('a setter that throws', () => {
    const ctx = p.extract(
      ROOT_CONTEXT,
      { 'uber-trace-id': VALID, 'uberctx-a': '1' },
      defaultTextMapGetter,
    );
    const setter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => p.inject(ctx, {}, setter)).not.toThrow();
  });
});
