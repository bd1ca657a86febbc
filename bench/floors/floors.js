/**
 * Floors: the least work a spec-exact implementation must do for a row, against the official time.
 *
 *   node bench/run.js --dir floors
 *
 * Each "floor" below is not a propagator: it is the bare sequence of steps REQUIREMENTS §1–§5 make
 * unavoidable for that row, written inline with the cheapest primitives we know (one getter call
 * per lookup, a table-driven charCodeAt loop per id char, the API's setSpanContext), skipping
 * everything a real propagator must also do (try/catch, arrays, Buffers, length caps, flags).
 * Its ratio to the official time is a lower bound for any implementation's ratio on this machine:
 * when it is above a row's §9 target, that target cannot be met without breaking a rule.
 *
 * The "floor vs official" rows time the floor against the 2.12 line (`official`) and the 3.x line
 * (`latest`, on its own API instance; see ../lib/official3.js). The "Baton vs floor" rows time Baton
 * itself against the floor, interleaved in one process: REQUIREMENTS §9 holds the rule-bound rows
 * (Jaeger inject, W3C extract valid, X-Ray inject) to at most 1.1× their floor, and a ratio of two ratios taken in
 * different processes would be too noisy to judge that.
 */
'use strict';
const { join } = require('node:path');
const api = require('@opentelemetry/api');
const core = require('@opentelemetry/core');
const officialB3 = require('@opentelemetry/propagator-b3');
const { JaegerPropagator: OfficialJaeger } = require('@opentelemetry/propagator-jaeger');
const { hexOr } = require('@baton/internal'); // four chars a step: the fastest loop we know
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const o3 = require('../lib/official3');
const { W3CTraceContextPropagator } = require('@baton/propagator-w3c');
const { JaegerPropagator } = require('@baton/propagator-jaeger');
const { AWSXRayPropagator } = require('@baton/propagator-aws-xray');
const { W3CBaggagePropagator } = require('@baton/propagator-w3c');
const { B3Propagator, B3InjectEncoding } = require('@baton/propagator-b3');
const { CloudTracePropagator } = require('@baton/propagator-cloud-trace');
const { AWSXRayPropagator: OfficialXRay } = require('@opentelemetry/propagator-aws-xray');
const {
  CloudPropagator: OfficialCloud,
} = require('@google-cloud/opentelemetry-cloud-trace-propagator');

const {
  ROOT_CONTEXT,
  trace,
  propagation,
  defaultTextMapGetter: getter,
  defaultTextMapSetter: setter,
} = api;
const SUPPRESS = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/**
 * §1: after a lowercase miss, a case-insensitive look at every key (here: lengths only, the least),
 * walked with for…in — the cheapest walk we know, and allocation-free (§9 allows absent rows none).
 */
function scanMisses(carrier, name) {
  let hits = 0;
  for (const key in carrier) if (key.length === name.length) hits++;
  return hits;
}

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';
const traceparentOnly = headers({ traceparent: `00-${T}-${S}-01` });
const absent = headers({ 'content-type': 'application/json', accept: '*/*' });
const absentNode = headers(NODE_REQUEST_HEADERS);
const b3Absent = headers(NODE_REQUEST_HEADERS);
const contexts = spanContexts();

// propagator-aws-xray 3.0.0 is in tools/official-3x, on its own API instance like the rest of 3.x.
const OfficialXRay3 = require(
  require.resolve('@opentelemetry/propagator-aws-xray', {
    paths: [join(__dirname, '..', '..', 'tools', 'official-3x')],
  }),
).AWSXRayPropagator;
// 0.22 prints a DeprecationWarning from its constructor; keep the output to the tables.
const officialCloud = (() => {
  const saved = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return new OfficialCloud();
  } finally {
    process.emitWarning = saved;
  }
})();
const o = {
  w3c: new core.W3CTraceContextPropagator(),
  b3: new officialB3.B3Propagator(),
  jaeger: new OfficialJaeger(),
  xray: new OfficialXRay(),
  cloud: officialCloud,
};
const l = {
  w3c: new o3.core.W3CTraceContextPropagator(),
  b3: new o3.b3.B3Propagator(),
  xray: new OfficialXRay3(),
};
const contexts3 = spanContexts(undefined, o3.api);
const {
  ROOT_CONTEXT: ROOT3,
  defaultTextMapGetter: getter3,
  defaultTextMapSetter: setter3,
} = o3.api;
const batonW3c = new W3CTraceContextPropagator();
const batonJaeger = new JaegerPropagator();
const batonXRay = new AWSXRayPropagator();
const batonCloud = new CloudTracePropagator();

// The composite rows with xray in the chain (bench/suites/xray.js, issue 16): the same carrier
// and the same official composites (core 3.1.1 + propagator-aws-xray 3.0.0, core 2.12 + 2.2.0),
// on the API instance that suite gives them.
const o3core = require(
  require.resolve('@opentelemetry/core', {
    paths: [join(__dirname, '..', '..', 'tools', 'official-3x')],
  }),
);
const xrayComposite = (line, XRay) =>
  new line.CompositePropagator({
    propagators: [
      new line.W3CTraceContextPropagator(),
      new line.W3CBaggagePropagator(),
      new XRay(),
    ],
  });
const oXrayComposite = xrayComposite(core, OfficialXRay);
const lXrayComposite = xrayComposite(o3core, OfficialXRay3);
const xrayTraceparentOnly = headers({
  ...NODE_REQUEST_HEADERS,
  traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
});

// The composite of five (bench/suites/composite.js), every format present: Baton's members run
// one after the other on each other's contexts, with no composite around them.
const five = [
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  // B3 multi extracts what B3 single does (EXTRACT_EQUIVALENCE): the composite runs it once.
  new JaegerPropagator(),
];
const officialFive = new o3.core.CompositePropagator({
  propagators: [
    new o3.core.W3CTraceContextPropagator(),
    new o3.core.W3CBaggagePropagator(),
    new o3.b3.B3Propagator({ injectEncoding: o3.b3.B3InjectEncoding.SINGLE_HEADER }),
    new o3.b3.B3Propagator({ injectEncoding: o3.b3.B3InjectEncoding.MULTI_HEADER }),
    new OfficialJaeger(),
  ],
});
const officialFive212 = new core.CompositePropagator({
  propagators: [
    new core.W3CTraceContextPropagator(),
    new core.W3CBaggagePropagator(),
    new officialB3.B3Propagator({ injectEncoding: officialB3.B3InjectEncoding.SINGLE_HEADER }),
    new officialB3.B3Propagator({ injectEncoding: officialB3.B3InjectEncoding.MULTI_HEADER }),
    new OfficialJaeger(),
  ],
});
const ORDINARY10 = {
  host: 'api.internal:8080',
  'user-agent': 'node-fetch/1.0',
  'accept-encoding': 'gzip, deflate',
  'accept-language': 'en',
  'content-length': '42',
  connection: 'keep-alive',
  'x-forwarded-for': '10.0.0.1',
  'x-forwarded-proto': 'https',
  'x-request-id': 'a1b2c3',
  'cache-control': 'no-cache',
};
const everyFormat = headers({
  ...ORDINARY10,
  traceparent: `00-${T}-${S}-01`,
  tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  baggage: 'userId=alice,serverNode=DF%2028,isProduction=false',
  b3: `${T}-${S}-1`,
  'x-b3-traceid': T,
  'x-b3-spanid': S,
  'x-b3-sampled': '1',
  'uber-trace-id': `${T}:${S}:0:1`,
  'uberctx-tenant': 'acme',
  'content-type': 'application/json',
  accept: '*/*',
});

/** The floors, one function each, so a floor row and a "Baton vs floor" row time the same code. */
const floor = {
  // get, 48 id chars, two slices, the tracestate miss and its keys() scan, setSpanContext.
  w3cExtractValid: () => {
    const v = getter.get(traceparentOnly, 'traceparent');
    if (hexOr(v, 3, 35) <= 0 || hexOr(v, 36, 52) <= 0) return ROOT_CONTEXT;
    const sc = {
      traceId: v.slice(3, 35),
      spanId: v.slice(36, 52),
      traceFlags: 1,
      isRemote: true,
    };
    if (getter.get(traceparentOnly, 'tracestate') === undefined) {
      scanMisses(traceparentOnly, 'tracestate');
    }
    return trace.setSpanContext(ROOT_CONTEXT, sc);
  },
  // The span, the suppression key, 48 id chars checked (§1: no trace header without a valid
  // span context), the value, one set. The official package does not check the ids.
  jaegerInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    if (hexOr(sc.traceId, 0, 32) <= 0 || hexOr(sc.spanId, 0, 16) <= 0) return c;
    setter.set(c, 'uber-trace-id', sc.traceId + ':' + sc.spanId + ':0:1');
    return c;
  })(cycle(contexts)),
  // X-Ray (issue 16): the same steps, the header's three fields, and one baggage lookup — a
  // `Lineage` entry in the baggage is written back ("write it back on inject"), so every inject
  // must look. The official package does neither that nor the suppression check, and validates the
  // ids with two regular expressions. The id rule is "32 / 16 chars" as well as hex: hexOr alone
  // passes a 31-char id (charCodeAt past the end is NaN, which ORs as 0), so the lengths are part
  // of the least work. (The Jaeger and W3C floors above leave them out.)
  xrayInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    const t = sc.traceId;
    const s = sc.spanId;
    if (t.length !== 32 || s.length !== 16) return c;
    if (hexOr(t, 0, 32) <= 0 || hexOr(s, 0, 16) <= 0) return c;
    let v =
      'Root=1-' +
      t.slice(0, 8) +
      '-' +
      t.slice(8) +
      ';Parent=' +
      s +
      ((sc.traceFlags & 1) === 1 ? ';Sampled=1' : ';Sampled=0');
    const bag = propagation.getBaggage(ctx);
    if (bag !== undefined) {
      const e = bag.getEntry('Lineage');
      if (e !== undefined) v += ';Lineage=' + e.value;
    }
    setter.set(c, 'x-amzn-trace-id', v);
    return c;
  })(cycle(contexts)),
  // tracecontext,baggage,xray, only `traceparent`: the W3C floor above, where the one walk of
  // the keys also answers §1 for the two absent formats (baggage, x-amzn-trace-id) and tracestate.
  xrayCompositeOnlyTraceparent: () => {
    const c = xrayTraceparentOnly;
    const v = getter.get(c, 'traceparent');
    if (hexOr(v, 3, 35) <= 0 || hexOr(v, 36, 52) <= 0) return ROOT_CONTEXT;
    const sc = { traceId: v.slice(3, 35), spanId: v.slice(36, 52), traceFlags: 1, isRemote: true };
    if (
      getter.get(c, 'tracestate') === undefined &&
      getter.get(c, 'baggage') === undefined &&
      getter.get(c, 'x-amzn-trace-id') === undefined
    ) {
      let hits = 0;
      for (const key in c) if (key.length === 10 || key.length === 7 || key.length === 15) hits++;
      if (hits === -1) return ROOT_CONTEXT;
    }
    return trace.setSpanContext(ROOT_CONTEXT, sc);
  },
  // tracecontext,baggage,xray, inject: one span lookup, one suppression check, the 48 id chars
  // checked once for both headers, both headers built and set, one baggage lookup (W3C baggage
  // sends its entries, X-Ray its Lineage entry; the context has none).
  xrayCompositeInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    const t = sc.traceId;
    const s = sc.spanId;
    if (t.length !== 32 || s.length !== 16) return c;
    if (hexOr(t, 0, 32) <= 0 || hexOr(s, 0, 16) <= 0) return c;
    const sampled = (sc.traceFlags & 1) === 1;
    setter.set(c, 'traceparent', '00-' + t + '-' + s + (sampled ? '-01' : '-00'));
    const bag = propagation.getBaggage(ctx);
    let v = 'Root=1-' + t.slice(0, 8) + '-' + t.slice(8) + ';Parent=' + s;
    v += sampled ? ';Sampled=1' : ';Sampled=0';
    if (bag !== undefined) {
      const e = bag.getEntry('Lineage');
      if (e !== undefined) v += ';Lineage=' + e.value;
    }
    setter.set(c, 'x-amzn-trace-id', v);
    return c;
  })(cycle(contexts)),
  // The same steps for `traceparent`.
  w3cInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    if (hexOr(sc.traceId, 0, 32) <= 0 || hexOr(sc.spanId, 0, 16) <= 0) return c;
    setter.set(c, 'traceparent', '00-' + sc.traceId + '-' + sc.spanId + '-01');
    return c;
  })(cycle(contexts)),
};

module.exports = {
  name: 'floors',
  rows: [
    {
      label: 'W3C extract valid: floor vs official',
      baton: floor.w3cExtractValid,
      official: () => o.w3c.extract(ROOT_CONTEXT, traceparentOnly, getter),
      latest: () => l.w3c.extract(ROOT3, traceparentOnly, getter3),
    },
    {
      // §9: at most 1.1× the floor ("official" here is the floor, not an official package).
      label: 'W3C extract valid: Baton vs floor',
      baton: () => batonW3c.extract(ROOT_CONTEXT, traceparentOnly, getter),
      official: floor.w3cExtractValid,
    },
    {
      // The official package does one get; §1 adds keys() and a look at every key.
      label: 'W3C extract absent: floor vs official',
      baton: () => {
        if (getter.get(absent, 'traceparent') === undefined) scanMisses(absent, 'traceparent');
        return ROOT_CONTEXT;
      },
      official: () => o.w3c.extract(ROOT_CONTEXT, absent, getter),
      latest: () => l.w3c.extract(ROOT3, absent, getter3),
    },
    {
      // The same, on the headers a Node server sees on a request without trace headers.
      label: 'W3C extract absent (Node request headers): floor vs official',
      baton: () => {
        if (getter.get(absentNode, 'traceparent') === undefined) {
          scanMisses(absentNode, 'traceparent');
        }
        return ROOT_CONTEXT;
      },
      official: () => o.w3c.extract(ROOT_CONTEXT, absentNode, getter),
      latest: () => l.w3c.extract(ROOT3, absentNode, getter3),
    },
    {
      label: 'W3C extract absent (Node request headers): Baton vs floor',
      baton: () => batonW3c.extract(ROOT_CONTEXT, absentNode, getter),
      official: () => {
        if (getter.get(absentNode, 'traceparent') === undefined) {
          scanMisses(absentNode, 'traceparent');
        }
        return ROOT_CONTEXT;
      },
    },
    {
      // b3 and x-b3-traceid missed by name (the official package's own two gets), then §1's scan.
      label: 'B3 extract absent: floor vs official',
      baton: () => {
        if (
          getter.get(b3Absent, 'b3') === undefined &&
          getter.get(b3Absent, 'x-b3-traceid') === undefined
        ) {
          scanMisses(b3Absent, 'x-b3-traceid');
        }
        return ROOT_CONTEXT;
      },
      official: () => o.b3.extract(ROOT_CONTEXT, b3Absent, getter),
      latest: () => l.b3.extract(ROOT3, b3Absent, getter3),
    },
    {
      // Cloud Trace: the official 0.22 does one get and no case-insensitive fallback at all; §1's
      // fallback adds the walk over the keys. REQUIREMENTS §9 holds absent rows to 2.0×.
      label: 'Cloud Trace extract absent (Node request headers): floor vs official',
      baton: () => {
        if (getter.get(absentNode, 'x-cloud-trace-context') === undefined) {
          scanMisses(absentNode, 'x-cloud-trace-context');
        }
        return ROOT_CONTEXT;
      },
      official: () => o.cloud.extract(ROOT_CONTEXT, absentNode, getter),
    },
    {
      label: 'Cloud Trace extract absent (Node request headers): Baton vs floor',
      baton: () => batonCloud.extract(ROOT_CONTEXT, absentNode, getter),
      official: () => {
        if (getter.get(absentNode, 'x-cloud-trace-context') === undefined) {
          scanMisses(absentNode, 'x-cloud-trace-context');
        }
        return ROOT_CONTEXT;
      },
    },
    {
      label: 'X-Ray inject: floor vs official',
      baton: floor.xrayInject,
      official: ((next) => () => {
        const c = {};
        o.xray.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      latest: ((next) => () => {
        const c = {};
        l.xray.inject(next(), c, setter3);
        return c;
      })(cycle(contexts3)),
    },
    {
      // §9: at most 1.1× the floor ("official" here is the floor, not an official package).
      label: 'X-Ray inject: Baton vs floor',
      baton: ((next) => () => {
        const c = {};
        batonXRay.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      official: floor.xrayInject,
    },
    {
      label: 'Jaeger inject: floor vs official',
      baton: floor.jaegerInject,
      official: ((next) => () => {
        const c = {};
        o.jaeger.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      // §9: at most 1.1× the floor ("official" here is the floor, not an official package).
      label: 'Jaeger inject: Baton vs floor',
      baton: ((next) => () => {
        const c = {};
        batonJaeger.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      official: floor.jaegerInject,
    },
    {
      label: 'W3C inject: floor vs official',
      baton: floor.w3cInject,
      official: ((next) => () => {
        const c = {};
        o.w3c.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      latest: ((next) => () => {
        const c = {};
        l.w3c.inject(next(), c, setter3);
        return c;
      })(cycle(contexts3)),
    },
    {
      // §9: at most 1.1× the floor ("official" here is the floor, not an official package).
      label: 'W3C inject: Baton vs floor',
      baton: ((next) => () => {
        const c = {};
        batonW3c.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      official: floor.w3cInject,
    },
    {
      // Issue 16: the composite rows with xray in the chain, at most 0.5× the official.
      label: 'composite tracecontext,baggage,xray extract, only traceparent: floor vs official',
      baton: floor.xrayCompositeOnlyTraceparent,
      official: () => oXrayComposite.extract(ROOT_CONTEXT, xrayTraceparentOnly, getter),
      latest: () => lXrayComposite.extract(ROOT_CONTEXT, xrayTraceparentOnly, getter),
    },
    {
      label: 'composite tracecontext,baggage,xray inject all: floor vs official',
      baton: floor.xrayCompositeInject,
      official: ((next) => () => {
        const c = {};
        oXrayComposite.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      latest: ((next) => () => {
        const c = {};
        lXrayComposite.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      // Not a floor of the rules: what Baton's own members cost run in sequence with no composite
      // (each on the previous one's context, as the composite runs them), against the official
      // composite of five. The composite adds its presence check and reconciliation to this.
      label:
        'composite of five, every format: Baton members in sequence (no composite) vs official',
      baton: () => {
        let ctx = ROOT_CONTEXT;
        for (let i = 0; i < five.length; i++) ctx = five[i].extract(ctx, everyFormat, getter);
        return ctx;
      },
      official: () => officialFive212.extract(ROOT_CONTEXT, everyFormat, getter),
      latest: () => officialFive.extract(ROOT3, everyFormat, getter3),
    },
    {
      // What setSpanContext alone costs: the part of every valid extract no propagator controls.
      label: 'setSpanContext alone vs official W3C extract valid',
      baton: () =>
        trace.setSpanContext(ROOT_CONTEXT, {
          traceId: T,
          spanId: S,
          traceFlags: 1,
          isRemote: true,
        }),
      official: () => o.w3c.extract(ROOT_CONTEXT, traceparentOnly, getter),
      latest: () => l.w3c.extract(ROOT3, traceparentOnly, getter3),
    },
  ],
};
