/**
 * The ground the official W3C trace-context suite (w3c/trace-context `test/test.py`, SPEC_LEVEL=2
 * STRICT_LEVEL=2) covers, over real HTTP: harness → service (Baton propagators + real SDK) →
 * callbacks to the harness. Each `it` names the suite test it mirrors.
 */
import { startHarness, type Harness, type RawHeaders } from './support/harness';
import { SERVICE_KINDS, startService, type Service } from './support/service';

const T = '12345678901234567890123456789012';
const S = '1234567890123456';
const TP = (flags = '00') => `00-${T}-${S}-${flags}`;
const FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

// The service and harness of the describe block running (one kind at a time).
let service: Service;
let harness: Harness;

interface Parent {
  version: string;
  traceId: string;
  parentId: string;
  flags: string;
}

/** As the suite: exactly one traceparent header (any case), in the version-00 format. */
function traceparentOf(headers: RawHeaders): Parent {
  const found = headers.filter(([k]) => k.toLowerCase() === 'traceparent');
  expect(found).toHaveLength(1);
  const m = FORMAT.exec(found[0][1]);
  expect(m).not.toBeNull();
  return { version: m![1], traceId: m![2], parentId: m![3], flags: m![4] };
}

/** As the suite: every tracestate header, in order, as one ordered list of [key, value]. */
function tracestateOf(headers: RawHeaders): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'tracestate') continue;
    expect(v).not.toBe(''); // "Empty tracestate → not injected"
    for (const member of v.split(',')) {
      const at = member.indexOf('=');
      out.push([member.slice(0, at), member.slice(at + 1)]);
    }
  }
  return out;
}

async function one(headers: RawHeaders): Promise<{ parent: Parent; state: [string, string][] }> {
  const [got] = await harness.send(headers);
  return { parent: traceparentOf(got), state: tracestateOf(got) };
}

// Issue 13: "The W3C suite passes 41/41 at strict level 2 for the composite, the W3C-only and the
// OTEL_PROPAGATORS services" — every case below runs against each of them.
describe.each(SERVICE_KINDS)('service: %s', (kind) => {
  beforeAll(async () => {
    service = await startService(0, kind);
    harness = await startHarness(service.url);
  });
  afterAll(async () => {
    await harness.close();
    await service.close();
  });

  describe('traceparent (TraceContextTest.test_traceparent_*)', () => {
    it('test_both_traceparent_and_tracestate_missing: a valid traceparent goes out', async () => {
      const { parent, state } = await one([]);
      expect(parent.version).toBe('00');
      expect(state).toEqual([]);
    });

    it('test_traceparent_included_tracestate_missing: same trace id, new parent id', async () => {
      const { parent } = await one([['traceparent', TP('01')]]);
      expect(parent.traceId).toBe(T);
      expect(parent.parentId).not.toBe(S);
    });

    it.each([['TraceParent'], ['TrAcEpArEnT'], ['TRACEPARENT']])(
      'test_traceparent_header_name_valid_casing: %s (Node lowercases names; see http-casing.test.ts)',
      async (name) => {
        expect((await one([[name, TP('01')]])).parent.traceId).toBe(T);
      },
    );

    it.each([
      ['test_traceparent_ows_handling', ` ${TP('01')}`],
      ['test_traceparent_ows_handling', `\t${TP('01')}`],
      ['test_traceparent_ows_handling', `${TP('01')} `],
      ['test_traceparent_ows_handling', `${TP('01')}\t`],
      ['test_traceparent_ows_handling', `\t ${TP('01')} \t`],
      ['test_traceparent_version_0xcc', `cc-${T}-${S}-01`],
      ['test_traceparent_version_0xcc', `cc-${T}-${S}-01-what-the-future-will-be-like`],
    ])('%s: %j is continued', async (_test, value) => {
      const { parent } = await one([['traceparent', value]]);
      expect(parent.traceId).toBe(T);
      expect(parent.version).toBe('00');
    });

    // "restarts on every invalid traceparent form": a new trace id each time.
    const invalid: [test: string, headers: RawHeaders][] = [
      [
        'test_traceparent_duplicated',
        [
          ['traceparent', `00-${T.slice(0, 31)}1-${S}-01`],
          ['traceparent', TP('01')],
        ],
      ],
      ['test_traceparent_header_name', [['trace-parent', TP('01')]]],
      ['test_traceparent_header_name', [['trace.parent', TP('01')]]],
      ['test_traceparent_version_0x00', [['traceparent', `${TP('01')}.`]]],
      [
        'test_traceparent_version_0x00',
        [['traceparent', `${TP('01')}-what-the-future-will-be-like`]],
      ],
      [
        'test_traceparent_version_0xcc',
        [['traceparent', `cc-${T}-${S}-01.what-the-future-will-be-like`]],
      ],
      ['test_traceparent_version_0xff', [['traceparent', `ff-${T}-${S}-01`]]],
      ['test_traceparent_version_illegal_characters', [['traceparent', `.0-${T}-${S}-01`]]],
      ['test_traceparent_version_illegal_characters', [['traceparent', `0.-${T}-${S}-01`]]],
      ['test_traceparent_version_too_long', [['traceparent', `000-${T}-${S}-01`]]],
      ['test_traceparent_version_too_long', [['traceparent', `0000-${T}-${S}-01`]]],
      ['test_traceparent_version_too_short', [['traceparent', `0-${T}-${S}-01`]]],
      ['test_traceparent_trace_id_all_zero', [['traceparent', `00-${'0'.repeat(32)}-${S}-01`]]],
      [
        'test_traceparent_trace_id_illegal_characters',
        [['traceparent', `00-.${T.slice(1)}-${S}-01`]],
      ],
      [
        'test_traceparent_trace_id_illegal_characters',
        [['traceparent', `00-${T.slice(0, 31)}.-${S}-01`]],
      ],
      ['test_traceparent_trace_id_too_long', [['traceparent', `00-${T}3-${S}-01`]]],
      ['test_traceparent_trace_id_too_short', [['traceparent', `00-${T.slice(0, 31)}-${S}-01`]]],
      ['test_traceparent_parent_id_all_zero', [['traceparent', `00-${T}-${'0'.repeat(16)}-01`]]],
      [
        'test_traceparent_parent_id_illegal_characters',
        [['traceparent', `00-${T}-.${S.slice(1)}-01`]],
      ],
      [
        'test_traceparent_parent_id_illegal_characters',
        [['traceparent', `00-${T}-${S.slice(0, 15)}.-01`]],
      ],
      ['test_traceparent_parent_id_too_long', [['traceparent', `00-${T}-${S}7-01`]]],
      ['test_traceparent_parent_id_too_short', [['traceparent', `00-${T}-${S.slice(0, 15)}-01`]]],
      ['test_traceparent_trace_flags_illegal_characters', [['traceparent', `00-${T}-${S}-.0`]]],
      ['test_traceparent_trace_flags_illegal_characters', [['traceparent', `00-${T}-${S}-0.`]]],
      ['test_traceparent_trace_flags_too_long', [['traceparent', `00-${T}-${S}-001`]]],
      ['test_traceparent_trace_flags_too_short', [['traceparent', `00-${T}-${S}-1`]]],
    ];
    it.each(invalid)('%s: %j restarts the trace', async (_test, headers) => {
      const { parent } = await one(headers);
      expect(parent.traceId).not.toBe(T);
      expect(parent.traceId).not.toBe(`${T.slice(0, 31)}1`);
      expect(parent.traceId).not.toBe('0'.repeat(32));
    });
  });

  describe('flags', () => {
    it.each([
      ['01', '01'],
      ['00', '00'],
    ])(
      'incoming %s → outgoing %s (ParentBased sampler follows the sampled flag)',
      async (incoming, outgoing) => {
        expect((await one([['traceparent', TP(incoming)]])).parent.flags).toBe(outgoing);
      },
    );

    it('TraceContext2Test.test_propagates_random_flag: "with the random flag set", on a new span', async () => {
      // The service's client span is the SDK's, whose flags hold only its sampling decision.
      const { parent } = await one([['traceparent', TP('02')]]);
      expect(parent.traceId).toBe(T);
      expect(parent.parentId).not.toBe(S);
      expect(Number.parseInt(parent.flags, 16) & 0x02).toBe(0x02);
    });

    it('the random flag is not set on a trace that arrived without it', async () => {
      expect((await one([['traceparent', TP('01')]])).parent.flags).toBe('01');
    });

    it('outgoing flags are always two lowercase hex digits, reserved bits clear', async () => {
      const { parent } = await one([['traceparent', TP('ff')]]);
      expect(parent.traceId).toBe(T);
      expect(Number.parseInt(parent.flags, 16) & ~3).toBe(0);
    });
  });

  describe('tracestate (TraceContextTest.test_tracestate_*)', () => {
    const tp: [string, string] = ['traceparent', TP('00')];

    it('test_tracestate_included_traceparent_included: inherited', async () => {
      const { parent, state } = await one([tp, ['tracestate', 'foo=1,bar=2']]);
      expect(parent.traceId).toBe(T);
      expect(state).toEqual([
        ['foo', '1'],
        ['bar', '2'],
      ]);
    });

    it('test_tracestate_included_traceparent_missing: discarded', async () => {
      const a = await one([['tracestate', 'foo=1']]);
      const b = await one([['tracestate', 'foo=1,bar=2']]);
      expect([a.state, b.state]).toEqual([[], []]);
    });

    it('test_tracestate_multiple_headers_different_keys: "tracestate inherited across several headers", in order', async () => {
      const { state } = await one([
        tp,
        ['tracestate', 'foo=1,bar=2'],
        ['tracestate', 'rojo=1,congo=2'],
        ['tracestate', 'baz=3'],
      ]);
      expect(state).toEqual([
        ['foo', '1'],
        ['bar', '2'],
        ['rojo', '1'],
        ['congo', '2'],
        ['baz', '3'],
      ]);
    });

    it.each([['TraceState'], ['TrAcEsTaTe'], ['TRACESTATE']])(
      'test_tracestate_header_name_valid_casing: %s (Node lowercases names; see http-casing.test.ts)',
      async (name) => {
        expect((await one([tp, [name, 'foo=1']])).state).toEqual([['foo', '1']]);
      },
    );

    it.each([['trace-state'], ['trace.state']])(
      'test_tracestate_header_name: %s is not tracestate',
      async (name) => {
        expect((await one([tp, [name, 'foo=1']])).state).toEqual([]);
      },
    );

    it('test_tracestate_empty_header', async () => {
      expect((await one([tp, ['tracestate', '']])).state).toEqual([]);
      expect((await one([tp, ['tracestate', 'foo=1'], ['tracestate', '']])).state).toEqual([
        ['foo', '1'],
      ]);
      expect((await one([tp, ['tracestate', ''], ['tracestate', 'foo=1']])).state).toEqual([
        ['foo', '1'],
      ]);
    });

    it('test_tracestate_ows_handling', async () => {
      for (const v of ['foo=1 \t , \t bar=2, \t baz=3', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3']) {
        expect((await one([tp, ['tracestate', v]])).state).toEqual([
          ['foo', '1'],
          ['bar', '2'],
          ['baz', '3'],
        ]);
      }
      for (const v of [' foo=1', '\tfoo=1', 'foo=1 ', 'foo=1\t', '\t foo=1 \t']) {
        expect((await one([tp, ['tracestate', v]])).state).toEqual([['foo', '1']]);
      }
    });

    it('test_tracestate_all_allowed_characters', async () => {
      let value = '';
      for (let c = 0x20; c <= 0x7e; c++)
        if (c !== 0x2c && c !== 0x3d) value += String.fromCharCode(c);
      const key = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
      for (const k of [key, `${key}@a-z0-9_-*/`]) {
        expect((await one([tp, ['tracestate', `${k}=${value}`]])).state).toEqual([[k, value]]);
      }
    });

    const m = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, i) => `bar${String(from + i).padStart(2, '0')}=${String(from + i).padStart(2, '0')}`,
      ).join(',');

    it('test_tracestate_member_count_limit: 32 inherited, 33 discarded', async () => {
      const h32 = await one([
        tp,
        ['tracestate', m(1, 10)],
        ['tracestate', m(11, 10)],
        ['tracestate', m(21, 10)],
        ['tracestate', m(31, 2)],
      ]);
      expect(h32.state).toHaveLength(32);
      expect(h32.state[0]).toEqual(['bar01', '01']);
      const h33 = await one([
        tp,
        ['tracestate', m(1, 10)],
        ['tracestate', m(11, 10)],
        ['tracestate', m(21, 10)],
        ['tracestate', m(31, 3)],
      ]);
      expect(h33.state).toEqual([]);
    });

    it('test_tracestate_key_length_limit: 256 kept, 257 discards all', async () => {
      expect(
        (await one([tp, ['tracestate', 'foo=1'], ['tracestate', `${'z'.repeat(256)}=1`]])).state[0],
      ).toEqual(['foo', '1']);
      expect(
        (await one([tp, ['tracestate', 'foo=1'], ['tracestate', `${'z'.repeat(257)}=1`]])).state,
      ).toEqual([]);
    });

    // The suite: "tracestate with duplicated keys is inherited, with the duplicates kept or one of
    // them dropped". Baton keeps the first occurrence (REQUIREMENTS §2).
    it.each([
      [[['tracestate', 'foo=1,foo=1']]],
      [[['tracestate', 'foo=1,foo=2']]],
      [
        [
          ['tracestate', 'foo=1'],
          ['tracestate', 'foo=1'],
        ],
      ],
      [
        [
          ['tracestate', 'foo=1'],
          ['tracestate', 'foo=2'],
        ],
      ],
    ] as [RawHeaders][])(
      'test_tracestate_duplicated_keys: %j → inherited, first kept',
      async (headers) => {
        const { parent, state } = await one([tp, ...headers]);
        expect(parent.traceId).toBe(T);
        expect(state).toEqual([['foo', '1']]);
      },
    );

    it.each([
      ['test_tracestate_key_illegal_characters', [['tracestate', 'foo =1']]],
      ['test_tracestate_key_illegal_characters', [['tracestate', 'FOO=1']]],
      ['test_tracestate_key_illegal_characters', [['tracestate', 'foo.bar=1']]],
      [
        'test_tracestate_key_illegal_vendor_format (Level 2: only a leading "@" is illegal)',
        [['tracestate', '@foo=1,bar=2']],
      ],
      ['test_tracestate_value_illegal_characters', [['tracestate', 'foo=bar=baz']]],
      ['test_tracestate_value_illegal_characters', [['tracestate', 'foo=,bar=3']]],
    ] as [string, RawHeaders][])(
      '%s: %j → whole tracestate discarded, trace kept',
      async (_t, headers) => {
        const { parent, state } = await one([tp, ...headers]);
        expect(parent.traceId).toBe(T);
        expect(state).toEqual([]);
      },
    );

    it('Level 2 key grammar: foo@, foo@@bar, foo@bar@baz are valid keys and inherited', async () => {
      expect((await one([tp, ['tracestate', 'foo@=1,bar=2']])).state).toEqual([
        ['foo@', '1'],
        ['bar', '2'],
      ]);
      expect((await one([tp, ['tracestate', 'foo@@bar=1,foo@bar@baz=2']])).state).toHaveLength(2);
    });
  });

  describe('AdvancedTest', () => {
    const parentsOf = async (headers: RawHeaders) =>
      (await harness.send(headers, 3)).map(traceparentOf);

    it('test_multiple_requests_with_valid_traceparent: one trace id, "a new span id per outgoing call"', async () => {
      const parents = await parentsOf([['traceparent', TP('01')]]);
      expect(new Set(parents.map((p) => p.traceId))).toEqual(new Set([T]));
      expect(new Set(parents.map((p) => p.parentId)).size).toBe(3);
    });

    it('test_multiple_requests_without_traceparent: a different parent id each time', async () => {
      const parents = await parentsOf([]);
      expect(new Set(parents.map((p) => p.parentId)).size).toBe(3);
      expect(new Set(parents.map((p) => p.traceId)).size).toBe(1);
    });

    it('test_multiple_requests_with_illegal_traceparent: new trace, new parent ids', async () => {
      const parents = await parentsOf([['traceparent', `00-${'0'.repeat(32)}-${S}-01`]]);
      expect(parents.map((p) => p.traceId)).not.toContain('0'.repeat(32));
      expect(new Set(parents.map((p) => p.parentId)).size).toBe(3);
    });

    it('tracestate is inherited by every callback', async () => {
      const got = await harness.send(
        [
          ['traceparent', TP('01')],
          ['tracestate', 'foo=1'],
          ['tracestate', 'bar=2'],
        ],
        3,
      );
      for (const headers of got)
        expect(tracestateOf(headers)).toEqual([
          ['foo', '1'],
          ['bar', '2'],
        ]);
    });

    it('baggage travels with the trace (every service but the W3C trace-context-only one)', async () => {
      const [headers] = await harness.send([
        ['traceparent', TP('01')],
        ['baggage', 'user=alice, tenant = acme;ttl=60'],
      ]);
      expect(headers.filter(([k]) => k === 'baggage')).toEqual(
        kind === 'w3c' ? [] : [['baggage', 'user=alice,tenant=acme;ttl=60']],
      );
    });
  });
});
