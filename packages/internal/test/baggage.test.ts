import { propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { MapBaggage, mergeBaggage } from '@baton/internal';

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
