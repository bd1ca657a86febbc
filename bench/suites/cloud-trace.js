/**
 * Google Cloud Trace: @baton/propagator-cloud-trace (built) vs
 * @google-cloud/opentelemetry-cloud-trace-propagator 0.22.0. Issue 19: every row at most 0.5×.
 * Build first: npx tsc -b packages/propagator-cloud-trace/tsconfig.build.json && node scripts/esm-wrappers.mjs
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const official = require('@google-cloud/opentelemetry-cloud-trace-propagator');
const baton = require('@baton/propagator-cloud-trace');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const b = new baton.CloudTracePropagator();
// 0.22 prints a DeprecationWarning from its constructor; keep the bench output to the tables.
const o = (() => {
  const saved = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return new official.CloudPropagator();
  } finally {
    process.emitWarning = saved;
  }
})();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
// A random 64-bit span id is above 2^53 with probability 1 - 2^-11: the usual case.
const SPAN_DECIMAL = '12865619186036048951'; // 0xb28bdc7c17210437
const H = 'x-cloud-trace-context';

const valid = headers({ ...NODE_REQUEST_HEADERS, [H]: `${TRACE_ID}/${SPAN_DECIMAL};o=1` });
// No span id: invalid for both (uppercase or /123abc would not do: 0.22 accepts them).
const invalid = headers({ ...NODE_REQUEST_HEADERS, [H]: `${TRACE_ID};o=1` });
const absent = { ...NODE_REQUEST_HEADERS };

const extractRow = (label, carrier) => ({
  label,
  baton: () => b.extract(ROOT_CONTEXT, carrier, getter),
  official: () => o.extract(ROOT_CONTEXT, carrier, getter),
});
const spanContextPool = spanContexts();

module.exports = {
  name: 'cloud-trace',
  rows: [
    extractRow('extract valid', valid),
    extractRow('extract invalid (no span id)', invalid),
    extractRow('extract absent', absent),
    {
      label: 'inject',
      baton: ((next) => () => {
        const c = {};
        b.inject(next(), c, setter);
        return c;
      })(cycle(spanContextPool)),
      official: ((next) => () => {
        const c = {};
        o.inject(next(), c, setter);
        return c;
      })(cycle(spanContextPool)),
    },
  ],
  scaling: [
    {
      label: 'huge x-cloud-trace-context (digits)',
      make: (bytes) => headers({ [H]: `${TRACE_ID}/`.padEnd(bytes, '7') }),
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'huge x-cloud-trace-context, mixed-case name',
      make: (bytes) => headers({ 'X-Cloud-Trace-Context': `${TRACE_ID}/`.padEnd(bytes, '7') }),
      run: (carrier) => b.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
