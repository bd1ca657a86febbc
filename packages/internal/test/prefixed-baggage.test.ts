/**
 * The baggage collector and injector shared by Jaeger (`uberctx-`) and OT Trace (`ot-baggage-`).
 *
 * REQUIREMENTS §5: "Caps: at most 64 baggage entries and 8192 bytes extracted". §3: "beyond that
 * drop whole members, never a partial one. Apply the same caps on extract before doing work."
 * Issue 20 item 1: the byte cap is "8192 bytes, key + value as sent" — the wire form, not the
 * decoded value.
 */
import type { TextMapSetter } from '@opentelemetry/api';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  BaggageCollector,
  BaggageHeaderNames,
  baggageKeyFromHeader,
  hasPrefixIgnoreCase,
  injectPrefixedBaggage,
  isCaseless,
} from '@baton/internal';

/** Jaeger-like decoding: `%41` → `A` (the decoded value is a third of the sent one). */
const decodeEscapes = (raw: string): string | undefined =>
  raw.includes('%') ? raw.replace(/%41/g, 'A') : raw;

describe('BaggageCollector: the caps count key + value as sent', () => {
  test('"8192 bytes, key + value as sent": 9 items of %41×900 keep 3, not 9', () => {
    // Each item is 2 + 2700 bytes on the wire and 2 + 900 decoded: counting decoded bytes would keep
    // all nine (9 × 902 = 8118 decoded, but 24,318 bytes sent: 3× the cap).
    const c = new BaggageCollector(decodeEscapes);
    for (let i = 1; i <= 9; i++) c.add(`k${i}`, '%41'.repeat(900));
    expect([...c.items.keys()]).toEqual(['k1', 'k2', 'k3']);
    expect(c.items.get('k1')?.value).toBe('A'.repeat(900));
  });

  test('an item that makes exactly 8192 bytes fits; one byte more does not', () => {
    const exact = new BaggageCollector();
    exact.add('a', 'x'.repeat(BAGGAGE_MAX_BYTES - 1));
    expect(exact.items.size).toBe(1);
    expect(exact.remainingBytes).toBe(0);
    expect(exact.full).toBe(true);
    exact.add('b', '');
    expect(exact.items.size).toBe(1);

    const over = new BaggageCollector();
    over.add('a', 'x'.repeat(BAGGAGE_MAX_BYTES));
    expect(over.items.size).toBe(0);
    expect(over.remainingBytes).toBe(BAGGAGE_MAX_BYTES);
    expect(over.full).toBe(false);
  });

  test('"drop whole members, never a partial one": the item over the budget is dropped whole', () => {
    const c = new BaggageCollector();
    c.add('a', 'x'.repeat(8000));
    c.add('b', 'y'.repeat(500)); // 8000 + 1 + 500 + 1 > 8192: dropped, not cut
    c.add('c', 'z'.repeat(10)); // still fits
    expect([...c.items].map(([k, e]) => [k, e.value.length])).toEqual([
      ['a', 8000],
      ['c', 10],
    ]);
    expect(c.remainingBytes).toBe(BAGGAGE_MAX_BYTES - 8001 - 11);
  });

  test('"at most 64 baggage entries": the 65th is dropped, and full says so at 64', () => {
    const c = new BaggageCollector();
    for (let i = 0; i < BAGGAGE_MAX_MEMBERS - 1; i++) c.add(`k${i}`, 'v');
    expect(c.full).toBe(false);
    c.add('k63', 'v');
    expect(c.items.size).toBe(BAGGAGE_MAX_MEMBERS);
    expect(c.full).toBe(true);
    c.add('k64', 'v');
    c.addToken('k65', 'v', true);
    expect(c.items.size).toBe(BAGGAGE_MAX_MEMBERS);
    expect(c.items.has('k64')).toBe(false);
    expect(c.items.has('k65')).toBe(false);
  });

  test('remainingBytes counts what was accepted', () => {
    const c = new BaggageCollector();
    expect(c.remainingBytes).toBe(BAGGAGE_MAX_BYTES);
    c.add('ab', 'cde');
    expect(c.remainingBytes).toBe(BAGGAGE_MAX_BYTES - 5);
    c.add('ab', 'again'); // a repeated key is not counted
    expect(c.remainingBytes).toBe(BAGGAGE_MAX_BYTES - 5);
  });

  test('the first item seen for a key wins', () => {
    const c = new BaggageCollector();
    c.add('k', 'first');
    c.add('k', 'second');
    expect(c.items.get('k')?.value).toBe('first');
  });

  test('a key that is not an RFC 9110 token is skipped', () => {
    const c = new BaggageCollector();
    c.add('a b', 'v');
    c.add('é', 'v');
    c.add('', 'v');
    c.add("ok!#$%&'*+.^_`|~", 'v');
    expect([...c.items.keys()]).toEqual(["ok!#$%&'*+.^_`|~"]);
  });

  test('values: decoded by the decoder; kept raw without one, or when it cannot decode', () => {
    const raw = new BaggageCollector();
    raw.add('k', '%41');
    expect(raw.items.get('k')?.value).toBe('%41');

    const decoded = new BaggageCollector(decodeEscapes);
    decoded.add('k', '%41');
    expect(decoded.items.get('k')?.value).toBe('A');

    // JAEGER (REQUIREMENTS §5): "undecodable value kept raw".
    const undecodable = new BaggageCollector(() => undefined);
    undecodable.add('k', '%zz');
    expect(undecodable.items.get('k')?.value).toBe('%zz');
  });

  test('add() is for keys read from a header value: they keep their case', () => {
    const c = new BaggageCollector();
    c.add('User', 'v');
    expect(isCaseless(c.items.get('User'))).toBe(false);
  });

  test('a key from a header name is caseless; a key from a header value keeps its case', () => {
    const c = new BaggageCollector();
    c.addToken('FromName', 'v', true);
    c.addToken('FromValue', 'v', false);
    expect(isCaseless(c.items.get('FromName'))).toBe(true);
    expect(isCaseless(c.items.get('FromValue'))).toBe(false);
    expect(c.items.get('FromValue')).toEqual({ value: 'v' });
  });
});

describe('hasPrefixIgnoreCase: `{prefix}{key}` with a key of at least one char', () => {
  test.each([
    ['uberctx-a', true],
    ['Uberctx-A', true],
    ['UBERCTX-user', true],
    ['uberctx-', false], // no key
    ['uberct', false],
    ['xberctx-a', false],
    ['uberctx_a', false],
    ['xuberctx-', false], // ends with the prefix, does not start with it
  ])('hasPrefixIgnoreCase(%j, "uberctx-") = %s', (key, expected) => {
    expect(hasPrefixIgnoreCase(key, 'uberctx-')).toBe(expected);
  });
  // Only A–Z fold: "@" and "[" are 0x20 below "`" and "{".
  test.each([
    ['Zz', 'z', true],
    ['Az', 'a', true],
    ['@z', '`', false],
    ['[z', '{', false],
  ])('ASCII edges: hasPrefixIgnoreCase(%j, %j) = %s', (key, prefix, expected) => {
    expect(hasPrefixIgnoreCase(key, prefix)).toBe(expected);
  });
});

describe('baggageKeyFromHeader: the rest of the header name, as sent, when it is a token', () => {
  test('the key keeps its case', () => {
    expect(baggageKeyFromHeader('uberctx-User-Id', 8)).toBe('User-Id');
  });
  test('only the chars from `start` are the key, and all of them are checked', () => {
    expect(baggageKeyFromHeader('a b:key', 4)).toBe('key');
    expect(baggageKeyFromHeader('uberctx-a b', 8)).toBeUndefined();
    expect(baggageKeyFromHeader('uberctx-ab ', 8)).toBeUndefined();
    expect(baggageKeyFromHeader('uberctx-é', 8)).toBeUndefined();
  });
});

describe('BaggageHeaderNames: the header a baggage key is written under', () => {
  test('`{prefix}{key}` for a token key, as the key is spelled', () => {
    const names = new BaggageHeaderNames('uberctx-');
    expect(names.get('User')).toBe('uberctx-User');
    expect(names.get('User')).toBe('uberctx-User'); // from the table
  });
  test('"Inject `uberctx-{key}` only for keys that are valid header tokens": others → ""', () => {
    const names = new BaggageHeaderNames('uberctx-');
    expect(names.get('a b')).toBe('');
    expect(names.get('')).toBe('');
    expect(names.get('a b')).toBe(''); // from the table
  });
  test('a key that would write the reserved header is refused, in any case', () => {
    const names = new BaggageHeaderNames('jaeger-', 'jaeger-baggage');
    expect(names.get('baggage')).toBe('');
    expect(names.get('Baggage')).toBe('');
    expect(names.get('baggage2')).toBe('jaeger-baggage2');
    expect(names.get('baggag')).toBe('jaeger-baggag');
    expect(names.get('baggagf')).toBe('jaeger-baggagf'); // as long as the reserved name, not it
  });
  test('the table is bounded: 256 keys of at most 64 chars; later keys are still answered', () => {
    const names = new BaggageHeaderNames('p-');
    const table = (names as unknown as { names: Map<string, string> }).names;
    names.get('k'.repeat(64));
    names.get('k'.repeat(65));
    expect([...table.keys()]).toEqual(['k'.repeat(64)]);
    for (let i = 0; i < 300; i++) expect(names.get(`key${i}`)).toBe(`p-key${i}`);
    expect(table.size).toBe(256);
    expect(table.has('key254')).toBe(true);
    expect(table.has('key255')).toBe(false);
  });
});

describe('injectPrefixedBaggage: one header per entry, under the extract caps', () => {
  const setter: TextMapSetter<Record<string, string>> = {
    set: (c, k, v) => {
      c[k] = v;
    },
  };
  const inject = (
    entries: ReadonlyArray<readonly [string, { value: string }]>,
    encode: (v: string) => string | undefined = (v) => v,
  ): Record<string, string> => {
    const carrier: Record<string, string> = {};
    injectPrefixedBaggage(entries, carrier, setter, new BaggageHeaderNames('uberctx-'), encode);
    return carrier;
  };

  test('each entry as `{prefix}{key}: {encoded value}`', () => {
    expect(inject([['k', { value: 'a b' }]], (v) => v.replace(' ', '%20'))).toEqual({
      'uberctx-k': 'a%20b',
    });
  });

  test('keys that are not tokens and values the encoder refuses are dropped; the rest are sent', () => {
    const out = inject(
      [
        ['a b', { value: '1' }],
        ['refused', { value: 'x' }],
        ['ok', { value: '2' }],
      ],
      (v) => (v === 'x' ? undefined : v),
    );
    expect(out).toEqual({ 'uberctx-ok': '2' });
  });

  test('"at most 64 baggage entries": 70 entries write 64 headers', () => {
    const entries = Array.from({ length: 70 }, (_, i) => [`k${i}`, { value: 'v' }] as const);
    const out = inject(entries);
    expect(Object.keys(out)).toHaveLength(BAGGAGE_MAX_MEMBERS);
    expect(out['uberctx-k63']).toBe('v');
    expect(out['uberctx-k64']).toBeUndefined();
  });

  test('refused entries do not count against the 64', () => {
    const entries = [
      ...Array.from({ length: 10 }, (_, i) => [`bad key${i}`, { value: 'v' }] as const),
      ...Array.from({ length: 64 }, (_, i) => [`k${i}`, { value: 'v' }] as const),
    ];
    expect(Object.keys(inject(entries))).toHaveLength(64);
  });

  test('"8192 bytes, key + value as sent": the encoded value counts; an item over is dropped whole', () => {
    const twice = (v: string) => v + v;
    const out = inject(
      [
        ['a', { value: 'x'.repeat(4000) }], // 1 + 8000
        ['b', { value: 'y'.repeat(100) }], // 1 + 200: over, dropped whole
        ['c', { value: 'z'.repeat(95) }], // 1 + 190 = 8192 in all: fits exactly
        ['d', { value: '' }], // 1 + 0: over
      ],
      twice,
    );
    expect(Object.keys(out)).toEqual(['uberctx-a', 'uberctx-c']);
    expect(out['uberctx-c']).toHaveLength(190);
  });

  test('malformed entries (from a foreign Baggage) are skipped without throwing', () => {
    const entries = [
      null,
      'k=v',
      [1, { value: 'v' }],
      ['nullentry', null],
      ['numvalue', { value: 1 }],
      ['good', { value: 'v' }],
    ] as unknown as ReadonlyArray<readonly [string, { value: string }]>;
    expect(inject(entries)).toEqual({ 'uberctx-good': 'v' });
  });
});
