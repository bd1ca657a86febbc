/**
 * Jaeger: @baton/propagator-jaeger (built) vs @opentelemetry/propagator-jaeger 2.12.0.
 * Build first: npx tsc -b packages/propagator-jaeger/tsconfig.build.json && node scripts/esm-wrappers.mjs
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const official = require('@opentelemetry/propagator-jaeger');
const baton = require('@baton/propagator-jaeger');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const b = new baton.JaegerPropagator();
const o = new official.JaegerPropagator();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

// What a Node server sees: the usual request headers around the Jaeger ones. Every extract
// walks keys() for uberctx- headers, so the other headers are part of the cost on both sides.
const common = {
  host: 'orders.internal:8080',
  'user-agent': 'jaeger-client-go/2.30.0',
  accept: 'application/json',
  'accept-encoding': 'gzip',
  connection: 'keep-alive',
};
const valid = headers({ ...common, 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1` });
const withBaggage = headers({
  ...valid,
  'uberctx-user-id': 'alice',
  'uberctx-tenant': 'acme',
  'uberctx-route': '%2Fcheckout%2Fv2',
});
const invalid = headers({ ...common, 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:zz:1` });
const absent = { ...common };

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

/** About `bytes` of `uberctx-kN: vvvv…` headers (32 bytes each). */
function manyBaggageHeaders(bytes) {
  const carrier = { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1` };
  const n = Math.max(1, Math.floor(bytes / 32));
  for (let i = 0; i < n; i++) {
    const key = `uberctx-k${i}`;
    carrier[key] = 'v'.repeat(Math.max(1, 32 - key.length));
  }
  return carrier;
}

module.exports = {
  name: 'jaeger',
  rows: [
    extractRow('extract valid', valid),
    extractRow('extract valid with baggage (3 uberctx-)', withBaggage),
    extractRow('extract invalid', invalid),
    extractRow('extract absent', absent),
    injectRow('inject', spanContextPool),
    injectRow('inject with baggage (3 items)', withBaggagePool),
    // The official package's quadratic case, at a size it still survives in a bench round.
    extractRow('extract 1 KB of uberctx- headers (32)', manyBaggageHeaders(1024)),
  ],
  scaling: [
    {
      label: 'many uberctx- headers (Baton)',
      make: manyBaggageHeaders,
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'huge uber-trace-id',
      make: (bytes) => ({ 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`.padEnd(bytes, '%3A') }),
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
