/**
 * AWS X-Ray: @baton/propagator-aws-xray (built) vs @opentelemetry/propagator-aws-xray, both lines
 * side by side in this process: 3.0.0 (the newest, from tools/official-3x) and 2.2.0 (what SDK 2
 * users run). Issue 16: every row at most 0.5× the official time; absent rows allocate nothing.
 * Plus the composite rows with xray in the chain (OTEL_PROPAGATORS=tracecontext,baggage,xray): Baton's
 * composite vs @opentelemetry/core's (3.1.1 with 3.0.0, 2.12 with 2.2.0).
 *
 * Build first: npx tsc -b packages/propagator-aws-xray/tsconfig.build.json packages/propagator-composite/tsconfig.build.json packages/propagator-w3c/tsconfig.build.json
 */
'use strict';
const { join } = require('node:path');
const api = require('@opentelemetry/api');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const baton = require('@baton/propagator-aws-xray');
const { CompositePropagator } = require('@baton/propagator-composite');
const { W3CTraceContextPropagator, W3CBaggagePropagator } = require('@baton/propagator-w3c');

const official3x = join(__dirname, '../../tools/official-3x');
const from3x = (name) => require(require.resolve(name, { paths: [official3x] }));
const lines = {
  '3.0.0': {
    xray: from3x('@opentelemetry/propagator-aws-xray'),
    core: from3x('@opentelemetry/core'),
  },
  '2.2.0': {
    xray: require('@opentelemetry/propagator-aws-xray'),
    core: require('@opentelemetry/core'),
  },
};

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const ORDINARY = NODE_REQUEST_HEADERS;

// Sampled=1 / 0 only: the official packages drop `?` and a missing Sampled (issue 16), so a
// deferred header would be a "valid" row for Baton and an "invalid" one for them.
const valid = headers({
  ...ORDINARY,
  'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1`,
});
// What a load balancer in front forwards: Self first, then the caller's fields.
const behindBalancer = headers({
  ...ORDINARY,
  'x-amzn-trace-id': `Self=1-67891234-12456789abcdef012345678;Root=${ROOT};Parent=${PARENT};Sampled=1`,
});
// Invalid for both: a 23-digit random part (Root has the wrong length).
const invalid = headers({
  ...ORDINARY,
  'x-amzn-trace-id': `Root=1-5759e988-bd862e3fe1be46a99427279;Parent=${PARENT};Sampled=1`,
});
const absent = { ...ORDINARY };
const traceparentOnly = headers({
  ...ORDINARY,
  traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
});
const xrayOnly = valid;

const sampledContexts = spanContexts();
const b = new baton.AWSXRayPropagator();
const batonComposite = new CompositePropagator({
  propagators: [
    new W3CTraceContextPropagator(),
    new W3CBaggagePropagator(),
    new baton.AWSXRayPropagator(),
  ],
});

const rows = [];
for (const [version, line] of Object.entries(lines)) {
  const o = new line.xray.AWSXRayPropagator();
  const oComposite = new line.core.CompositePropagator({
    propagators: [
      new line.core.W3CTraceContextPropagator(),
      new line.core.W3CBaggagePropagator(),
      new line.xray.AWSXRayPropagator(),
    ],
  });
  const extractRow = (label, carrier) => ({
    label: `${label} (vs ${version})`,
    baton: () => b.extract(ROOT_CONTEXT, carrier, getter),
    official: () => o.extract(ROOT_CONTEXT, carrier, getter),
  });
  const compositeRow = (label, carrier) => ({
    label: `composite tracecontext,baggage,xray: ${label} (vs core + ${version})`,
    baton: () => batonComposite.extract(ROOT_CONTEXT, carrier, getter),
    official: () => oComposite.extract(ROOT_CONTEXT, carrier, getter),
  });
  rows.push(
    extractRow('extract valid', valid),
    extractRow('extract valid, behind a load balancer (Self=…;Root=…)', behindBalancer),
    extractRow('extract invalid (Root of 34 chars)', invalid),
    extractRow('extract absent', absent),
    {
      label: `inject (vs ${version})`,
      baton: ((next) => () => {
        const c = {};
        b.inject(next(), c, setter);
        return c;
      })(cycle(sampledContexts)),
      official: ((next) => () => {
        const c = {};
        o.inject(next(), c, setter);
        return c;
      })(cycle(sampledContexts)),
    },
    compositeRow('extract, only x-amzn-trace-id', xrayOnly),
    compositeRow('extract, only traceparent', traceparentOnly),
    {
      label: `composite tracecontext,baggage,xray: inject all (vs core + ${version})`,
      baton: ((next) => () => {
        const c = {};
        batonComposite.inject(next(), c, setter);
        return c;
      })(cycle(sampledContexts)),
      official: ((next) => () => {
        const c = {};
        oComposite.inject(next(), c, setter);
        return c;
      })(cycle(sampledContexts)),
    },
  );
}

module.exports = {
  name: 'xray',
  rows,
  scaling: [
    {
      label: 'x-amzn-trace-id: 1 MB of ";"',
      make: (bytes) => ({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT}`.padEnd(bytes, ';') }),
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'keys() of a huge carrier, header absent',
      make: (bytes) => {
        const c = {};
        for (let i = 0; i < bytes / 32; i++) c[`x-custom-header-${i}`] = 'v';
        return c;
      },
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
