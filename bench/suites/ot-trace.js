/**
 * OT Trace: @baton/propagator-ot-trace (built) vs @opentelemetry/propagator-ot-trace 0.29.0.
 * Issue 19: every row at most 0.5× the official time, plus the scaling rows (many ot-baggage-*).
 * Build first: npx tsc -b packages/propagator-ot-trace/tsconfig.build.json && node scripts/esm-wrappers.mjs
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const official = require('@opentelemetry/propagator-ot-trace');
const baton = require('@baton/propagator-ot-trace');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const b = new baton.OTTracePropagator();
const o = new official.OTTracePropagator();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

const ids = {
  'ot-tracer-traceid': TRACE_ID,
  'ot-tracer-spanid': SPAN_ID,
  'ot-tracer-sampled': 'true',
};
// What a Node server sees: the usual request headers around the OT ones. Both sides walk keys()
// for ot-baggage- headers, so the other headers are part of the cost on both sides.
const valid = headers({ ...NODE_REQUEST_HEADERS, ...ids });
const withBaggage = headers({
  ...valid,
  'ot-baggage-user-id': 'alice',
  'ot-baggage-tenant': 'acme',
  'ot-baggage-route': '/checkout/v2',
});
// Not hex: invalid for both packages (uppercase would not do: the official accepts it).
const invalid = headers({ ...NODE_REQUEST_HEADERS, ...ids, 'ot-tracer-traceid': 'z'.repeat(32) });
const absent = { ...NODE_REQUEST_HEADERS };

const bag = api.propagation.createBaggage({
  'user-id': { value: 'alice' },
  tenant: { value: 'acme' },
  route: { value: '/checkout/v2' },
});
// Inject: a new span each call (see ../lib/fresh.js).
const spanContextPool = spanContexts();
const withBaggagePool = spanContexts(bag);

const extractRow = (label, carrier) => ({
  label,
  baton: () => b.extract(ROOT_CONTEXT, carrier, getter),
  official: () => o.extract(ROOT_CONTEXT, carrier, getter),
});
const injectRow = (label, contexts) => ({
  label,
  baton: ((next) => () => {
    const c = {};
    b.inject(next(), c, setter);
    return c;
  })(cycle(contexts)),
  official: ((next) => () => {
    const c = {};
    o.inject(next(), c, setter);
    return c;
  })(cycle(contexts)),
});

/** About `bytes` of `ot-baggage-kN: vvvv…` headers (32 bytes each) next to a valid context. */
function manyBaggageHeaders(bytes) {
  const carrier = { ...ids };
  const n = Math.max(1, Math.floor(bytes / 32));
  for (let i = 0; i < n; i++) {
    const key = `ot-baggage-k${i}`;
    carrier[key] = 'v'.repeat(Math.max(1, 32 - key.length));
  }
  return headers(carrier);
}

module.exports = {
  name: 'ot-trace',
  rows: [
    extractRow('extract valid', valid),
    extractRow('extract valid with baggage (3 ot-baggage-)', withBaggage),
    extractRow('extract invalid (non-hex trace id)', invalid),
    extractRow('extract absent', absent),
    injectRow('inject', spanContextPool),
    injectRow('inject with baggage (3 items)', withBaggagePool),
    // The official package copies its baggage per header: quadratic in the number of headers.
    extractRow('extract 1 KB of ot-baggage- headers (32)', manyBaggageHeaders(1024)),
    extractRow('extract 10 KB of ot-baggage- headers (320)', manyBaggageHeaders(10 * 1024)),
  ],
  scaling: [
    {
      label: 'many ot-baggage- headers (Baton)',
      make: manyBaggageHeaders,
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'huge ot-tracer-traceid',
      make: (bytes) => headers({ ...ids, 'ot-tracer-traceid': TRACE_ID.padEnd(bytes, 'a') }),
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
