/**
 * beginWalkedCarrier / endWalkedCarrier: CompositePropagator lends its walk of a plain carrier's
 * keys to the one member it runs, so that member's case-insensitive fallback (REQUIREMENTS §1) for
 * the names the walk covered is not a second walk of the same keys.
 *
 * The composite lends it only when the walk saw none of those names in another case; these tests
 * show what the lent walk answers and, above all, what it must never answer: another carrier,
 * another name, or anything after it was taken back.
 */
import { defaultTextMapGetter } from '@opentelemetry/api';
import {
  beginWalkedCarrier,
  endWalkedCarrier,
  getHeader,
  headerAfterMiss,
  headersRead,
  HEADERS_READ,
} from '@baton/internal';

const getter = defaultTextMapGetter;

afterEach(() => endWalkedCarrier());

describe('headerAfterMiss with a walk lent', () => {
  // A carrier that does hold `tracestate` in another case: were the walk consulted wrongly, the
  // answer would visibly change from 'a=1' to undefined.
  const carrier = (): Record<string, string> => ({ host: 'h', TraceState: 'a=1' });

  test('without a lent walk, the fallback finds the other-case key (the baseline)', () => {
    expect(headerAfterMiss(carrier(), getter, 'tracestate')).toBe('a=1');
  });

  test('the lent names of the walked carrier are answered from the walk, without reading the keys', () => {
    // The composite promises the walk found no other-case key; this carrier breaks the promise on
    // purpose, so a result of undefined proves the answer came from the walk.
    const c = carrier();
    beginWalkedCarrier(c, ['traceparent', 'tracestate']);
    expect(headerAfterMiss(c, getter, 'tracestate')).toBeUndefined();
    expect(getHeader(c, getter, 'tracestate')).toBeUndefined();
  });

  test('another carrier object walks as before', () => {
    beginWalkedCarrier(carrier(), ['tracestate']);
    expect(headerAfterMiss(carrier(), getter, 'tracestate')).toBe('a=1');
  });

  test('a name the walk did not cover walks as before', () => {
    const c = { host: 'h', BaGgage: 'k=v' };
    beginWalkedCarrier(c, ['traceparent', 'tracestate']);
    expect(headerAfterMiss(c, getter, 'baggage')).toBe('k=v');
  });

  test('after endWalkedCarrier the same carrier walks again', () => {
    const c = carrier();
    beginWalkedCarrier(c, ['tracestate']);
    endWalkedCarrier();
    expect(headerAfterMiss(c, getter, 'tracestate')).toBe('a=1');
  });

  test('a direct hit by the lowercase name is never affected (getHeader reads it first)', () => {
    const c = { tracestate: 'b=2' };
    beginWalkedCarrier(c, ['tracestate']);
    expect(getHeader(c, getter, 'tracestate')).toBe('b=2');
  });
});

describe('HeadersRead.dependentNames', () => {
  test('an array is accepted and kept', () => {
    const p = { [HEADERS_READ]: { names: ['a'], prefixes: [], dependentNames: ['b'] } };
    expect(headersRead(p)).toEqual({ names: ['a'], prefixes: [], dependentNames: ['b'] });
  });

  test('anything else makes the whole declaration invalid (the member then always runs)', () => {
    const p = { [HEADERS_READ]: { names: ['a'], prefixes: [], dependentNames: 'b' } };
    expect(headersRead(p)).toBeUndefined();
  });
});
