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
