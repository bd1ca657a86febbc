/**
 * Members that declare HEADERS_READ are skipped when none of their headers is in the carrier.
 * The skip must never change a result: it is checked against the same members with their
 * declarations hidden (so every member runs), over random carriers in random header case.
 */
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import {
  createHeaderPropagator,
  getPlatformId,
  PlatformIdPropagator,
} from '@baton/propagator-platform-id';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { CompositePropagator } from '@baton/propagator-composite';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';

const everyFormat = (): TextMapPropagator[] => [
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  new JaegerPropagator(),
  new PlatformIdPropagator(),
];

/** The member with its declarations hidden: a plain TextMapPropagator the composite must run. */
function opaque(m: TextMapPropagator): TextMapPropagator {
  const wrapper: TextMapPropagator & { toString(): string } = {
    extract: (c, carrier, getter) => m.extract(c, carrier, getter),
    inject: (c, carrier, setter) => m.inject(c, carrier, setter),
    fields: () => m.fields(),
    toString: () => String(m),
  };
  return wrapper;
}

/** How many times each of `members` extracted, through a composite of them, from `carrier`. */
function extractCalls(members: TextMapPropagator[], carrier: object): number[] {
  const spies = members.map((m) => jest.spyOn(m, 'extract'));
  new CompositePropagator({ propagators: members }).extract(
    ROOT_CONTEXT,
    carrier,
    defaultTextMapGetter,
  );
  return spies.map((s) => s.mock.calls.length);
}

test('a traceparent-only carrier runs only the member that reads traceparent', () => {
  const members = everyFormat();
  const spies = members.map((m) => jest.spyOn(m, 'extract'));
  const composite = new CompositePropagator({ propagators: members });
  const ctx = composite.extract(
    ROOT_CONTEXT,
    { traceparent: `00-${T}-${S}-01`, accept: '*/*' },
    defaultTextMapGetter,
  );
  expect(trace.getSpanContext(ctx)?.traceId).toBe(T);
  expect(spies.map((s) => s.mock.calls.length)).toEqual([1, 0, 0, 0, 0]);
});

test('headers in another case, and uberctx- by prefix, still count as present', () => {
  const members = everyFormat();
  const spies = members.map((m) => jest.spyOn(m, 'extract'));
  const composite = new CompositePropagator({ propagators: members });
  composite.extract(
    ROOT_CONTEXT,
    { 'X-B3-TraceId': T, 'X-B3-SpanId': S, 'Uberctx-User': 'alice' },
    defaultTextMapGetter,
  );
  expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 1, 1, 0]);
});

// The walk settles most keys by their length before reading a char: a key of a name's length, or
// at least a prefix's length, must still reach the comparison (REQUIREMENTS §1: any case; §5: every
// `uberctx-` header, whatever its length).
describe('the key-length filter of the walk', () => {
  const runs = (carrier: object): number[] => extractCalls(everyFormat(), carrier);

  test('an uberctx- key longer than every name runs the Jaeger member', () => {
    const key = `uberctx-${'k'.repeat(40)}`;
    expect(runs({ [key]: 'v', accept: '*/*' })).toEqual([0, 0, 0, 1, 0]);
  });

  test('an uberctx- key of exactly the prefix length, or one more, runs it', () => {
    expect(runs({ 'uberctx-': 'v' })).toEqual([0, 0, 0, 1, 0]);
    expect(runs({ 'uberctx-k': 'v' })).toEqual([0, 0, 0, 1, 0]);
  });

  test('a name whose length no other name has, in another case, runs its member', () => {
    // 13 chars: only `uber-trace-id` among the members' names.
    expect(runs({ 'Uber-Trace-Id': `${T}:${S}:0:1`, 'cache-control': 'no-cache' })).toEqual([
      0, 0, 0, 1, 0,
    ]);
  });
});

test('a getter whose keys() throws: every member runs and meets it itself', () => {
  const members = everyFormat();
  const spies = members.map((m) => jest.spyOn(m, 'extract'));
  const getter: TextMapGetter = {
    get: () => undefined,
    keys: () => {
      throw new Error('keys boom');
    },
  };
  new CompositePropagator({ propagators: members }).extract(ROOT_CONTEXT, {}, getter);
  expect(spies.every((s) => s.mock.calls.length === 1)).toBe(true);
});

describe('skipping never changes the result', () => {
  const names = [
    'traceparent',
    'tracestate',
    'baggage',
    'b3',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'x-b3-flags',
    'uber-trace-id',
    'uberctx-user',
    'uberctx-a-baggage-key-longer-than-every-header-name',
    'jaeger-baggage',
    'platform-id',
    'accept',
  ];
  const values = [
    `00-${T}-${S}-01`,
    'rojo=00f067aa0ba902b7',
    'user=alice',
    `${T}-${S}-1`,
    T,
    S,
    '1',
    'd',
    `${T}:${S}:0:1`,
    'alice',
    'k=v',
    'plat-7f3a',
    'garbage',
    '',
  ];
  const header = fc.tuple(fc.constantFrom(...names), fc.boolean(), fc.constantFrom(...values));
  const summary = (ctx: Context): unknown => {
    const sc = trace.getSpanContext(ctx);
    return {
      span: sc && [sc.traceId, sc.spanId, sc.traceFlags, sc.traceState?.serialize()],
      baggage: propagation.getBaggage(ctx)?.getAllEntries(),
      platformId: getPlatformId(ctx),
    };
  };

  // The default getter over a plain object takes the keys-only shortcut (membersWithHeadersPlain); any
  // other getter takes the direct lookups and then keys(). Both must agree with running everyone.
  const ownGetter: TextMapGetter<Record<string, string>> = {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  };
  test.each([
    ['the default getter (keys-only shortcut)', defaultTextMapGetter],
    ['a getter of its own (direct lookups, then keys)', ownGetter],
  ])(
    '20,000 random carriers through %s: same span context, baggage and platform id as running everyone',
    (_, getter) => {
      fc.assert(
        fc.property(fc.array(header, { maxLength: 6 }), (headers) => {
          const carrier: Record<string, string> = {};
          for (const [name, upper, value] of headers)
            carrier[upper ? name.toUpperCase() : name] = value;
          const skipping = new CompositePropagator({ propagators: everyFormat() });
          const runsAll = new CompositePropagator({ propagators: everyFormat().map(opaque) });
          expect(summary(skipping.extract(ROOT_CONTEXT, carrier, getter))).toEqual(
            summary(runsAll.extract(ROOT_CONTEXT, carrier, getter)),
          );
        }),
        { numRuns: 20_000 },
      );
    },
  );
});

describe('the keys-only shortcut applies to plain objects only', () => {
  const traceparent = `00-${T}-${S}-01`;
  const extractTrace = (carrier: object): string | undefined =>
    trace.getSpanContext(
      new CompositePropagator({ propagators: everyFormat() }).extract(
        ROOT_CONTEXT,
        carrier,
        defaultTextMapGetter,
      ),
    )?.traceId;

  test('a null-prototype object (what some frameworks build) is read through its keys', () => {
    const carrier = Object.create(null) as Record<string, string>;
    carrier.Traceparent = traceparent;
    expect(extractTrace(carrier)).toBe(T);
  });

  test('a class instance with the header on its prototype still gets the direct lookup', () => {
    class Headers {}
    Object.defineProperty(Headers.prototype, 'traceparent', { value: traceparent });
    expect(Object.keys(new Headers())).toEqual([]);
    expect(extractTrace(new Headers())).toBe(T);
  });

  test('decision: a non-enumerable own property of a plain object is not a header', () => {
    // Documented at plainCarrierKeys: no HTTP or messaging library makes one.
    const carrier = {};
    Object.defineProperty(carrier, 'traceparent', { value: traceparent, enumerable: false });
    expect(extractTrace(carrier)).toBeUndefined();
  });

  test('decision: a property inherited from Object.prototype is not a header', () => {
    // Prototype pollution: the keys-only shortcut counts own keys only (documented there).
    const proto = Object.prototype as Record<string, unknown>;
    proto.traceparent = traceparent;
    try {
      expect(extractTrace({ accept: '*/*' })).toBeUndefined();
    } finally {
      delete proto.traceparent;
    }
  });
});

describe('header names with characters that ASCII case folding moves (`_`, `^`)', () => {
  // The prefilters fold a key's chars with `| 0x20`; the names' chars must be folded the same way
  // (`_` 0x5f folds to 0x7f), or an exact key would be ruled out.
  test.each([
    ['a plain object, lowercase', { my_tenant: 'acme' }, defaultTextMapGetter],
    ['a Map, uppercase', new Map([['MY_TENANT', 'acme']]), mapGetter()],
  ])('a custom my_tenant header is found in a composite: %s', (_, carrier, getter) => {
    const tenant = createHeaderPropagator({ header: 'my_tenant' });
    const composite = new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), tenant.propagator],
    });
    const ctx = composite.extract(ROOT_CONTEXT, carrier, getter as TextMapGetter);
    expect(tenant.get(ctx)).toBe('acme');
  });

  test('a Jaeger trace header named my^trace is found in a composite', () => {
    const jaeger = new JaegerPropagator('my^trace');
    const composite = new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), jaeger],
    });
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { 'my^trace': `${T}:${S}:0:1` },
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T);
  });
});

describe('a Proxy carrier gets the lookups by name', () => {
  test('a Proxy that serves traceparent without listing it: same as W3C alone', () => {
    const headers = new Map([['traceparent', `00-${T}-${S}-01`]]);
    const carrier = new Proxy({}, { get: (_, key) => headers.get(String(key)) });
    const alone = new W3CTraceContextPropagator().extract(
      ROOT_CONTEXT,
      carrier,
      defaultTextMapGetter,
    );
    const composite = new CompositePropagator({ propagators: everyFormat() }).extract(
      ROOT_CONTEXT,
      carrier,
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(alone)?.traceId).toBe(T);
    expect(trace.getSpanContext(composite)?.traceId).toBe(T);
  });
});

function mapGetter(): TextMapGetter<Map<string, string>> {
  return {
    get: (carrier, key) => carrier.get(key),
    keys: (carrier) => Array.from(carrier.keys()),
  };
}

describe("every member's first header present: no walk, the same answer", () => {
  const members = (): TextMapPropagator[] => [
    new W3CTraceContextPropagator(),
    new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  ];
  const runs = (carrier: object): number[] => extractCalls(members(), carrier);

  test('both first headers as own enumerable keys: both members run', () => {
    expect(runs({ traceparent: `00-${T}-${S}-01`, b3: `${T}-${S}-1` })).toEqual([1, 1]);
  });

  test('one of them non-enumerable: that member is skipped, as the walk decides', () => {
    const carrier = { traceparent: `00-${T}-${S}-01` };
    Object.defineProperty(carrier, 'b3', { value: `${T}-${S}-1`, enumerable: false });
    expect(runs(carrier)).toEqual([1, 0]);
  });

  test('a first header that reads undefined: the walk decides (the key is there: B3 runs)', () => {
    expect(runs({ traceparent: `00-${T}-${S}-01`, b3: undefined })).toEqual([1, 1]);
  });

  test('the check runs no getter: a non-enumerable accessor is not read, and its member is skipped', () => {
    const carrier = { traceparent: `00-${T}-${S}-01` };
    let reads = 0;
    Object.defineProperty(carrier, 'b3', {
      enumerable: false,
      get() {
        reads++;
        return `${T}-${S}-1`;
      },
    });
    expect(runs(carrier)).toEqual([1, 0]);
    expect(reads).toBe(0);
  });

  test('a first header whose getter throws: every member runs and meets it itself', () => {
    const carrier = { traceparent: `00-${T}-${S}-01` };
    Object.defineProperty(carrier, 'b3', {
      enumerable: true,
      get() {
        throw new Error('accessor');
      },
    });
    expect(runs(carrier)).toEqual([1, 1]);
  });

  test('one of them inherited (a polluted Object.prototype): that member is skipped', () => {
    const plain = { traceparent: `00-${T}-${S}-01` };
    const proto = Object.prototype as Record<string, unknown>;
    proto.b3 = `${T}-${S}-1`;
    try {
      expect(runs(plain)).toEqual([1, 0]);
    } finally {
      delete proto.b3;
    }
  });
});
