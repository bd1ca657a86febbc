/**
 * The plain-object shortcut of the multi-header read (readPlainHeaders: one `for…in` walk of a
 * plain carrier read through the API's default getter) must give what the general path gives.
 * The walk also yields inherited keys and has a key budget; these pin both edges.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, trace, type TextMapGetter } from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { NO_B3_HEADERS, PAST_CAP_NO_B3, readPlainHeaders } from '../src/read-headers';
import { B3_SAMPLING_STATE_KEY } from '../src/sampling-state';

const T = '463ac35c9f6413ad48485a3953bb6124';
const S = 'e457b5a2e4d86bd1';
const b3 = new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });

/** The same carrier through a getter that is not the default one: the general path. */
const generalGetter: TextMapGetter = {
  get: (c, k) => (c as Record<string, string | undefined>)[k],
  keys: (c) => Object.keys(c as object),
};

function extracted(carrier: object, getter: TextMapGetter = defaultTextMapGetter) {
  const sc = trace.getSpanContext(b3.extract(ROOT_CONTEXT, carrier, getter));
  return sc === undefined ? undefined : [sc.traceId, sc.spanId, sc.traceFlags];
}

describe('B3 multi headers on a plain carrier', () => {
  test('an inherited x-b3-* key is not a header (Object.prototype polluted)', () => {
    // REQUIREMENTS §1: the header set is the carrier's own keys (plainCarrierKeys' decision).
    const proto = Object.prototype as Record<string, unknown>;
    proto['x-b3-traceid'] = T;
    try {
      const carrier = { 'x-b3-spanid': S, 'x-b3-sampled': '1' };
      expect(extracted(carrier)).toBeUndefined();
      // Through any other getter, what its get() returns counts (here: the inherited value).
      expect(extracted(carrier, generalGetter)).toEqual([T, S, 1]);
    } finally {
      delete proto['x-b3-traceid'];
    }
  });

  test('an inherited key in another case does not stand in for a missing own one', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['X-B3-TraceId'] = T;
    try {
      expect(extracted({ 'x-b3-spanid': S, 'x-b3-sampled': '1' })).toBeUndefined();
    } finally {
      delete proto['X-B3-TraceId'];
    }
  });

  test('own keys in another case are read, as by the general path', () => {
    // REQUIREMENTS §1: "fall back to a case-insensitive scan of keys()".
    const carrier = { accept: '*/*', 'X-B3-TraceId': T, 'X-B3-SpanId': S, 'X-B3-Sampled': '1' };
    expect(extracted(carrier)).toEqual([T, S, 1]);
    expect(extracted(carrier, generalGetter)).toEqual([T, S, 1]);
  });

  test('past MAX_SCANNED_KEYS (1024) keys: lowercase names still found, other cases not', () => {
    // REQUIREMENTS §1: the case-insensitive scan reads at most 1,024 keys; a lookup by the
    // lowercase name is not a scan and sees every key.
    const filler: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) filler[`x-filler-${i}`] = 'v';
    const lower = { ...filler, 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '1' };
    expect(extracted(lower)).toEqual([T, S, 1]);
    const mixed = { ...filler, 'X-B3-TraceId': T, 'x-b3-spanid': S, 'x-b3-sampled': '1' };
    expect(extracted(mixed)).toBeUndefined();
    expect(extracted(mixed, generalGetter)).toBeUndefined();
    // A B3 name early (so the walk of the keys is not cut short by an absent answer), the
    // mixed-case trace id past the cap: still not found.
    const spanFirst = { 'x-b3-spanid': S, ...filler, 'X-B3-TraceId': T, 'x-b3-sampled': '1' };
    expect(extracted(spanFirst)).toBeUndefined();
    expect(extracted(spanFirst, generalGetter)).toBeUndefined();
    // The same mixed-case key within the first 1,024 keys is found.
    const early = { 'X-B3-TraceId': T, ...filler, 'x-b3-spanid': S, 'x-b3-sampled': '1' };
    expect(extracted(early)).toEqual([T, S, 1]);
  });

  test("the walk's own answers: nothing found, and nothing found past the cap", () => {
    // REQUIREMENTS §9: "absent rows ... no allocation": a request without B3 gets the one shared
    // answer, not an object of five undefined values.
    expect(readPlainHeaders({ host: 'h', accept: '*/*', 'x-other': '1' })).toBe(NO_B3_HEADERS);
    expect(readPlainHeaders({ 'x-b3-traceid': undefined, 'X-B3-SpanId': null })).toBe(
      NO_B3_HEADERS,
    );
    expect(readPlainHeaders({ 'x-b3-sampled': '1' })).toEqual({ ...NO_B3_HEADERS, sampled: '1' });
    // Past MAX_SCANNED_KEYS (1024): the lookups by lowercase name still see what lies further.
    const filler: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) filler[`x-filler-${i}`] = 'v';
    expect(readPlainHeaders(filler)).toBe(PAST_CAP_NO_B3);
    expect(extracted({ ...filler, 'x-b3-traceid': T, 'x-b3-spanid': S })).toEqual([T, S, 0]);
    // A B3 header among the walked keys: the general path (lookups, then a scan of keys()).
    expect(readPlainHeaders({ 'X-B3-Flags': '1', ...filler })).toBeUndefined();
    // Each B3 name alone among the walked keys (any case) counts, not only the last one tested.
    for (const name of ['B3', 'X-B3-TraceId', 'X-B3-SpanId', 'X-B3-Sampled', 'x-b3-flags']) {
      expect([name, readPlainHeaders({ [name]: '1', ...filler })]).toEqual([name, undefined]);
    }
    // Observable in extract: `X-B3-Sampled: 0` alone is a sampling decision (deny) without a trace
    // (REQUIREMENTS §4); the scan of keys() finds it in another case within the cap.
    const denyOnly = b3.extract(
      ROOT_CONTEXT,
      { 'X-B3-Sampled': '0', ...filler },
      defaultTextMapGetter,
    );
    expect(denyOnly.getValue(B3_SAMPLING_STATE_KEY)).toEqual({ state: 'deny' });
    expect(
      extracted({ 'X-B3-Flags': '1', ...filler, 'x-b3-traceid': T, 'x-b3-spanid': S }),
    ).toEqual([T, S, 1]);
  });
});
