/**
 * Issue 20 item 3: "The 1,024-key bound of the case-insensitive scan in @baton/internal (used by W3C
 * trace context, baggage and platform-id)". REQUIREMENTS §9: "at most 1,024 keys read" per extract
 * lookup — measured through each propagator with a keys() array that counts the elements read.
 */
import { ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';

function countingGetter(n: number) {
  const keys = Array.from({ length: n }, (_, i) => `x-other-${i}`);
  keys[50_000] = 'TraceParent';
  keys[50_001] = 'Baggage';
  const counter = { read: 0 };
  const getter: TextMapGetter<unknown> = {
    get: () => undefined,
    keys: () =>
      new Proxy(keys, {
        get(target, prop, receiver) {
          if (typeof prop === 'string' && /^\d+$/.test(prop)) counter.read++;
          return Reflect.get(target, prop, receiver) as unknown;
        },
      }),
  };
  return { getter, counter };
}

it.each([
  ['W3CTraceContextPropagator', new W3CTraceContextPropagator()],
  ['W3CBaggagePropagator', new W3CBaggagePropagator()],
])('%s reads at most 1,024 of 100,000 keys, and nothing is found past them', (_n, p) => {
  const { getter, counter } = countingGetter(100_000);
  expect(p.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  expect(counter.read).toBeGreaterThan(0);
  expect(counter.read).toBeLessThanOrEqual(1024);
});
