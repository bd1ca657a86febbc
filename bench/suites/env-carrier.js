/**
 * The environment carrier: @baton/carriers' envGetter / envSetter vs the experimental official
 * classes of @opentelemetry/propagator-env-carrier (EnvironmentGetter / EnvironmentSetter).
 * Build first: npx tsc -b packages/carriers/tsconfig.build.json
 *
 * Both sides run the SAME propagator (@opentelemetry/core's W3C pair), so a row measures the carrier:
 * name normalization and the reads of process.env (a native interceptor, the dominant cost). The
 * official getter always reads process.env and ignores its carrier, so Baton reads process.env too.
 */
'use strict';
const api = require('@opentelemetry/api');
const core = require('@opentelemetry/core');
const official = require('@opentelemetry/propagator-env-carrier');
const { envGetter, envSetter } = require('@baton/carriers');

const { ROOT_CONTEXT } = api;
const traceContext = new core.W3CTraceContextPropagator();
const pair = new core.CompositePropagator({
  propagators: [traceContext, new core.W3CBaggagePropagator()],
});
const officialGetter = new official.EnvironmentGetter();

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
// This bench process is the "child": it was started with these variables.
process.env.TRACEPARENT = TRACEPARENT;
process.env.BAGGAGE = 'userId=alice,tenant=acme,region=eu-west-1';
delete process.env.TRACESTATE;

const ctx = api.trace.setSpanContext(ROOT_CONTEXT, {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
});
const env = process.env;

module.exports = {
  name: 'env carrier',
  rows: [
    {
      label: 'extract TRACEPARENT (process.env)',
      baton: () => traceContext.extract(ROOT_CONTEXT, env, envGetter),
      official: () => traceContext.extract(ROOT_CONTEXT, undefined, officialGetter),
    },
    {
      label: 'extract TRACEPARENT+BAGGAGE (process.env)',
      baton: () => pair.extract(ROOT_CONTEXT, env, envGetter),
      official: () => pair.extract(ROOT_CONTEXT, undefined, officialGetter),
    },
    {
      label: 'inject into a new env object',
      baton: () => {
        const out = {};
        pair.inject(ctx, out, envSetter);
        return out;
      },
      official: () => {
        const out = {};
        pair.inject(ctx, out, new official.EnvironmentSetter(out));
        return out;
      },
    },
  ],
  scaling: [],
};
