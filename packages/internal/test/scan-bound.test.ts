/**
 * "The 1,024-key bound of the case-insensitive scan" (issue 20 item 3). REQUIREMENTS §9: "Baton's
 * own work per extract is linear in the input and capped (… at most 1,024 keys read)". The work is
 * measured: keys() hands out a Proxy of its array that counts the elements read.
 */
import type { TextMapGetter } from '@opentelemetry/api';
import { getHeader, MAX_SCANNED_KEYS } from '@baton/internal';

/** A getter over `keys` (100,000 names) whose keys() counts the elements the caller reads. */
export function countingGetter(keys: string[], values: Record<string, string>) {
  const counter = { read: 0, gets: 0 };
  const getter: TextMapGetter<unknown> = {
    get: (_c, k) => {
      counter.gets++;
      return values[k];
    },
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

const manyKeys = (n: number, at: number, name: string) =>
  Array.from({ length: n }, (_, i) => (i === at ? name : `x-other-${i}`));

describe('getHeader: the case-insensitive fallback reads at most MAX_SCANNED_KEYS keys', () => {
  it('MAX_SCANNED_KEYS is 1,024 (REQUIREMENTS §9)', () => {
    expect(MAX_SCANNED_KEYS).toBe(1024);
  });

  it('a miss over 100,000 keys reads at most 1,024 of them', () => {
    const { getter, counter } = countingGetter(manyKeys(100_000, -1, ''), {});
    expect(getHeader({}, getter, 'traceparent')).toBeUndefined();
    expect(counter.read).toBeGreaterThan(0);
    expect(counter.read).toBeLessThanOrEqual(1024);
  });

  it('a name in another case past the first 1,024 keys is not found (the bound, not a slower scan)', () => {
    const { getter, counter } = countingGetter(manyKeys(100_000, 50_000, 'TraceParent'), {
      TraceParent: 'found',
    });
    expect(getHeader({}, getter, 'traceparent')).toBeUndefined();
    expect(counter.read).toBeLessThanOrEqual(1024);
  });

  it('within the bound it is found', () => {
    const { getter } = countingGetter(manyKeys(100_000, 1000, 'TraceParent'), {
      TraceParent: 'found',
    });
    expect(getHeader({}, getter, 'traceparent')).toBe('found');
  });
});
