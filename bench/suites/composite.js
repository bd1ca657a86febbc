/**
 * Composite of every format: @baton/propagator-composite over the Baton members vs
 * @opentelemetry/core's CompositePropagator over the official members, in the same order —
 * what `OTEL_PROPAGATORS=tracecontext,baggage,b3,b3multi,jaeger` builds — for the 2.12 line and
 * the 3.x line (core 3.1 and propagator-b3 3.1 on their own API instance; Jaeger has no 3.x, so
 * that composite holds propagator-jaeger 2.12, as an SDK 3 service's would). Target
 * (REQUIREMENTS §9): Baton at most 0.5× the newest official time.
 *
 * Build first:
 *   for p in internal propagator-w3c propagator-b3 propagator-jaeger propagator-composite; do
 *     npx tsc -b packages/$p/tsconfig.build.json; done && node scripts/esm-wrappers.mjs
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const core = require('@opentelemetry/core');
const officialB3 = require('@opentelemetry/propagator-b3');
const { JaegerPropagator: OfficialJaeger } = require('@opentelemetry/propagator-jaeger');
const { B3Propagator, B3InjectEncoding } = require('@baton/propagator-b3');
const { CompositePropagator } = require('@baton/propagator-composite');
const o3 = require('../lib/official3');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;
const {
  ROOT_CONTEXT: ROOT3,
  defaultTextMapGetter: getter3,
  defaultTextMapSetter: setter3,
} = o3.api;

const {
  TRACE_ID,
  SPAN_ID,
  ORDINARY,
  EVERY_FORMAT,
  officialFive,
  batonFive,
} = require('../lib/requests');

// Every-format carriers below agree on one trace, so no conflict is reported while timing.
const baton = batonFive();

const official = officialFive(core, officialB3, OfficialJaeger);
const latest = officialFive(o3.core, o3.b3, OfficialJaeger);

const onlyTraceparent = headers({ ...ORDINARY, traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
const onlyB3 = headers({ ...ORDINARY, b3: `${TRACE_ID}-${SPAN_ID}-1` });
const everyFormat = headers(EVERY_FORMAT);
// Same headers, two traces: the conflict path (hook-less; diag warning rate-limited).
const conflicting = headers({
  ...everyFormat,
  b3: `463ac35c9f6413ad48485a3953bb6124-${SPAN_ID}-1`,
});

// Inject: a new span each call (see ../lib/fresh.js); every member sends that same span.
const bagEntries = { userId: { value: 'alice' }, tenant: { value: 'acme' } };
const injectContexts = spanContexts(api.propagation.createBaggage(bagEntries));
const injectContexts3 = spanContexts(o3.api.propagation.createBaggage(bagEntries), o3.api);

// OTEL_PROPAGATORS=b3,b3multi: a composite of the two B3 encodings (Baton runs its extract once).
const b3Pair = (b3, C) =>
  new C({
    propagators: [
      new b3.B3Propagator({ injectEncoding: b3.B3InjectEncoding.SINGLE_HEADER }),
      new b3.B3Propagator({ injectEncoding: b3.B3InjectEncoding.MULTI_HEADER }),
    ],
  });
const batonB3Pair = b3Pair({ B3Propagator, B3InjectEncoding }, CompositePropagator);
const officialB3Pair = b3Pair(officialB3, core.CompositePropagator);
const latestB3Pair = b3Pair(o3.b3, o3.core.CompositePropagator);

const extractRow = (label, carrier) => ({
  label,
  baton: () => baton.extract(ROOT_CONTEXT, carrier, getter),
  official: () => official.extract(ROOT_CONTEXT, carrier, getter),
  latest: () => latest.extract(ROOT3, carrier, getter3),
});

module.exports = {
  name: 'composite',
  rows: [
    extractRow('extract, only traceparent', onlyTraceparent),
    extractRow('extract, only b3', onlyB3),
    extractRow('extract, every format present', everyFormat),
    extractRow('extract, every format, two traces (conflict)', conflicting),
    {
      label: 'b3,b3multi: extract, only b3',
      baton: () => batonB3Pair.extract(ROOT_CONTEXT, onlyB3, getter),
      official: () => officialB3Pair.extract(ROOT_CONTEXT, onlyB3, getter),
      latest: () => latestB3Pair.extract(ROOT3, onlyB3, getter3),
    },
    {
      label: 'inject all',
      baton: ((next) => () => {
        const c = {};
        baton.inject(next(), c, setter);
        return c;
      })(cycle(injectContexts)),
      official: ((next) => () => {
        const c = {};
        official.inject(next(), c, setter);
        return c;
      })(cycle(injectContexts)),
      latest: ((next) => () => {
        const c = {};
        latest.inject(next(), c, setter3);
        return c;
      })(cycle(injectContexts3)),
    },
  ],
  scaling: [
    {
      label: 'every header 1/11 of the size, junk',
      make: (bytes) => {
        const junk = 'x'.repeat(Math.floor(bytes / 11));
        const c = {};
        for (const k of Object.keys(everyFormat)) c[k] = junk;
        return c;
      },
      run: (carrier) => baton.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
