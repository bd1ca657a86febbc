/**
 * The edges of the baggage grammar that the mutation runs (issue 20, MUTATION.md) found
 * unguarded: U+0080 (the first code unit past the 128-entry char tables), a property followed by
 * something other than ";", properties ending in whitespace, and the ranges readMember and
 * isValidProperties are given (the byte budget: nothing at or past its end is read).
 */
import { propagation, ROOT_CONTEXT, baggageEntryMetadataFromString } from '@opentelemetry/api';
import { isValidProperties, readMember, type BaggageMember } from '../src/baggage-grammar';
import { bag, extractBaggage, setter } from './helpers';

type Triple = [string, string, string | undefined];

describe('extract: "baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E" (US-ASCII only)', () => {
  const cases: [rule: string, header: string, entries: Triple[]][] = [
    ['U+0080 in a value drops the member', 'a=\u0080,b=2', [['b', '2', undefined]]],
    ['U+0080 inside a value drops the member', 'a=x\u0080y,b=2', [['b', '2', undefined]]],
    ['"é" in a property value drops the member', 'a=1;p=caf\u00e9,b=2', [['b', '2', undefined]]],
    ['U+0080 in a property value drops the member', 'a=1;p=\u0080,b=2', [['b', '2', undefined]]],
    ['U+0080 in a property key drops the member', 'a=1;p\u0080,b=2', [['b', '2', undefined]]],
  ];
  it.each(cases)('%s', (_rule, header, entries) => {
    expect(extractBaggage({ baggage: header })).toEqual(entries);
  });
});

describe('extract: "value *( OWS ";" OWS property )" — after a value or property only ";" may follow', () => {
  const cases: [rule: string, header: string, entries: Triple[]][] = [
    ['a space and two more chars inside a value', 'a=x yz,b=2', [['b', '2', undefined]]],
    ['a property followed by a space and a token', 'a=1;p qq,b=2', [['b', '2', undefined]]],
    ['a property value followed by DQUOTE', 'a=1;p=x"y,b=2', [['b', '2', undefined]]],
    ['a property value followed by a space and a token', 'a=1;p=x yz,b=2', [['b', '2', undefined]]],
    [
      'the same member with ";" is kept',
      'a=1;p;qq,b=2',
      [
        ['a', '1', 'p;qq'],
        ['b', '2', undefined],
      ],
    ],
  ];
  it.each(cases)('%s', (_rule, header, entries) => {
    expect(extractBaggage({ baggage: header })).toEqual(entries);
  });
});

function injected(value: string, properties?: string): string | undefined {
  const out: Record<string, string> = {};
  const entry =
    properties === undefined
      ? { value }
      : { value, metadata: baggageEntryMetadataFromString(properties) };
  const ctx = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ k: entry }));
  bag.inject(ctx, out, setter);
  return out.baggage;
}

describe('inject: "percent-encode what is outside baggage-octet"', () => {
  const cases: [rule: string, value: string, header: string][] = [
    ['non-ASCII with no other char to encode ("café")', 'caf\u00e9', 'k=caf%C3%A9'],
    ['U+0080, the first non-ASCII code unit', '\u0080', 'k=%C2%80'],
    ['U+0080 after unreserved chars', 'ab\u0080', 'k=ab%C2%80'],
    ['unreserved chars only: sent as they are', "az-_.!~*'()", "k=az-_.!~*'()"],
  ];
  it.each(cases)('%s', (_rule, value, header) => {
    expect(injected(value)).toBe(header);
  });
});

describe('inject: properties "may end the header, and a field value cannot end in whitespace"', () => {
  const cases: [rule: string, properties: string, header: string][] = [
    ['a trailing space: properties dropped, the entry kept', 'p ', 'k=v'],
    ['a trailing tab', 'p=1\t', 'k=v'],
    ['a leading tab', '\tp', 'k=v'],
    ['inner OWS is fine', 'p = 1 ; q', 'k=v;p = 1 ; q'],
  ];
  it.each(cases)('%s', (_rule, properties, header) => {
    expect(injected('v', properties)).toBe(header);
  });
});

describe('readMember reads only s[start, limit) ("nothing beyond the budget is ever looked at")', () => {
  // Each string has, at `limit`, a char that would change the member if it were read.
  const cases: [
    rule: string,
    s: string,
    start: number,
    limit: number,
    member: BaggageMember | undefined,
    end: number,
  ][] = [
    ['OWS up to the limit, OWS past it', '  ' + ' k=1', 0, 2, undefined, 2],
    ['a key cut by the limit is not continued', 'kx=1', 0, 1, undefined, 1],
    ['a key then OWS up to the limit, "=" past it', 'k =1', 0, 2, undefined, 2],
    ['a key then OWS up to the limit, OWS and "=" past it', 'k  =1', 0, 2, undefined, 2],
    ['a key up to the limit, "=" past it', 'k=1', 0, 1, undefined, 1],
    [
      '"=" and OWS up to the limit',
      'k= ' + ' x',
      0,
      3,
      { key: 'k', value: '', properties: undefined },
      3,
    ],
    ['a value cut by the limit', 'k=vx', 0, 3, { key: 'k', value: 'v', properties: undefined }, 3],
    [
      'a value then OWS up to the limit',
      'k=v  ',
      0,
      4,
      { key: 'k', value: 'v', properties: undefined },
      4,
    ],
    [
      'a value up to the limit, ";" past it',
      'k=v;p',
      0,
      3,
      { key: 'k', value: 'v', properties: undefined },
      3,
    ],
    ['properties cut by the limit', 'k=v;px', 0, 5, { key: 'k', value: 'v', properties: 'p' }, 5],
    [
      'a member starting after `start`',
      'x,k=v',
      2,
      5,
      { key: 'k', value: 'v', properties: undefined },
      5,
    ],
    [
      'a member ends at its comma',
      'k=v,x=y',
      0,
      7,
      { key: 'k', value: 'v', properties: undefined },
      3,
    ],
  ];
  it.each(cases)('%s', (_rule, s, start, limit, member, end) => {
    const at = { end: -1 };
    expect(readMember(s, start, limit, at)).toEqual(member);
    expect(at.end).toBe(end);
  });
});

describe('isValidProperties reads only s[start, end) ("property *( OWS ";" OWS property )")', () => {
  const cases: [rule: string, s: string, start: number, end: number, valid: boolean][] = [
    ['a key cut by the end', 'p;qX', 0, 3, true],
    ['a key, OWS past the end', 'p ', 0, 1, true],
    ['a key, "=" past the end', 'p=v', 0, 1, true],
    ['"=", OWS past the end', 'p= x', 0, 2, true],
    ['a value cut by the end', 'p=vx', 0, 3, true],
    ['a value then OWS, more OWS past the end', 'p=v  ', 0, 4, true],
    ['a range inside a longer string', 'x;p=1;q', 2, 7, true],
    ['an empty range', 'p', 0, 0, false],
    ['a range that ends at ";"', 'p;q', 0, 2, false],
  ];
  it.each(cases)('%s', (_rule, s, start, end, valid) => {
    expect(isValidProperties(s, start, end)).toBe(valid);
  });
});
