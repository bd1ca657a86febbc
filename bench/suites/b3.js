/**
 * B3: @baton/propagator-b3 (built) vs @opentelemetry/propagator-b3 2.12 and 3.1 (the 3.x side on
 * its own API instance, see ../lib/official3.js), single and multi encodings.
 * REQUIREMENTS §9: no row slower than the newest official (absent rows: at most 2.0×, no
 * allocation); any input up to 1 MB under 5 ms, linear.
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const baton = require('@baton/propagator-b3');
const official = require('@opentelemetry/propagator-b3');
const { cycle, spanContexts } = require('../lib/fresh');
const o3 = require('../lib/official3');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;
const {
  ROOT_CONTEXT: ROOT3,
  defaultTextMapGetter: getter3,
  defaultTextMapSetter: setter3,
} = o3.api;

const T = '463ac35c9f6413ad48485a3953bb6124';
const S = 'e457b5a2e4d86bd1';
const P = '05e3ac9a4f6e3b90';

const ORDINARY = NODE_REQUEST_HEADERS;

const encodings = {
  single: {
    baton: new baton.B3Propagator({ injectEncoding: baton.B3InjectEncoding.SINGLE_HEADER }),
    official: new official.B3Propagator({
      injectEncoding: official.B3InjectEncoding.SINGLE_HEADER,
    }),
    latest: new o3.b3.B3Propagator({ injectEncoding: o3.b3.B3InjectEncoding.SINGLE_HEADER }),
    valid: headers({ ...ORDINARY, b3: `${T}-${S}-1-${P}` }),
    // Uppercase ids: invalid for both (B3 ids are lower-hex); the official regex scans the whole value.
    invalid: headers({
      ...ORDINARY,
      b3: `${T.toUpperCase()}-${S.toUpperCase()}-1-${P.toUpperCase()}`,
    }),
    // 68 hex chars with the dashes lost (a proxy that strips them): the official unanchored regex
    // retries at every offset.
    invalid2: headers({ ...ORDINARY, b3: `${T}${S}1${P}x` }),
  },
  multi: {
    baton: new baton.B3Propagator({ injectEncoding: baton.B3InjectEncoding.MULTI_HEADER }),
    official: new official.B3Propagator({ injectEncoding: official.B3InjectEncoding.MULTI_HEADER }),
    latest: new o3.b3.B3Propagator({ injectEncoding: o3.b3.B3InjectEncoding.MULTI_HEADER }),
    valid: headers({
      ...ORDINARY,
      'x-b3-traceid': T,
      'x-b3-spanid': S,
      'x-b3-parentspanid': P,
      'x-b3-sampled': '1',
    }),
    invalid: headers({
      ...ORDINARY,
      'x-b3-traceid': T,
      'x-b3-spanid': S.toUpperCase(),
      'x-b3-sampled': '1',
    }),
  },
};
const absent = { ...ORDINARY };
// Inject: a new span each call (see ../lib/fresh.js).
const sampledContexts = spanContexts();
const sampledContexts3 = spanContexts(undefined, o3.api);

const rows = [];
for (const [name, e] of Object.entries(encodings)) {
  rows.push(
    {
      label: `${name}: extract valid`,
      baton: () => e.baton.extract(ROOT_CONTEXT, e.valid, getter),
      official: () => e.official.extract(ROOT_CONTEXT, e.valid, getter),
      latest: () => e.latest.extract(ROOT3, e.valid, getter3),
    },
    {
      label: `${name}: extract invalid (uppercase ids)`,
      baton: () => e.baton.extract(ROOT_CONTEXT, e.invalid, getter),
      official: () => e.official.extract(ROOT_CONTEXT, e.invalid, getter),
      latest: () => e.latest.extract(ROOT3, e.invalid, getter3),
    },
    ...(e.invalid2
      ? [
          {
            label: `${name}: extract invalid (no dashes)`,
            baton: () => e.baton.extract(ROOT_CONTEXT, e.invalid2, getter),
            official: () => e.official.extract(ROOT_CONTEXT, e.invalid2, getter),
            latest: () => e.latest.extract(ROOT3, e.invalid2, getter3),
          },
        ]
      : []),
    {
      label: `${name}: extract absent`,
      baton: () => e.baton.extract(ROOT_CONTEXT, absent, getter),
      official: () => e.official.extract(ROOT_CONTEXT, absent, getter),
      latest: () => e.latest.extract(ROOT3, absent, getter3),
    },
    {
      label: `${name}: inject`,
      baton: ((next) => () => {
        const carrier = {};
        e.baton.inject(next(), carrier, setter);
        return carrier;
      })(cycle(sampledContexts)),
      official: ((next) => () => {
        const carrier = {};
        e.official.inject(next(), carrier, setter);
        return carrier;
      })(cycle(sampledContexts)),
      latest: ((next) => () => {
        const carrier = {};
        e.latest.inject(next(), carrier, setter3);
        return carrier;
      })(cycle(sampledContexts3)),
    },
  );
}

const b3 = encodings.single.baton;
const hex = (bytes) => 'a'.repeat(bytes);

const scaling = [
  {
    label: 'b3: hex of that size',
    make: (bytes) => ({ ...ORDINARY, b3: hex(bytes) }),
    run: (carrier) => b3.extract(ROOT_CONTEXT, carrier, getter),
  },
  {
    label: 'b3: valid prefix + that much hex',
    make: (bytes) => ({ ...ORDINARY, b3: `${T}-${S}-1-${hex(bytes)}` }),
    run: (carrier) => b3.extract(ROOT_CONTEXT, carrier, getter),
  },
  {
    label: 'x-b3-traceid of that size',
    make: (bytes) => ({ ...ORDINARY, 'x-b3-traceid': hex(bytes), 'x-b3-spanid': S }),
    run: (carrier) => b3.extract(ROOT_CONTEXT, carrier, getter),
  },
  {
    label: 'array of that many bytes of b3 values',
    make: (bytes) => ({ ...ORDINARY, b3: new Array(Math.max(1, bytes >> 6)).fill(`${T}-${S}-x`) }),
    run: (carrier) => b3.extract(ROOT_CONTEXT, carrier, getter),
  },
  {
    label: 'that size of 16-byte mixed-case keys',
    make: (bytes) => {
      const carrier = {};
      for (let i = 0; i < bytes >> 4; i++) carrier[`X-Other-${String(i).padStart(8, '0')}`] = 'v';
      carrier['X-B3-TraceId'] = T;
      carrier['X-B3-SpanId'] = S;
      return carrier;
    },
    run: (carrier) => b3.extract(ROOT_CONTEXT, carrier, getter),
  },
];

module.exports = { name: 'b3', rows, scaling };
