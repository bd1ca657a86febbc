/**
 * Jaeger: @baton/propagator-jaeger (built) vs @opentelemetry/propagator-jaeger 2.12.0.
 * Build first: npx tsc -b packages/propagator-jaeger/tsconfig.build.json && node scripts/esm-wrappers.mjs
 */
'use strict';
const api = require('@opentelemetry/api');
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
const valid = { ...common, 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1` };
const withBaggage = {
  ...valid,
  'uberctx-user-id': 'alice',
  'uberctx-tenant': 'acme',
  'uberctx-route': '%2Fcheckout%2Fv2',
};
const invalid = { ...common, 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:zz:1` };
const absent = { ...common };

const spanCtx = api.trace.setSpanContext(ROOT_CONTEXT, {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags: 1,
  isRemote: false,
});
const bag = api.propagation.createBaggage({
  'user-id': { value: 'alice' },
  tenant: { value: 'acme' },
  route: { value: '/checkout/v2' },
});
const spanAndBaggageCtx = api.propagation.setBaggage(spanCtx, bag);

// Real traffic: every outgoing call is a new client span, every request a new trace. A pool of
// distinct, valid ids (cycled) keeps either side from gaining by remembering the last ids it saw.
const hex = (n, width) => n.toString(16).padStart(width, '0');
const freshContexts = Array.from({ length: 4096 }, (_, i) =>
  api.trace.setSpanContext(ROOT_CONTEXT, {
    traceId: hex(0x4bf92f35 + i, 8) + TRACE_ID.slice(8),
    spanId: hex(0x10000 + i * 7919, 8) + SPAN_ID.slice(8),
    traceFlags: 1,
    isRemote: false,
  }),
);
let nextB = 0;
let nextO = 0;

const extractRow = (label, carrier) => ({
  label,
  baton: () => b.extract(ROOT_CONTEXT, carrier, getter),
  official: () => o.extract(ROOT_CONTEXT, carrier, getter),
});
const injectRow = (label, ctx) => ({
  label,
  baton: () => {
    const c = {};
    b.inject(ctx, c, setter);
    return c;
  },
  official: () => {
    const c = {};
    o.inject(ctx, c, setter);
    return c;
  },
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
    injectRow('inject', spanCtx),
    injectRow('inject with baggage (3 items)', spanAndBaggageCtx),
    {
      label: 'inject, new ids every call',
      baton: () => {
        const c = {};
        b.inject(freshContexts[nextB++ & 4095], c, setter);
        return c;
      },
      official: () => {
        const c = {};
        o.inject(freshContexts[nextO++ & 4095], c, setter);
        return c;
      },
    },
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
