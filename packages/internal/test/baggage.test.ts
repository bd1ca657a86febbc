import { propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Baggage, BaggageEntry } from '@opentelemetry/api';
import {
  baggageEntryList,
  MapBaggage,
  mergeBaggage,
  readsApiBaggageDirectly,
} from '@baton/internal';

// REQUIREMENTS §3 Decision: "extract merges header entries into the baggage already in the context
// (header wins per key), so Jaeger `uberctx-` and W3C baggage coexist in any composite order".
describe('mergeBaggage', () => {
  test('no baggage in the context: the found entries become the baggage', () => {
    const ctx = mergeBaggage(ROOT_CONTEXT, new Map([['a', { value: '1' }]]));
    expect(propagation.getBaggage(ctx)?.getAllEntries()).toEqual([['a', { value: '1' }]]);
  });
  test('existing entries are kept, the header wins per key', () => {
    const before = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ a: { value: 'old' }, keep: { value: 'k' } }),
    );
    const ctx = mergeBaggage(before, new Map([['a', { value: 'new' }]]));
    const entries = Object.fromEntries(propagation.getBaggage(ctx)?.getAllEntries() ?? []);
    expect(entries).toEqual({ a: { value: 'new' }, keep: { value: 'k' } });
  });
});

// The merge copies the existing Baggage's entries (for Baton's and the API's Baggage, the Map behind
// it, not getAllEntries()): the copy must keep their order and leave the existing Baggage as it was.
describe.each([
  ['a MapBaggage', (r: Record<string, BaggageEntry>) => new MapBaggage(new Map(Object.entries(r)))],
  ['the API Baggage', (r: Record<string, BaggageEntry>) => propagation.createBaggage(r)],
  [
    'a Baggage of another implementation',
    (r: Record<string, BaggageEntry>): Baggage => {
      const api = propagation.createBaggage(r);
      return {
        getEntry: (k) => api.getEntry(k),
        getAllEntries: () => api.getAllEntries(),
        setEntry: (k, e) => api.setEntry(k, e),
        removeEntry: (k) => api.removeEntry(k),
        removeEntries: (...k) => api.removeEntries(...k),
        clear: () => api.clear(),
      };
    },
  ],
])('mergeBaggage over %s in the context', (_, make) => {
  const existing = make({ first: { value: '1' }, shared: { value: 'old' }, last: { value: '3' } });
  const before = propagation.setBaggage(ROOT_CONTEXT, existing);
  const found = new Map([
    ['shared', { value: 'new' }],
    ['added', { value: '4' }],
  ]);
  const merged = propagation.getBaggage(mergeBaggage(before, found))!;

  test('existing keys in their order, then the new ones; the header wins per key', () => {
    expect(merged.getAllEntries()).toEqual([
      ['first', { value: '1' }],
      ['shared', { value: 'new' }],
      ['last', { value: '3' }],
      ['added', { value: '4' }],
    ]);
  });

  test('the Baggage already in the context is left as it was', () => {
    expect(existing.getAllEntries()).toEqual([
      ['first', { value: '1' }],
      ['shared', { value: 'old' }],
      ['last', { value: '3' }],
    ]);
  });
});

describe('MapBaggage behaves as the API Baggage', () => {
  test('immutable: changes return a new Baggage; entries are copies', () => {
    const b = new MapBaggage(new Map([['a', { value: '1' }]]));
    const c = b.setEntry('b', { value: '2' });
    expect(b.getAllEntries().map(([k]) => k)).toEqual(['a']);
    expect(c.getAllEntries().map(([k]) => k)).toEqual(['a', 'b']);
    const entry = b.getEntry('a');
    if (entry) entry.value = 'changed';
    expect(b.getEntry('a')?.value).toBe('1');
    expect(
      c
        .removeEntry('a')
        .getAllEntries()
        .map(([k]) => k),
    ).toEqual(['b']);
    expect(c.removeEntries('a', 'b').getAllEntries()).toEqual([]);
    expect(c.clear().getAllEntries()).toEqual([]);
  });
});

describe('baggageEntryList: the pairs of any Baggage, for readers', () => {
  const metadata = { toString: () => 'ttl=60' } as BaggageEntry['metadata'];
  const record = { user: { value: 'alice' }, tenant: { value: 'acme', metadata } };

  test('the API Baggage: the same pairs as getAllEntries(), in order, read without it', () => {
    const baggage = propagation.createBaggage(record);
    const spy = jest.spyOn(baggage, 'getAllEntries');
    const list = baggageEntryList(baggage);
    expect(list).toEqual(baggage.getAllEntries());
    expect(list.map(([key]) => key)).toEqual(['user', 'tenant']);
    // The shortcut was taken: only the comparison above called getAllEntries.
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('this @opentelemetry/api keeps the Map the shortcut reads (if not, it falls back)', () => {
    // If an API release drops BaggageImpl._entries, baggageEntryList still works through
    // getAllEntries(); this test says so, so the speed loss is noticed.
    expect(readsApiBaggageDirectly()).toBe(true);
  });

  test('MapBaggage: the shared pairs; getAllEntries() is fresh pairs in a fresh array', () => {
    const baggage = new MapBaggage(new Map(Object.entries(record)));
    expect(baggageEntryList(baggage)).toBe(baggageEntryList(baggage));
    const copy = baggage.getAllEntries();
    copy.pop();
    copy[0][0] = 'evil';
    copy[0][1] = { value: 'mallory' };
    // Neither the array nor its pairs were the Baggage's own: nothing it hands out changed.
    expect(baggage.getAllEntries()).toEqual(Object.entries(record));
    expect(baggageEntryList(baggage)).toEqual(Object.entries(record));
  });

  test('any other Baggage: its getAllEntries()', () => {
    const pairs: [string, BaggageEntry][] = [['k', { value: 'v' }]];
    const foreign = {
      getAllEntries: () => pairs,
      _entries: new Map([['wrong', { value: 'x' }]]), // not the API's: never read
    } as unknown as Baggage;
    expect(baggageEntryList(foreign)).toBe(pairs);
  });
});
