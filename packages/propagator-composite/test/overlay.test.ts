/**
 * The overlay members extract into (src/overlay.ts): a Context whose writes are recorded, not
 * copied, and which materializes to exactly what the same writes on the real context would give.
 */
import { createContextKey, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { materialize, MAX_DEPTH, Overlay, overlay } from '../src/overlay';

const A = createContextKey('overlay test A');
const B = createContextKey('overlay test B');
const C = createContextKey('overlay test C');

test('reads see the latest write, then the base', () => {
  const base = ROOT_CONTEXT.setValue(A, 'a0').setValue(C, 'c0');
  const o = overlay(base).setValue(A, 'a1').setValue(B, 'b1').setValue(A, 'a2');
  expect(o.getValue(A)).toBe('a2');
  expect(o.getValue(B)).toBe('b1');
  expect(o.getValue(C)).toBe('c0');
  expect(o.deleteValue(C).getValue(C)).toBeUndefined();
  expect(o.deleteValue(A).setValue(A, 'a3').getValue(A)).toBe('a3');
});

test('immutable like any Context: a write returns a new context, the old one is unchanged', () => {
  const start = overlay(ROOT_CONTEXT);
  const one = start.setValue(A, 1);
  const two = one.setValue(A, 2);
  one.deleteValue(A);
  expect(start.getValue(A)).toBeUndefined();
  expect(one.getValue(A)).toBe(1);
  expect(two.getValue(A)).toBe(2);
});

test('materialize: no write, or writes that change nothing, give the base itself', () => {
  const base = ROOT_CONTEXT.setValue(A, 'a');
  expect(materialize(overlay(base))).toBe(base);
  expect(materialize(overlay(base).setValue(A, 'x').setValue(A, 'a'))).toBe(base);
  expect(materialize(overlay(base).deleteValue(B))).toBe(base);
  expect(materialize(base)).toBe(base); // not an overlay: as it is
});

test('materialize applies each key once, its latest write, through the base context', () => {
  const base = ROOT_CONTEXT.setValue(A, 'a').setValue(C, 'c');
  const real = materialize(
    overlay(base).setValue(A, 'a1').setValue(B, 'b1').deleteValue(C).setValue(A, 'a2'),
  );
  expect(real).not.toBeInstanceOf(Overlay);
  expect(real.getValue(A)).toBe('a2');
  expect(real.getValue(B)).toBe('b1');
  expect(real.getValue(C)).toBeUndefined();
  expect(base.getValue(A)).toBe('a'); // the base is untouched
});

test('materialize keeps the input context class (writes go through its own setValue)', () => {
  const writes: symbol[] = [];
  class Recording implements Context {
    constructor(private readonly inner: Context) {}
    getValue(key: symbol): unknown {
      return this.inner.getValue(key);
    }
    setValue(key: symbol, value: unknown): Context {
      writes.push(key);
      return new Recording(this.inner.setValue(key, value));
    }
    deleteValue(key: symbol): Context {
      return new Recording(this.inner.deleteValue(key));
    }
  }
  const real = materialize(overlay(new Recording(ROOT_CONTEXT)).setValue(A, 1).setValue(A, 2));
  expect(real).toBeInstanceOf(Recording);
  expect(real.getValue(A)).toBe(2);
  expect(writes).toEqual([A]);
});

test(`past ${MAX_DEPTH} writes the chain becomes a real context, with every value`, () => {
  const keys = Array.from({ length: MAX_DEPTH * 2 }, (_, i) => createContextKey(`deep ${i}`));
  let ctx: Context = overlay(ROOT_CONTEXT);
  for (let i = 0; i < keys.length; i++) ctx = ctx.setValue(keys[i], i);
  expect(ctx).not.toBeInstanceOf(Overlay);
  for (let i = 0; i < keys.length; i++) expect(ctx.getValue(keys[i])).toBe(i);
});

describe('materialize copies an API context once, however many keys changed', () => {
  /**
   * An API context whose own setValue / deleteValue record the contexts they return. Written key by
   * key, the second key would go through the first copy's setValue: a second copy, the result.
   */
  function recordingApiContext(): { base: Context; made: Context[] } {
    const base = ROOT_CONTEXT.setValue(C, 'c');
    const made: Context[] = [];
    const set = base.setValue;
    const del = base.deleteValue;
    base.setValue = (key, value) => {
      made.push(set(key, value));
      return made[made.length - 1];
    };
    base.deleteValue = (key) => {
      made.push(del(key));
      return made[made.length - 1];
    };
    return { base, made };
  }

  test('two keys written: one copy, both values, the base untouched', () => {
    const { base, made } = recordingApiContext();
    const real = materialize(overlay(base).setValue(A, 'a').setValue(B, 'b'));
    expect(made).toHaveLength(1);
    expect(real).toBe(made[0]); // fails when the second key copies the first copy
    expect(Object.getPrototypeOf(real)).toBe(Object.getPrototypeOf(ROOT_CONTEXT));
    expect([real.getValue(A), real.getValue(B), real.getValue(C)]).toEqual(['a', 'b', 'c']);
    expect([base.getValue(A), base.getValue(B), base.getValue(C)]).toEqual([
      undefined,
      undefined,
      'c',
    ]);
  });

  test('a delete among the writes: one copy, the key gone from the result only', () => {
    const { base, made } = recordingApiContext();
    const real = materialize(overlay(base).setValue(A, 'a').deleteValue(C).setValue(B, 'b'));
    expect(made).toHaveLength(1);
    expect(real).toBe(made[0]);
    expect([real.getValue(A), real.getValue(B), real.getValue(C)]).toEqual(['a', 'b', undefined]);
    expect(base.getValue(C)).toBe('c');
  });

  test('the result is a context like any other: later writes copy it, it stays as it is', () => {
    const real = materialize(overlay(ROOT_CONTEXT).setValue(A, 'a').setValue(B, 'b'));
    const next = real.setValue(A, 'a2').deleteValue(B);
    expect([real.getValue(A), real.getValue(B)]).toEqual(['a', 'b']);
    expect([next.getValue(A), next.getValue(B)]).toEqual(['a2', undefined]);
    expect(ROOT_CONTEXT.getValue(A)).toBeUndefined();
  });

  test('a setValue that returns a context of another class: every key through setValue', () => {
    // The API's setValue replaced by one that hands back a foreign context: its map is not written.
    const base = ROOT_CONTEXT.setValue(C, 'c');
    const writes: symbol[] = [];
    class Foreign implements Context {
      constructor(private readonly values: Map<symbol, unknown>) {}
      getValue(key: symbol): unknown {
        return this.values.get(key);
      }
      setValue(key: symbol, value: unknown): Context {
        writes.push(key);
        return new Foreign(new Map(this.values).set(key, value));
      }
      deleteValue(key: symbol): Context {
        const values = new Map(this.values);
        values.delete(key);
        return new Foreign(values);
      }
    }
    base.setValue = (key, value) => (
      writes.push(key),
      new Foreign(
        new Map([
          [C, 'c'],
          [key, value],
        ]),
      )
    );
    const real = materialize(overlay(base).setValue(A, 'a').setValue(B, 'b'));
    expect(real).toBeInstanceOf(Foreign);
    expect(writes).toHaveLength(2);
    expect([real.getValue(A), real.getValue(B), real.getValue(C)]).toEqual(['a', 'b', 'c']);
  });
});
