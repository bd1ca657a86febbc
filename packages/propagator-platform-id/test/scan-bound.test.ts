/**
 * Issue 20 item 3: the 1,024-key bound of @baton/internal's case-insensitive scan, through
 * platform-id. REQUIREMENTS §9: "at most 1,024 keys read" — counted on a keys() array of 100,000.
 */
import { ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';

it('PlatformIdPropagator reads at most 1,024 of 100,000 keys, and nothing is found past them', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `x-other-${i}`);
  keys[50_000] = 'Platform-Id';
  const counter = { read: 0 };
  const getter: TextMapGetter<unknown> = {
    get: (_c, k) => (k === 'Platform-Id' ? 'plat-1' : undefined),
    keys: () =>
      new Proxy(keys, {
        get(target, prop, receiver) {
          if (typeof prop === 'string' && /^\d+$/.test(prop)) counter.read++;
          return Reflect.get(target, prop, receiver) as unknown;
        },
      }),
  };
  expect(new PlatformIdPropagator().extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
  expect(counter.read).toBeGreaterThan(0);
  expect(counter.read).toBeLessThanOrEqual(1024);
});
