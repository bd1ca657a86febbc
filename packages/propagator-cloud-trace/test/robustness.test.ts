/**
 * REQUIREMENTS §1, "Every propagator": extract never throws for any carrier and returns the input
 * context unchanged when nothing valid is found.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';
import { spanContextOf, SPAN_DEC, SPAN_ID, TRACE_ID } from './helpers';

const VALID = `${TRACE_ID}/${SPAN_DEC};o=1`;
const throwing: TextMapGetter = {
  get: () => {
    throw new Error('get');
  },
  keys: () => {
    throw new Error('keys');
  },
};
const oneMb = '1'.repeat(1024 * 1024);

describe.each([
  ['CloudTracePropagator', new CloudTracePropagator()],
  ['CloudTraceOneWayPropagator', new CloudTraceOneWayPropagator()],
])('%s', (_name, p) => {
  test.each<[string, unknown, TextMapGetter]>([
    ['undefined', undefined, defaultTextMapGetter],
    ['null', null, defaultTextMapGetter],
    ['a string carrier', VALID, defaultTextMapGetter],
    ['an array carrier', [VALID], defaultTextMapGetter],
    ['an empty array value', { 'x-cloud-trace-context': [] }, defaultTextMapGetter],
    ['a 1 MB value', { 'x-cloud-trace-context': `${TRACE_ID}/${oneMb}` }, defaultTextMapGetter],
    [
      'lone surrogates',
      { 'x-cloud-trace-context': `${TRACE_ID}/\uD800;o=1` },
      defaultTextMapGetter,
    ],
    ['a getter that throws', { 'x-cloud-trace-context': VALID }, throwing],
    [
      'a Buffer of garbage',
      { 'x-cloud-trace-context': Buffer.from([0xff, 0x2f]) },
      defaultTextMapGetter,
    ],
  ])('%s → the input context itself', (_n, carrier, getter) => {
    expect(p.extract(ROOT_CONTEXT, carrier, getter)).toBe(ROOT_CONTEXT);
  });

  // extract has no `try` around the whole (it cost a quarter of an absent lookup): each step that
  // can meet a throw catches its own. These are the throws no getter test reaches.
  test('a Proxy carrier whose ownKeys trap throws → the input context itself', () => {
    const carrier = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('ownKeys');
        },
      },
    );
    expect(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
  });

  test('a Proxy carrier whose every trap throws → the input context itself', () => {
    const boom = (): never => {
      throw new Error('trap');
    };
    const carrier = new Proxy(
      {},
      { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom },
    );
    expect(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
  });

  test('a header value whose array element is a throwing getter → the input context', () => {
    const value: unknown[] = [];
    Object.defineProperty(value, 0, {
      get: () => {
        throw new Error('element');
      },
    });
    Object.defineProperty(value, 'length', { value: 1 });
    const carrier = { 'x-cloud-trace-context': value };
    expect(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
  });

  test('a context whose getValue and setValue throw, with a valid header → that context', () => {
    const hostile = {
      getValue: () => {
        throw new Error('getValue');
      },
      setValue: () => {
        throw new Error('setValue');
      },
      deleteValue: () => {
        throw new Error('deleteValue');
      },
    };
    const carrier = { 'x-cloud-trace-context': VALID };
    expect(p.extract(hostile, carrier, defaultTextMapGetter)).toBe(hostile);
  });

  test('keys() that throws: the lowercase header is still read', () => {
    const getter: TextMapGetter<Record<string, string>> = {
      get: (c, k) => c[k],
      keys: () => {
        throw new Error('no keys');
      },
    };
    const ctx = p.extract(ROOT_CONTEXT, { 'x-cloud-trace-context': VALID }, getter);
    expect(spanContextOf(ctx)?.spanId).toBe(SPAN_ID);
  });
});
