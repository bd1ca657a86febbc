/**
 * W3C trace context and baggage: @baton/propagator-w3c (built) vs @opentelemetry/core.
 * Build first: npx tsc -b packages/propagator-w3c/tsconfig.build.json
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers } = require('../lib/wire');
const { cycle, pool, spanContexts } = require('../lib/fresh');
const core = require('@opentelemetry/core');
const baton = require('@baton/propagator-w3c');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const b = {
  trace: new baton.W3CTraceContextPropagator(),
  baggage: new baton.W3CBaggagePropagator(),
};
const o = {
  trace: new core.W3CTraceContextPropagator(),
  baggage: new core.W3CBaggagePropagator(),
};
const officialPair = new core.CompositePropagator({ propagators: [o.trace, o.baggage] });

// The default pair on the Baton side: the two propagators called in sequence (what any composite
// does), and also through @baton/propagator-composite when it has been built.
const batonPair = {
  extract: (ctx, carrier, g) => b.baggage.extract(b.trace.extract(ctx, carrier, g), carrier, g),
  inject: (ctx, carrier, s) => {
    b.trace.inject(ctx, carrier, s);
    b.baggage.inject(ctx, carrier, s);
  },
};
let batonComposite;
try {
  const { CompositePropagator } = require('@baton/propagator-composite');
  batonComposite = new CompositePropagator({ propagators: [b.trace, b.baggage] });
} catch {
  batonComposite = undefined; // not built (yet): only the sequence row runs
}

const TRACE_PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const valid = { traceparent: TRACE_PARENT };
// Invalid, worst case for Baton: every char must be read to see the trace id is all zeros.
const invalid = { traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' };
// Invalid, common case: wrong length (a 64-bit id from a B3-era client).
const invalidLength = { traceparent: '00-8448eb211c80319c-b7ad6b7169203331-01' };
const absent = { 'content-type': 'application/json', accept: '*/*' };

// 32 members, about 500 chars: the most a tracestate may hold in members.
const heavyState = Array.from(
  { length: 32 },
  (_, i) => `vendor${i}@t${i}=${'v'.repeat(8)}${i}`,
).join(',');
const heavy = headers({ traceparent: TRACE_PARENT, tracestate: heavyState });

const baggageHeader =
  'userId=alice,serverNode=DF%2028,isProduction=false,tenant=acme;ttl=60,region=eu-west-1,' +
  'session=0f2c7a9e,feature=checkout%2Fv2,priority=high,cart=3,locale=en-GB';
const withBaggage = headers({ baggage: baggageHeader });
const defaultPair = headers({
  traceparent: TRACE_PARENT,
  tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  baggage: baggageHeader,
});

// Inject: a new span each call (see ../lib/fresh.js).
const injectContexts = spanContexts();
const bag = api.propagation.createBaggage({
  userId: { value: 'alice' },
  serverNode: { value: 'DF 28' },
  isProduction: { value: 'false' },
  tenant: { value: 'acme', metadata: api.baggageEntryMetadataFromString('ttl=60') },
  region: { value: 'eu-west-1' },
  session: { value: '0f2c7a9e' },
  feature: { value: 'checkout/v2' },
  priority: { value: 'high' },
  cart: { value: '3' },
  locale: { value: 'en-GB' },
});
const baggageCtx = api.propagation.setBaggage(ROOT_CONTEXT, bag);
// A request forwarded: extract, then inject what was extracted — so each side pays for its own
// TraceState and Baggage once per request, as a service does. (Injecting pre-extracted contexts
// would let Baton's cached tracestate serialisation and baggage pairs be reused across calls.)
// The carriers differ in their traceparent only: a new trace each call (see ../lib/fresh.js).
const pairCarriers = pool(({ traceId, spanId }) =>
  headers({ ...defaultPair, traceparent: `00-${traceId}-${spanId}-01` }),
);
const forwardPair = (p) =>
  ((next) => () => {
    const c = next();
    const out = {};
    p.inject(p.extract(ROOT_CONTEXT, c, getter), out, setter);
    return out;
  })(cycle(pairCarriers));

// Forwarding a heavy tracestate: extract, then inject (the lazy parse is paid here on both sides).
const forward = (p) => () => {
  const ctx = p.extract(ROOT_CONTEXT, heavy, getter);
  const out = {};
  p.inject(ctx, out, setter);
  return out;
};

const carrier = {};
module.exports = {
  name: 'w3c',
  rows: [
    {
      label: 'traceparent extract valid',
      baton: () => b.trace.extract(ROOT_CONTEXT, valid, getter),
      official: () => o.trace.extract(ROOT_CONTEXT, valid, getter),
    },
    {
      label: 'traceparent extract invalid (all-zero trace id)',
      baton: () => b.trace.extract(ROOT_CONTEXT, invalid, getter),
      official: () => o.trace.extract(ROOT_CONTEXT, invalid, getter),
    },
    {
      label: 'traceparent extract invalid (wrong length)',
      baton: () => b.trace.extract(ROOT_CONTEXT, invalidLength, getter),
      official: () => o.trace.extract(ROOT_CONTEXT, invalidLength, getter),
    },
    {
      label: 'traceparent extract absent',
      baton: () => b.trace.extract(ROOT_CONTEXT, absent, getter),
      official: () => o.trace.extract(ROOT_CONTEXT, absent, getter),
    },
    {
      label: 'traceparent inject',
      baton: (
        (next) => () =>
          b.trace.inject(next(), carrier, setter) ?? carrier
      )(cycle(injectContexts)),
      official: (
        (next) => () =>
          o.trace.inject(next(), carrier, setter) ?? carrier
      )(cycle(injectContexts)),
    },
    {
      label: 'tracestate-heavy extract (32 members)',
      baton: () => b.trace.extract(ROOT_CONTEXT, heavy, getter),
      official: () => o.trace.extract(ROOT_CONTEXT, heavy, getter),
    },
    {
      label: 'tracestate-heavy extract→inject',
      baton: forward(b.trace),
      official: forward(o.trace),
    },
    {
      label: 'baggage extract (10 members)',
      baton: () => b.baggage.extract(ROOT_CONTEXT, withBaggage, getter),
      official: () => o.baggage.extract(ROOT_CONTEXT, withBaggage, getter),
    },
    {
      label: 'baggage inject (10 entries)',
      baton: () => b.baggage.inject(baggageCtx, carrier, setter) ?? carrier,
      official: () => o.baggage.inject(baggageCtx, carrier, setter) ?? carrier,
    },
    {
      label: 'default pair extract (sequence vs core Composite)',
      baton: () => batonPair.extract(ROOT_CONTEXT, defaultPair, getter),
      official: () => officialPair.extract(ROOT_CONTEXT, defaultPair, getter),
    },
    {
      label: 'default pair extract→inject (sequence vs core Composite)',
      baton: forwardPair(batonPair),
      official: forwardPair(officialPair),
    },
    ...(batonComposite
      ? [
          {
            label: 'default pair extract (@baton Composite)',
            baton: () => batonComposite.extract(ROOT_CONTEXT, defaultPair, getter),
            official: () => officialPair.extract(ROOT_CONTEXT, defaultPair, getter),
          },
          {
            label: 'default pair extract→inject (@baton Composite)',
            baton: forwardPair(batonComposite),
            official: forwardPair(officialPair),
          },
        ]
      : []),
  ],
  scaling: [
    {
      label: 'traceparent: future version + 1 MB tail',
      make: (bytes) => ({ traceparent: 'cc' + TRACE_PARENT.slice(2) + '-' + 'a'.repeat(bytes) }),
      run: (c) => b.trace.extract(ROOT_CONTEXT, c, getter),
    },
    {
      label: 'tracestate: valid members, extract→inject',
      make: (bytes) => ({ traceparent: TRACE_PARENT, tracestate: 'k=v,'.repeat(bytes >> 2) }),
      run: (c) => {
        const out = {};
        b.trace.inject(b.trace.extract(ROOT_CONTEXT, c, getter), out, setter);
        return out;
      },
    },
    {
      label: 'baggage: valid members',
      make: (bytes) => ({ baggage: 'key=value%20x,'.repeat(Math.ceil(bytes / 14)) }),
      run: (c) => b.baggage.extract(ROOT_CONTEXT, c, getter),
    },
    {
      label: 'baggage: one 1 MB member',
      make: (bytes) => ({ baggage: 'k=' + '%41'.repeat(Math.ceil(bytes / 3)) }),
      run: (c) => b.baggage.extract(ROOT_CONTEXT, c, getter),
    },
  ],
};
