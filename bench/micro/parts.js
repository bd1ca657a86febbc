/**
 * The parts of a one-format composite extract (`tracecontext,baggage,xray`, only `traceparent`), as
 * rows for bench/instructions.js, which counts each one's instructions per call:
 *
 *   node bench/instructions.js bench/micro/parts.js ""          (every row)
 *   node bench/instructions.js bench/micro/parts.js "lent"      (one)
 *
 * Baton's side only: what the composite adds to its W3C member, and what the member costs with and
 * without the walk of the keys the composite lends it (beginWalkedCarrier in @baton/internal). What
 * the API's setSpanContext alone costs, the part no propagator controls, is a floors row:
 * `node bench/instructions.js bench/floors/floors.js "setSpanContext alone"`.
 */
'use strict';
const api = require('@opentelemetry/api');
const { beginWalkedCarrier, endWalkedCarrier } = require('@baton/internal');
const { AWSXRayPropagator } = require('@baton/propagator-aws-xray');
const { CompositePropagator } = require('@baton/propagator-composite');
const { W3CBaggagePropagator, W3CTraceContextPropagator } = require('@baton/propagator-w3c');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');

const { ROOT_CONTEXT, defaultTextMapGetter: getter } = api;
const T = '5759e988bd862e3fe1be46a994272793';
const S = '53995c3f42cd8ad8';
const carrier = headers({ ...NODE_REQUEST_HEADERS, traceparent: `00-${T}-${S}-01` });

const traceContext = new W3CTraceContextPropagator();
const baggage = new W3CBaggagePropagator();
const xray = new AWSXRayPropagator();
const composite = new CompositePropagator({ propagators: [traceContext, baggage, xray] });
// What presence's walk lends the member (the index's names, tracestate among them).
const walked = ['traceparent', 'baggage', 'x-amzn-trace-id', 'tracestate'];

module.exports = {
  name: 'parts',
  rows: [
    {
      label: 'composite tracecontext,baggage,xray, only traceparent',
      baton: () => composite.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'members in sequence, no composite (W3C, then baggage and X-Ray finding nothing)',
      baton: () =>
        xray.extract(
          baggage.extract(traceContext.extract(ROOT_CONTEXT, carrier, getter), carrier, getter),
          carrier,
          getter,
        ),
    },
    {
      label: 'W3C traceparent extract alone',
      baton: () => traceContext.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'W3C traceparent extract, the walk lent (no tracestate walk of its own)',
      baton: () => {
        beginWalkedCarrier(carrier, walked);
        try {
          return traceContext.extract(ROOT_CONTEXT, carrier, getter);
        } finally {
          endWalkedCarrier();
        }
      },
    },
  ],
  scaling: [],
};
