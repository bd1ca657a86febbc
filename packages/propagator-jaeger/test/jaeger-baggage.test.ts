/**
 * The `jaeger-baggage` list (issue 20), through extract, judged by an oracle written from the
 * grammar (Jaeger docs, "Propagation Format"; the Go and Java clients): items split at `,`; an item
 * is `key=value` with exactly one `=`; spaces and tabs around the key and the value are trimmed; an
 * item without a key (or whose key is not an RFC 9110 token) is skipped; the first item for a key
 * wins; each value is form-decoded on its own (undecodable: kept raw).
 *
 * REQUIREMENTS §5: "`jaeger-baggage: k1=v1, k2=v2` extracted too"; "value percent-decoded with `+`
 * read as space (form-encoding Jaeger clients), undecodable value kept raw".
 */
import fc from 'fast-check';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { baggageOf, extract } from './helpers';

const p = new JaegerPropagator();
const RULE = '§5 "`jaeger-baggage: k1=v1, k2=v2` extracted too"';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ITEM = /^[ \t]*([^=]*?)[ \t]*=[ \t]*([^=]*?)[ \t]*$/;

function decode(value: string): string {
  try {
    return decodeURIComponent(value.split('+').join(' '));
  } catch {
    return value;
  }
}

function oracle(header: string): Record<string, string> | undefined {
  const out = new Map<string, string>();
  for (const item of header.split(',')) {
    const m = ITEM.exec(item);
    if (m === null || !TOKEN.test(m[1]) || out.has(m[1])) continue;
    out.set(m[1], decode(m[2]));
  }
  return out.size === 0 ? undefined : Object.fromEntries(out);
}

const rows: Array<[string, string, Record<string, string> | undefined]> = [
  ['one item', 'k=v', { k: 'v' }],
  ['one item, empty value', 'k=', { k: '' }],
  ['a space before the key', ' k=v', { k: 'v' }],
  ['a tab before the key', '\tk=v', { k: 'v' }],
  ['a space after the key', 'k =v', { k: 'v' }],
  ['a tab after the key', 'k\t=v', { k: 'v' }],
  ['a space before the value', 'k= v', { k: 'v' }],
  ['a tab before the value', 'k=\tv', { k: 'v' }],
  ['a space after the value', 'k=v ', { k: 'v' }],
  ['a tab after the value', 'k=v\t', { k: 'v' }],
  ['spaces inside the value kept', 'k= a b ', { k: 'a b' }],
  ['a value of spaces only', 'k=  ', { k: '' }],
  ['a key of spaces only', '  =v, b=2', { b: '2' }],
  ['an empty key', '=v, b=2', { b: '2' }],
  ['no =', 'k, b=2', { b: '2' }],
  ['two =', 'k=v=w, b=2', { b: '2' }],
  ['= at the end of a second =', 'k==, b=2', { b: '2' }],
  ['three items', 'a=1,b=2,c=3', { a: '1', b: '2', c: '3' }],
  ['the first item for a key wins', 'a=1,a=2', { a: '1' }],
  ['a trailing comma', 'a=1,', { a: '1' }],
  ['a leading comma', ',a=1', { a: '1' }],
  ['only commas', ',,,', undefined],
  ['a non-token key', 'a b=1', undefined],
  ['a value with + and an escape', 'q=a+b%2Cc', { q: 'a b,c' }],
  ['an undecodable value kept raw', 'q=%zz', { q: '%zz' }],
  ['an encoded comma stays in its value', 'q=a%2Cb=c', undefined],
  ['the last item has no comma after it', 'a=1, b=2', { a: '1', b: '2' }],
];

describe('jaeger-baggage: each row against the grammar', () => {
  test.each(rows)(`%s: %j — ${RULE}`, (_what, header, expected) => {
    expect(oracle(header)).toEqual(expected); // the row agrees with the oracle
    expect(baggageOf(extract(p, { 'jaeger-baggage': header }))).toEqual(expected);
  });
});

describe('jaeger-baggage: property', () => {
  test('any short list reads as the grammar says', () => {
    const unit = fc.constantFrom(...'ab= ,\t+%2F'.split(''), 'x', 'k=v', ', ', '%C3%A9');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (header) => {
        expect(baggageOf(extract(p, { 'jaeger-baggage': header }))).toEqual(oracle(header));
      }),
      { numRuns: 10_000 },
    );
  });
});
