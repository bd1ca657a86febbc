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
