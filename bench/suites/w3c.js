/**
 * W3C trace context and baggage: @baton/propagator-w3c (built) vs @opentelemetry/core 2.12 and 3.x
 * (the 3.x side on its own API instance: ROOT_CONTEXT, getter, setter and span contexts of its own;
 * see ../lib/official3.js).
 * Build first: npx tsc -b packages/propagator-w3c/tsconfig.build.json
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, pool, spanContexts } = require('../lib/fresh');
const core = require('@opentelemetry/core');
const baton = require('@baton/propagator-w3c');
const o3 = require('../lib/official3');

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
const l = {
  trace: new o3.core.W3CTraceContextPropagator(),
  baggage: new o3.core.W3CBaggagePropagator(),
};
const latestPair = new o3.core.CompositePropagator({ propagators: [l.trace, l.baggage] });
const {
  ROOT_CONTEXT: ROOT3,
  defaultTextMapGetter: getter3,
  defaultTextMapSetter: setter3,
} = o3.api;

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
// What a Node server sees on a request that carries no trace headers (the usual absent case).
const absentNode = headers(NODE_REQUEST_HEADERS);

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
const injectContexts3 = spanContexts(undefined, o3.api);
const bagEntries = {
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
};
const bag = api.propagation.createBaggage(bagEntries);
const baggageCtx = api.propagation.setBaggage(ROOT_CONTEXT, bag);
const baggageCtx3 = o3.api.propagation.setBaggage(
  ROOT3,
  o3.api.propagation.createBaggage({
    ...bagEntries,
    tenant: { value: 'acme', metadata: o3.api.baggageEntryMetadataFromString('ttl=60') },
  }),
);
// A request forwarded: extract, then inject what was extracted — so each side pays for its own
// TraceState and Baggage once per request, as a service does. (Injecting pre-extracted contexts
// would let Baton's cached tracestate serialisation and baggage pairs be reused across calls.)
// The carriers differ in their traceparent only: a new trace each call (see ../lib/fresh.js).
const pairCarriers = pool(({ traceId, spanId }) =>
  headers({ ...defaultPair, traceparent: `00-${traceId}-${spanId}-01` }),
);
//
// One closure per side and propagator, written out: a shared helper would make its propagator call
// site polymorphic and tax every side (V8 keeps call-site feedback per source location; see
// ../lib/fresh.js).
const forwardPairBaton = ((next) => () => {
  const out = {};
  batonPair.inject(batonPair.extract(ROOT_CONTEXT, next(), getter), out, setter);
  return out;
})(cycle(pairCarriers));
const forwardPairBatonComposite =
  batonComposite &&
  ((next) => () => {
    const out = {};
    batonComposite.inject(batonComposite.extract(ROOT_CONTEXT, next(), getter), out, setter);
    return out;
  })(cycle(pairCarriers));
const forwardPairOfficial = () =>
  ((next) => () => {
    const out = {};
    officialPair.inject(officialPair.extract(ROOT_CONTEXT, next(), getter), out, setter);
    return out;
  })(cycle(pairCarriers));
const forwardPairLatest = () =>
  ((next) => () => {
    const out = {};
    latestPair.inject(latestPair.extract(ROOT3, next(), getter3), out, setter3);
    return out;
  })(cycle(pairCarriers));

// Forwarding a heavy tracestate: extract, then inject (the lazy parse is paid here on all sides).
const forward = {
  baton: () => {
    const out = {};
    b.trace.inject(b.trace.extract(ROOT_CONTEXT, heavy, getter), out, setter);
    return out;
  },
  official: () => {
    const out = {};
    o.trace.inject(o.trace.extract(ROOT_CONTEXT, heavy, getter), out, setter);
    return out;
  },
  latest: () => {
    const out = {};
    l.trace.inject(l.trace.extract(ROOT3, heavy, getter3), out, setter3);
    return out;
  },
};

const carrier = {};
const carrier3 = {};
/**
 * Extract rows: the same carrier through each side's propagator, each on its own API. One helper
 * per propagator kind, so each call site below only ever sees one propagator (V8 keeps call-site
 * feedback per source location; see ../lib/fresh.js).
 */
const traceRow = (label, input) => ({
  label,
  baton: () => b.trace.extract(ROOT_CONTEXT, input, getter),
  official: () => o.trace.extract(ROOT_CONTEXT, input, getter),
  latest: () => l.trace.extract(ROOT3, input, getter3),
});
const baggageRow = (label, input) => ({
  label,
  baton: () => b.baggage.extract(ROOT_CONTEXT, input, getter),
  official: () => o.baggage.extract(ROOT_CONTEXT, input, getter),
  latest: () => l.baggage.extract(ROOT3, input, getter3),
});

module.exports = {
  name: 'w3c',
  rows: [
    traceRow('traceparent extract valid', valid),
    traceRow('traceparent extract invalid (all-zero trace id)', invalid),
    traceRow('traceparent extract invalid (wrong length)', invalidLength),
    traceRow('traceparent extract absent', absent),
    traceRow('traceparent extract absent (Node request headers)', absentNode),
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
      latest: (
        (next) => () =>
          l.trace.inject(next(), carrier3, setter3) ?? carrier3
      )(cycle(injectContexts3)),
    },
    traceRow('tracestate-heavy extract (32 members)', heavy),
    {
      label: 'tracestate-heavy extract→inject',
      ...forward,
    },
    baggageRow('baggage extract (10 members)', withBaggage),
    baggageRow('baggage extract absent (Node request headers)', absentNode),
    {
      label: 'baggage inject (10 entries)',
      baton: () => b.baggage.inject(baggageCtx, carrier, setter) ?? carrier,
      official: () => o.baggage.inject(baggageCtx, carrier, setter) ?? carrier,
      latest: () => l.baggage.inject(baggageCtx3, carrier3, setter3) ?? carrier3,
    },
    {
      label: 'default pair extract (sequence vs core Composite)',
      baton: () => batonPair.extract(ROOT_CONTEXT, defaultPair, getter),
      official: () => officialPair.extract(ROOT_CONTEXT, defaultPair, getter),
      latest: () => latestPair.extract(ROOT3, defaultPair, getter3),
    },
    {
      label: 'default pair extract→inject (sequence vs core Composite)',
      baton: forwardPairBaton,
      official: forwardPairOfficial(),
      latest: forwardPairLatest(),
    },
    ...(batonComposite
      ? [
          {
            label: 'default pair extract (@baton Composite)',
            baton: () => batonComposite.extract(ROOT_CONTEXT, defaultPair, getter),
            official: () => officialPair.extract(ROOT_CONTEXT, defaultPair, getter),
            latest: () => latestPair.extract(ROOT3, defaultPair, getter3),
          },
          {
            label: 'default pair extract→inject (@baton Composite)',
            baton: forwardPairBatonComposite,
            official: forwardPairOfficial(),
            latest: forwardPairLatest(),
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
