/**
 * The parts of a composite inject (`tracecontext,baggage,xray`, a sampled span, no baggage), as rows
 * for bench/instructions.js, which counts each one's instructions per call:
 *
 *   node bench/instructions.js bench/micro/inject-parts.js ""
 *
 * Baton's side only: the composite, the same three members given the span context and baggage read
 * once as the composite does (INJECT_SPAN_CONTEXT, no composite around them), each member's own
 * inject in sequence, and each member alone. The row's floor (every step the rules require, nothing
 * else) is `node bench/instructions.js bench/floors/floors.js "xray inject all"`.
 */
'use strict';
const api = require('@opentelemetry/api');
const { INJECT_SPAN_CONTEXT } = require('@baton/internal');
const { AWSXRayPropagator } = require('@baton/propagator-aws-xray');
const { CompositePropagator } = require('@baton/propagator-composite');
const { W3CBaggagePropagator, W3CTraceContextPropagator } = require('@baton/propagator-w3c');
const { cycle, spanContexts } = require('../lib/fresh');

const { defaultTextMapSetter: setter, trace, propagation } = api;
const traceContext = new W3CTraceContextPropagator();
const baggage = new W3CBaggagePropagator();
const xray = new AWSXRayPropagator();
const composite = new CompositePropagator({ propagators: [traceContext, baggage, xray] });
const contexts = spanContexts();

// Each row has its own cursor and its own call sites (see ../lib/fresh.js on shared helpers).
module.exports = {
  name: 'inject-parts',
  rows: [
    {
      label: 'composite tracecontext,baggage,xray, inject all',
      baton: ((next) => () => {
        const c = {};
        composite.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      label: 'the three members given span context and baggage read once, no composite',
      baton: ((next) => () => {
        const ctx = next();
        const c = {};
        const sc = trace.getSpanContext(ctx);
        const bag = propagation.getBaggage(ctx);
        traceContext[INJECT_SPAN_CONTEXT](ctx, sc, bag, c, setter);
        baggage[INJECT_SPAN_CONTEXT](ctx, sc, bag, c, setter);
        xray[INJECT_SPAN_CONTEXT](ctx, sc, bag, c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      label: 'the three members, each its own inject, no composite',
      baton: ((next) => () => {
        const ctx = next();
        const c = {};
        traceContext.inject(ctx, c, setter);
        baggage.inject(ctx, c, setter);
        xray.inject(ctx, c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      label: 'W3C trace context alone, given the span context',
      baton: ((next) => () => {
        const ctx = next();
        const c = {};
        traceContext[INJECT_SPAN_CONTEXT](ctx, trace.getSpanContext(ctx), undefined, c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      label: 'X-Ray alone, given the span context',
      baton: ((next) => () => {
        const ctx = next();
        const c = {};
        xray[INJECT_SPAN_CONTEXT](ctx, trace.getSpanContext(ctx), undefined, c, setter);
        return c;
      })(cycle(contexts)),
    },
  ],
};
