/**
 * The edges of the tracestate grammar and of W3CTraceState that the mutation runs (issue 20,
 * MUTATION.md) found unguarded: key and value lengths through `set`, non-ASCII chars (U+0080 is
 * the first code unit past the 128-entry char tables), a whitespace-only header, the `canonical`
 * flag of parseTraceStateList, the empty state and `unset` of the first member.
 */
import { W3CTraceState } from '../src/trace-state';
import { parseTraceStateList } from '../src/tracestate-grammar';
import { TP, forwardedState } from './helpers';

describe('W3CTraceState.set: "key = ( lcalpha / DIGIT ) 0*255( keychar )", "value = 0*255( chr ) nblk-chr"', () => {
  const cases: [rule: string, key: string, value: string, accepted: boolean][] = [
    ['key of 256 chars (1 + 255 keychar) is valid', 'k'.repeat(256), 'v', true],
    ['key of 257 chars is not', 'k'.repeat(257), 'v', false],
    ['value of 256 chars (255 chr + nblk-chr) is valid', 'k', 'v'.repeat(256), true],
    ['value of 257 chars is not', 'k', 'v'.repeat(257), false],
    ['keychar is ASCII: U+0080 after the first char', 'a\u0080', 'v', false],
    ['keychar is ASCII: "é" after the first char', 'ab\u00e9', 'v', false],
    ['a key starts with lcalpha / DIGIT: not U+0080', '\u0080a', 'v', false],
    ['keychar has no uppercase: "aB"', 'aB', 'v', false],
    ['keychar has no "=": "a=b"', 'a=b', 'v', false],
    ['keychar has no ",": "a,b"', 'a,b', 'v', false],
    ['keychar has no space: "a b"', 'a b', 'v', false],
    ['keychar "_-*/@" after the first char is valid', 'a_-*/@', 'v', true],
    ['chr is %x20-7E: U+0080 in a value', 'k', 'a\u0080', false],
    ['chr is %x20-7E: U+0080 as the whole value', 'k', '\u0080', false],
  ];
  it.each(cases)('%s', (_rule, key, value, accepted) => {
    const base = new W3CTraceState('a=1');
    const out = base.set(key, value);
    if (accepted) {
      expect(out.serialize()).toBe(`${key}=${value},a=1`);
    } else {
      expect(out).toBe(base);
      expect(out.serialize()).toBe('a=1');
    }
  });
});

describe('"any invalid member … → discard the whole tracestate": non-ASCII in a key or value', () => {
  const invalid: [rule: string, header: string][] = [
    ['U+0080 inside a key', 'foo\u0080=1,bar=2'],
    ['"é" inside a key', 'foo\u00e9=1,bar=2'],
    ['U+0080 at the start of a key', '\u0080foo=1'],
    ['U+0080 inside a value', 'foo=a\u0080b,bar=2'],
    ['U+0080 ending a value', 'bar=2,foo=a\u0080'],
  ];
  it.each(invalid)('%s', (_rule, header) => {
    expect(forwardedState({ traceparent: TP, tracestate: header })).toBeUndefined();
    expect(new W3CTraceState(header).size).toBe(0);
  });
});

describe('"Empty tracestate → not injected": a header of only OWS is the empty list', () => {
  const blank: [rule: string, header: string | string[]][] = [
    ['one space', ' '],
    ['a tab', '\t'],
    ['spaces and tabs', ' \t \t'],
    ['OWS and empty members', ' , \t,'],
    ['two blank headers', [' ', '\t']],
  ];
  it.each(blank)('%s', (_rule, header) => {
    expect(forwardedState({ traceparent: TP, tracestate: header })).toBeUndefined();
    const joined = Array.isArray(header) ? header.join(',') : header;
    expect(new W3CTraceState(joined).serialize()).toBe('');
  });
});

describe('parseTraceStateList: "canonical" — the input is already k=v,k=v and can be re-sent as is', () => {
  const cases: [rule: string, header: string, canonical: boolean][] = [
    ['the empty list', '', true],
    ['one member', 'a=1', true],
    ['members joined by ","', 'a=1,b=2,c=3', true],
    ['a value with inner spaces', 'a=x y', true],
    ['only OWS', ' ', false],
    ['a trailing empty member', 'a=1,', false],
    ['an empty member inside', 'a=1,,b=2', false],
    ['a leading empty member', ',a=1', false],
    ['leading OWS', ' a=1', false],
    ['OWS after ","', 'a=1, b=2', false],
    ['OWS before ","', 'a=1 ,b=2', false],
    ['a trailing space (OWS, not value)', 'a=1 ', false],
    ['a trailing tab', 'a=1\t', false],
    ['a duplicate key', 'a=1,a=2', false],
  ];
  it.each(cases)('%s', (_rule, header, canonical) => {
    expect(parseTraceStateList(header)?.canonical).toBe(canonical);
  });
});

describe('W3CTraceState: the empty list and "Deleting a key-value pair"', () => {
  it('a state built without a header has no members', () => {
    const empty = new W3CTraceState();
    expect([empty.size, empty.serialize(), empty.get('a')]).toEqual([0, '', undefined]);
    expect(empty.set('a', '1').serialize()).toBe('a=1');
    expect(empty.set('a', '1').size).toBe(1);
  });

  it('unset of the first member removes it', () => {
    const s = new W3CTraceState('a=1,b=2,c=3');
    const out = s.unset('a');
    expect(out).not.toBe(s);
    expect(out.serialize()).toBe('b=2,c=3');
    expect(s.serialize()).toBe('a=1,b=2,c=3');
  });

  // "TraceState … is immutable" (the @opentelemetry/api TraceState interface: "Create a new
  // TraceState which inherits from this TraceState and has the given key removed"): the state
  // unset was called on still has every member, read by key, not only through its serialized memo.
  it.each(['a', 'b', 'c'])('unset(%j) leaves the original state whole', (key) => {
    const s = new W3CTraceState('a=1,b=2,c=3');
    const out = s.unset(key);
    expect(out.size).toBe(2);
    expect(out.get(key)).toBeUndefined();
    expect([s.size, s.get('a'), s.get('b'), s.get('c')]).toEqual([3, '1', '2', '3']);
    // A state built by set (no serialized memo): the same.
    const built = new W3CTraceState().set('c', '3').set('b', '2').set('a', '1');
    built.unset(key);
    expect([built.get('a'), built.get('b'), built.get('c'), built.serialize()]).toEqual([
      '1',
      '2',
      '3',
      'a=1,b=2,c=3',
    ]);
  });

  it('unset of the only member leaves the empty list', () => {
    expect(new W3CTraceState('a=1').unset('a').serialize()).toBe('');
  });

  it('a header that is not canonical is sent in the canonical form, after any read', () => {
    const s = new W3CTraceState(' a=1 ,, b=2 ');
    expect(s.get('b')).toBe('2');
    expect(s.serialize()).toBe('a=1,b=2');
  });
});
