/**
 * tracestate conformance (REQUIREMENTS §2, W3C-TC Level 2 §tracestate Header) and the TraceState
 * object the propagator puts in the SpanContext.
 */
import { ROOT_CONTEXT, createTraceState, trace } from '@opentelemetry/api';
import { TraceState as CoreTraceState } from '@opentelemetry/core';
import { W3CTraceState } from '../src/trace-state';
import { TP, extractSpan, forwardedState, getter, setter, spanCtx, tc } from './helpers';

const VALUE_CHARS = range(0x20, 0x2b) + range(0x2d, 0x3c) + range(0x3e, 0x7e); // the suite's "all allowed characters"
function range(a: number, b: number): string {
  let s = '';
  for (let c = a; c <= b; c++) s += String.fromCharCode(c);
  return s;
}
const KEY_CHARS = range(0x61, 0x7a) + '0123456789_-*/';
const members = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `bar${String(i + from).padStart(2, '0')}=${i + from}`).join(
    ',',
  );

describe('tracestate accepted (forwarded as the canonical list)', () => {
  const valid: [rule: string, header: string | string[], sent: string][] = [
    ['key = lcalpha ... : plain key', 'foo=1', 'foo=1'],
    [
      '"multiple headers joined in order"',
      ['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'],
      'foo=1,bar=2,rojo=1,congo=2,baz=3',
    ],
    ['"the current grammar: foo@ ... valid"', 'foo@=1,bar=2', 'foo@=1,bar=2'],
    ['"1foo" is valid (a key may start with a DIGIT)', '1foo=1', '1foo=1'],
    [
      '"@" anywhere after the first char (a@b@c)',
      'foo@bar@baz=1,foo@@bar=2',
      'foo@bar@baz=1,foo@@bar=2',
    ],
    [
      'tenant@vendor keys of any split (Level 1 limits of 241/14 no longer apply)',
      `${'t'.repeat(242)}@v=1,t@${'v'.repeat(15)}=2`,
      `${'t'.repeat(242)}@v=1,t@${'v'.repeat(15)}=2`,
    ],
    ['every keychar', `${KEY_CHARS}@${KEY_CHARS}=1`, `${KEY_CHARS}@${KEY_CHARS}=1`],
    ['key of 256 chars', `foo=1,${'z'.repeat(256)}=1`, `foo=1,${'z'.repeat(256)}=1`],
    [
      'value: every chr %x20-2B / %x2D-3C / %x3E-7E (not ending in space)',
      `foo=${VALUE_CHARS}`,
      `foo=${VALUE_CHARS}`,
    ],
    ['value of 256 chars', `foo=${'v'.repeat(256)}`, `foo=${'v'.repeat(256)}`],
    ['value with inner spaces', 'foo=a b', 'foo=a b'],
    ['OWS around "," (spaces and tabs)', 'foo=1 \t , \t bar=2, \t baz=3', 'foo=1,bar=2,baz=3'],
    ['OWS (tabs first)', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3', 'foo=1,bar=2,baz=3'],
    ['leading OWS', ' foo=1', 'foo=1'],
    ['leading tab', '\tfoo=1', 'foo=1'],
    ['trailing space is OWS, not part of the value', 'foo=1 ', 'foo=1'],
    ['trailing tab', 'foo=1\t', 'foo=1'],
    ['both', '\t foo=1 \t', 'foo=1'],
    ['empty list-members are allowed and ignored', 'foo=1,,bar=2,', 'foo=1,bar=2'],
    ['an empty header next to a full one', ['foo=1', ''], 'foo=1'],
    ['an empty header first', ['', 'foo=1'], 'foo=1'],
    ['as Node joins an empty and a full header', ', foo=1', 'foo=1'],
    [
      '"at most 32 members": 32 across several headers',
      [members(10), members(10, 11), members(10, 21), members(2, 31)],
      members(32),
    ],
    ['32 members plus empty ones (empty members do not count)', members(32) + ',,,', members(32)],
  ];
  it.each(valid)('%s', (_rule, header, sent) => {
    expect(forwardedState({ traceparent: TP, tracestate: header })).toBe(sent);
  });
});

describe('"a duplicate key keeps its first occurrence and drops the later ones" (REQUIREMENTS §2)', () => {
  const duplicates: [rule: string, header: string | string[], sent: string][] = [
    ['duplicate key, same value (the suite: foo=1,foo=1)', 'foo=1,foo=1', 'foo=1'],
    ['duplicate key, other value: the first is kept', 'foo=1,foo=2', 'foo=1'],
    ['duplicate key across headers', ['foo=1', 'foo=2'], 'foo=1'],
    ['duplicate key across headers, same value', ['foo=1', 'foo=1'], 'foo=1'],
    ['the other members stay, in order', 'a=1,foo=1,b=2,foo=2,c=3', 'a=1,foo=1,b=2,c=3'],
  ];
  it.each(duplicates)('%s', (_rule, header, sent) => {
    expect(forwardedState({ traceparent: TP, tracestate: header })).toBe(sent);
    expect(extractSpan({ traceparent: TP, tracestate: header })?.traceState?.get('foo')).toBe('1');
  });

  it('"at most 32 members" counts the members as sent, duplicates included', () => {
    const sent33 = members(32) + ',bar01=1';
    expect(forwardedState({ traceparent: TP, tracestate: sent33 })).toBeUndefined();
    expect(forwardedState({ traceparent: TP, tracestate: members(31) + ',bar01=1' })).toBe(
      members(31),
    );
  });

  it('a foreign TraceState that serializes a duplicate is sent as extract would keep it', () => {
    const dup = { serialize: () => 'a=1,b=2,a=3' } as unknown as NonNullable<
      ReturnType<typeof createTraceState>
    >;
    const out: Record<string, string> = {};
    tc.inject(spanCtx({ traceState: dup }), out, setter);
    expect(out).toEqual({ traceparent: TP, tracestate: 'a=1,b=2' });
  });
});

describe('"any invalid member or more than 32 members → discard the whole tracestate"', () => {
  const invalid: [rule: string, header: string | string[]][] = [
    ['33 members', members(33)],
    ['33 members across headers', [members(10), members(10, 11), members(10, 21), members(3, 31)]],
    ['key with a space before "="', 'foo =1'],
    ['uppercase key', 'FOO=1'],
    ['"." in a key', 'foo.bar=1'],
    ['a key may not start with "@"', '@foo=1,bar=2'],
    ['a key may not start with "_"', '_foo=1'],
    ['key of 257 chars', ['foo=1', `${'z'.repeat(257)}=1`]],
    ['value with "="', 'foo=bar=baz'],
    ['empty value', 'foo=,bar=3'],
    ['value of 257 chars', `foo=${'v'.repeat(257)}`],
    ['value with a non-ASCII char', 'foo=caf\u00e9'],
    ['value with a control char', 'foo=a\u0001b'],
    ['member without "="', 'foo'],
    ['member that is only a key and "="', 'foo='],
    ['a tab inside a value (tab is OWS, not chr)', 'foo=1\tx,bar=2'],
    ['a member invalid, the others fine: still all discarded', 'foo=1,BAR=2,baz=3'],
    ['longer than the cap (all of it, unread)', `foo=1,${' '.repeat(20_000)}`],
  ];
  it.each(invalid)('%s', (_rule, header) => {
    const sc = extractSpan({ traceparent: TP, tracestate: header });
    expect(sc?.traceId).toBe(TP.slice(3, 35)); // the traceparent is still used
    expect(forwardedState({ traceparent: TP, tracestate: header })).toBeUndefined();
    expect(sc?.traceState?.get('foo')).toBeUndefined();
  });
});

describe('tracestate and traceparent together', () => {
  it('"tracestate: not parsed when traceparent is invalid"', () => {
    const ctx = tc.extract(ROOT_CONTEXT, { traceparent: 'ff-x', tracestate: 'foo=1' }, getter);
    expect(ctx).toBe(ROOT_CONTEXT);
  });

  it('"Empty tracestate → not injected" (empty header)', () => {
    expect(forwardedState({ traceparent: TP, tracestate: '' })).toBeUndefined();
    expect(extractSpan({ traceparent: TP, tracestate: '' })?.traceState).toBeUndefined();
  });

  it('"Empty tracestate → not injected" (a TraceState that serializes to "")', () => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx({ traceState: new W3CTraceState() }), out, setter);
    expect(out).toEqual({ traceparent: TP });
  });

  it('a tracestate header name is matched case-insensitively', () => {
    expect(forwardedState({ traceparent: TP, TrAcEsTaTe: 'foo=1' })).toBe('foo=1');
  });

  it('a wrong header name is not tracestate (trace-state, trace.state)', () => {
    expect(forwardedState({ traceparent: TP, 'trace-state': 'foo=1' })).toBeUndefined();
    expect(forwardedState({ traceparent: TP, 'trace.state': 'foo=1' })).toBeUndefined();
  });

  it('a tracestate from another implementation is sent when valid', () => {
    const out: Record<string, string> = {};
    tc.inject(spanCtx({ traceState: new CoreTraceState('a=1,b=2') }), out, setter);
    expect(out.tracestate).toBe('a=1,b=2');
  });

  it('a tracestate from another implementation is not sent when it would be an invalid header', () => {
    const bad = createTraceState('a=1').set('b', 'x');
    const evil = { ...bad, serialize: () => 'a=1\r\nx-evil: 1' } as unknown as typeof bad;
    const throws = {
      ...bad,
      serialize: () => {
        throw new Error('boom');
      },
    } as unknown as typeof bad;
    for (const traceState of [evil, throws]) {
      const out: Record<string, string> = {};
      tc.inject(spanCtx({ traceState }), out, setter);
      expect(out).toEqual({ traceparent: TP });
    }
  });
});

describe('W3CTraceState (W3C-TC §Mutating the tracestate Field)', () => {
  it('get reads members; an invalid list reads as empty', () => {
    const s = new W3CTraceState('a=1, b=2');
    expect([s.get('a'), s.get('b'), s.get('c'), s.size]).toEqual(['1', '2', undefined, 2]);
    expect(new W3CTraceState('a=1,A=2').get('a')).toBeUndefined();
  });

  it('"Adding a new key-value pair: ... added to the beginning of the list"', () => {
    expect(new W3CTraceState('a=1,b=2').set('c', '3').serialize()).toBe('c=3,a=1,b=2');
  });

  it('"Updating a key: ... moved to the beginning of the list"', () => {
    expect(new W3CTraceState('a=1,b=2').set('b', '9').serialize()).toBe('b=9,a=1');
  });

  it('"Deleting a key-value pair"', () => {
    expect(new W3CTraceState('a=1,b=2,c=3').unset('b').serialize()).toBe('a=1,c=3');
    const s = new W3CTraceState('a=1');
    expect(s.unset('zz')).toBe(s);
  });

  it('adding to a full list drops the right-most member ("at most 32 members")', () => {
    const full = new W3CTraceState(members(32));
    const s = full.set('new', 'x');
    expect(s.size).toBe(32);
    expect(s.get('new')).toBe('x');
    expect(s.get('bar32')).toBeUndefined();
  });

  it('set with an invalid key or value changes nothing (and never throws)', () => {
    const s = new W3CTraceState('a=1');
    for (const [k, v] of [
      ['A', '1'],
      ['a', ''],
      ['a', 'x,y'],
      ['a', 'x='],
      ['a', 'x '],
      ['', '1'],
      ['k', 'é'],
    ]) {
      expect(s.set(k, v)).toBe(s);
    }
  });

  it('is immutable: set/unset return a new state', () => {
    const s = new W3CTraceState('a=1');
    s.set('b', '2');
    s.unset('a');
    expect(s.serialize()).toBe('a=1');
  });

  it('the SDK keeps it on child spans and the propagator sends it again', () => {
    const ctx = tc.extract(
      ROOT_CONTEXT,
      { traceparent: TP, tracestate: 'rojo=00f067aa0ba902b7' },
      getter,
    );
    const parent = trace.getSpanContext(ctx)!;
    const child = trace.setSpanContext(ROOT_CONTEXT, {
      ...parent,
      spanId: 'abcdefabcdefabcd',
      isRemote: false,
    });
    const out: Record<string, string> = {};
    tc.inject(child, out, setter);
    expect(out.tracestate).toBe('rojo=00f067aa0ba902b7');
  });
});
