/**
 * Floors: the least work a spec-exact implementation must do for a row, against the official time.
 *
 *   node bench/run.js --dir floors
 *
 * Each "floor" below is not a propagator: it is the bare sequence of steps REQUIREMENTS §1–§5 make
 * unavoidable for that row, written inline with the cheapest primitives we know (one getter call
 * per lookup, a table-driven charCodeAt loop per id char, the API's setSpanContext), skipping
 * everything a real propagator must also do but a row's input never exercises (try/catch, arrays,
 * Buffers, OWS, higher versions). Each step a floor does take is named with the rule that forces it.
 * Its ratio to the official time is a lower bound for any implementation's ratio on this machine:
 * when it is above a row's §9 target, that target cannot be met without breaking a rule.
 *
 * The "floor vs official" rows time the floor against the 2.12 line (`official`) and the 3.x line
 * (`latest`, on its own API instance; see ../lib/official3.js). The "Baton vs floor" rows time Baton
 * itself against the floor, interleaved in one process: REQUIREMENTS §9 holds the rule-bound rows
 * (Jaeger inject, W3C extract valid, X-Ray inject, OT inject) to at most 1.1× their floor, and a ratio of two ratios taken in
 * different processes would be too noisy to judge that.
 */
'use strict';
const { join } = require('node:path');
const api = require('@opentelemetry/api');
const core = require('@opentelemetry/core');
const officialB3 = require('@opentelemetry/propagator-b3');
const { JaegerPropagator: OfficialJaeger } = require('@opentelemetry/propagator-jaeger');
// hexOr: four chars a step, the fastest loop we know; MapBaggage: a Baggage over a Map, no copies.
const {
  equalsIgnoreAsciiCase,
  hasPrefixIgnoreCase,
  hexOr,
  isTchar,
  MapBaggage,
} = require('@baton/internal');
const { headers, NODE_REQUEST_HEADERS } = require('../lib/wire');
const { cycle, spanContexts } = require('../lib/fresh');
const o3 = require('../lib/official3');
const { W3CTraceContextPropagator } = require('@baton/propagator-w3c');
const { JaegerPropagator } = require('@baton/propagator-jaeger');
const { AWSXRayPropagator } = require('@baton/propagator-aws-xray');
const { W3CBaggagePropagator } = require('@baton/propagator-w3c');
const { B3Propagator, B3InjectEncoding } = require('@baton/propagator-b3');
const { CloudTracePropagator } = require('@baton/propagator-cloud-trace');
const { OTTracePropagator } = require('@baton/propagator-ot-trace');
const { OTTracePropagator: OfficialOT } = require('@opentelemetry/propagator-ot-trace');
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
const FLAGS = ['-00', '-01', '-02', '-03'];

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
  ot: new OfficialOT(),
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
const batonOT = new OTTracePropagator();

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
// The composite suite's request, official composites and Baton composite (bench/lib/requests.js).
const { EVERY_FORMAT, officialFive, batonFive: makeBatonFive } = require('../lib/requests');
const batonFive = makeBatonFive();
const officialFive3 = officialFive(o3.core, o3.b3, OfficialJaeger);
const officialFive212 = officialFive(core, officialB3, OfficialJaeger);
const everyFormat = headers(EVERY_FORMAT);

// Context keys Baton's rules read on inject (created with createContextKey = Symbol.for, so the same
// symbols as the packages'): W3C's random trace id and the debug trace id B3 and Jaeger share.
const RANDOM_TRACE_KEY = Symbol.for('@baton/propagator-w3c random trace id');
const DEBUG_TRACE_KEY = Symbol.for('@baton/internal debug trace id');
// The hex value of each char code below 128, -1 for anything else (uppercase included).
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x61 + c] = 10 + c;
const hex2 = (v, i) => (HEX[v.charCodeAt(i) & 0x7f] << 4) | HEX[v.charCodeAt(i + 1) & 0x7f];

/**
 * A TraceState over the header as sent, parsed on first use (by core's TraceState): extract only
 * keeps it, as Baton's W3CTraceState does — §2's list grammar is applied when the tracestate is
 * read or sent, not on every request that carries one.
 */
class LazyTraceState {
  constructor(raw) {
    this.raw = raw;
    this.parsed = undefined;
  }
  list() {
    if (this.parsed === undefined) this.parsed = new core.TraceState(this.raw);
    return this.parsed;
  }
  get(key) {
    return this.list().get(key);
  }
  set(key, value) {
    return this.list().set(key, value);
  }
  unset(key) {
    return this.list().unset(key);
  }
  serialize() {
    return this.list().serialize();
  }
}
// §2 (Baton's decision): a combined tracestate longer than this is discarded unread.
const TRACE_STATE_MAX_LENGTH = 32 * (256 + 1 + 256) + 31 + 1024;

/**
 * §3 (W3C-BAG): the members of `v` into `entries`: key a token, value baggage-octets, decoded; at
 * most 64 members and 8,192 bytes (§3 / W3C-BAG §Limits).
 */
function baggageMembers(v, entries) {
  const n = v.length < 8192 ? v.length : 8192;
  let start = 0;
  while (start < n && entries.size < 64) {
    let end = v.indexOf(',', start);
    if (end < 0) end = v.length;
    if (end > n) break;
    const eq = v.indexOf('=', start);
    if (eq > start && eq < end) {
      let ok = true;
      for (let i = start; i < eq && ok; i++) ok = isTchar(v.charCodeAt(i));
      let escaped = false;
      for (let i = eq + 1; i < end && ok; i++) {
        const c = v.charCodeAt(i);
        ok = c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x2c && c !== 0x3b && c !== 0x5c;
        if (c === 0x25) escaped = true;
      }
      if (ok) {
        const raw = v.slice(eq + 1, end);
        entries.set(v.slice(start, eq), { value: escaped ? decodeURIComponent(raw) : raw });
      }
    }
    start = end + 1;
  }
}

/**
 * §7 ("keys in any case"): a `uberctx-` key has lost its case (header names are case-insensitive),
 * so it is not added beside an entry whose key differs from it only in case: the entries of its
 * length are compared, ignoring case.
 */
function hasCaseTwin(entries, key) {
  for (const other of entries.keys()) {
    if (other.length === key.length && other !== key && equalsIgnoreAsciiCase(other, key)) {
      return true;
    }
  }
  return false;
}

/**
 * The floors, one function each, so a floor row and a "Baton vs floor" row time the same code.
 *
 * Every step a floor takes is forced by a rule, named next to it; a floor takes no step the rules
 * leave optional (no try/catch, no OWS trimming, no higher versions, no arrays or Buffers: the rows
 * send none). An id check is three steps, all forced: the length (§1 "32 / 16 chars"; `hexOr` alone
 * passes a 31- or 33-char id, since charCodeAt past the end is NaN, which ORs as 0), "every char
 * lowercase hex" and "not all zero" (both one `hexOr` > 0).
 */
const floor = {
  w3cExtractValid: () => {
    const v = getter.get(traceparentOnly, 'traceparent'); // one getter call (§1)
    // §1: the getter may return anything (arrays, Buffers, numbers); only a string is read here.
    if (typeof v !== 'string') return ROOT_CONTEXT;
    // §2: "version 00 … MUST NOT have any trailing characters", and no shorter value is valid.
    if (v.length !== 55) return ROOT_CONTEXT;
    // §2: the version is two lowercase hex digits, and ff is invalid.
    const version = hex2(v, 0);
    if (version < 0 || version === 0xff) return ROOT_CONTEXT;
    // §2: the fixed grammar's three dashes.
    if (v.charCodeAt(2) !== 0x2d || v.charCodeAt(35) !== 0x2d || v.charCodeAt(52) !== 0x2d) {
      return ROOT_CONTEXT;
    }
    // §2: the flags are two lowercase hex digits; sampled and random are kept, the rest cleared.
    const flags = hex2(v, 53);
    if (flags < 0) return ROOT_CONTEXT;
    // §1/§2: 48 id chars lowercase hex, each id not all zero (the lengths follow from the dashes).
    if (hexOr(v, 3, 35) <= 0 || hexOr(v, 36, 52) <= 0) return ROOT_CONTEXT;
    const sc = {
      traceId: v.slice(3, 35),
      spanId: v.slice(36, 52),
      traceFlags: flags & 3,
      isRemote: true, // §1
    };
    // §2: tracestate is read with a valid traceparent; on a lowercase miss, §1's scan of the keys.
    if (getter.get(traceparentOnly, 'tracestate') === undefined) {
      scanMisses(traceparentOnly, 'tracestate');
    }
    const out = trace.setSpanContext(ROOT_CONTEXT, sc);
    // §2 / the W3C suite's test_propagates_random_flag: a random trace id is remembered (a bit test
    // on this row, whose flags are 01).
    return (flags & 2) === 0 ? out : out.setValue(RANDOM_TRACE_KEY, sc.traceId);
  },
  // The span, the suppression key (§1: nothing injected when suppressed), the ids checked (§1: no
  // trace header without a valid span context; length + hex + not all zero), the debug key (§4: debug
  // belongs to its trace and is re-encoded as flags 3 — a context read), the flags (§5: 1, 0 or 3),
  // the value, one set, and the baggage lookup (§5: inject writes `uberctx-*` for every entry; the
  // official package reads it too). The official package does not check the ids.
  jaegerInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    const t = sc.traceId;
    const s = sc.spanId;
    if (t.length !== 32 || s.length !== 16) return c;
    if (hexOr(t, 0, 32) <= 0 || hexOr(s, 0, 16) <= 0) return c;
    const tail =
      ctx.getValue(DEBUG_TRACE_KEY) === t ? ':0:03' : (sc.traceFlags & 1) === 1 ? ':0:01' : ':0:00';
    setter.set(c, 'uber-trace-id', t + ':' + s + tail);
    propagation.getBaggage(ctx); // undefined on this row: no uberctx-* header
    return c;
  })(cycle(contexts)),
  // X-Ray (issue 16): the same steps, the header's three fields, and one baggage lookup — a
  // `Lineage` entry in the baggage is written back ("write it back on inject"), so every inject
  // must look. The official package does neither that nor the suppression check, and validates the
  // ids with two regular expressions.
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
  // OT Trace (issue 19): the span, the suppression key, the ids' lengths and 48 hex chars (§1: no
  // header without a valid span context; as in the X-Ray floor, hexOr alone would pass a short id),
  // the three headers, one set each, and the baggage lookup every inject must make (each
  // `ot-baggage-*` item is a header of its own). The official package validates the ids with two
  // regular expressions, skips the suppression check, and writes the trace id's low 16 chars.
  otInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    const t = sc.traceId;
    const s = sc.spanId;
    if (t.length !== 32 || s.length !== 16) return c;
    if (hexOr(t, 0, 32) <= 0 || hexOr(s, 0, 16) <= 0) return c;
    setter.set(c, 'ot-tracer-traceid', t);
    setter.set(c, 'ot-tracer-spanid', s);
    setter.set(c, 'ot-tracer-sampled', (sc.traceFlags & 1) === 1 ? 'true' : 'false');
    // Each baggage entry would be one more header (none in this pool): the lookup is the work.
    return propagation.getBaggage(ctx) === undefined ? c : c;
  })(cycle(contexts)),
  // The composite of five (tracecontext, baggage, b3, b3multi, jaeger) on EVERY_FORMAT: the same
  // trace in W3C, B3 (single and multi) and Jaeger, baggage in W3C and one `uberctx-` item.
  everyFormatExtract: () => {
    const c = everyFormat;
    // §2: the traceparent, as w3cExtractValid (version 00, exact length, dashes, flags, 48 id chars).
    const v = getter.get(c, 'traceparent');
    if (typeof v !== 'string' || v.length !== 55 || hex2(v, 0) !== 0) return ROOT_CONTEXT;
    if (v.charCodeAt(2) !== 0x2d || v.charCodeAt(35) !== 0x2d || v.charCodeAt(52) !== 0x2d) {
      return ROOT_CONTEXT;
    }
    const flags = hex2(v, 53);
    if (flags < 0 || hexOr(v, 3, 35) <= 0 || hexOr(v, 36, 52) <= 0) return ROOT_CONTEXT;
    const sc = { traceId: v.slice(3, 35), spanId: v.slice(36, 52), traceFlags: flags & 3 };
    sc.isRemote = true;
    // §2: the tracestate, kept on the span context (discarded unread past the cap).
    const ts = getter.get(c, 'tracestate');
    sc.traceState =
      typeof ts === 'string' && ts.length <= TRACE_STATE_MAX_LENGTH
        ? new LazyTraceState(ts)
        : undefined;
    // §3: the baggage members.
    const entries = new Map();
    const bag = getter.get(c, 'baggage');
    if (typeof bag === 'string') baggageMembers(bag, entries);
    // §4: the B3 single header's ids checked (length, dash, hex, not all zero). The same trace and
    // span as W3C's: W3C's span context stays (§7: the tracestate and flags of the same ids are
    // kept). A valid single header is what B3 reads (§4: "a valid `b3` wins over `x-b3-*`"), so
    // b3multi, which extracts what b3 does, reads nothing more.
    const b3 = getter.get(c, 'b3');
    if (typeof b3 !== 'string' || b3.charCodeAt(32) !== 0x2d || b3.charCodeAt(49) !== 0x2d) {
      return ROOT_CONTEXT;
    }
    if (hexOr(b3, 0, 32) <= 0 || hexOr(b3, 33, 49) <= 0) return ROOT_CONTEXT;
    // The sampling field: `-1`, `-0` or `-d` (debug would also set the debug key; this row's is 1).
    const sampling = b3.length === 51 ? b3.charCodeAt(50) : -1;
    if (sampling !== 0x31 && sampling !== 0x30 && sampling !== 0x64) return ROOT_CONTEXT;
    if (!b3.startsWith(sc.traceId) || !b3.startsWith(sc.spanId, 33)) return ROOT_CONTEXT;
    // Last valid wins (§7): B3's sampled bit, W3C's random bit carried (same ids).
    sc.traceFlags = (sampling === 0x30 ? 0 : 1) | (sc.traceFlags & 2);
    // §5: uber-trace-id's ids and flags checked, compared with the span context's (same trace).
    const u = getter.get(c, 'uber-trace-id');
    if (typeof u !== 'string' || u.charCodeAt(32) !== 0x3a || u.charCodeAt(49) !== 0x3a) {
      return ROOT_CONTEXT;
    }
    // `{trace}:{span}:0:{flags}`: the parent span id field, the flags (one or two hex digits).
    if (u.charCodeAt(51) !== 0x3a || u.length < 53 || u.length > 54) return ROOT_CONTEXT;
    if (hexOr(u, 0, 32) <= 0 || hexOr(u, 33, 49) <= 0 || hexOr(u, 50, 51) < 0) return ROOT_CONTEXT;
    const jaegerFlags = hexOr(u, 52, u.length);
    if (jaegerFlags < 0) return ROOT_CONTEXT;
    if (!u.startsWith(sc.traceId) || !u.startsWith(sc.spanId, 33)) return ROOT_CONTEXT;
    sc.traceFlags = (jaegerFlags & 1) | (sc.traceFlags & 2);
    // §5: every `uberctx-` header (any case, §1) is an item, at most 64 items / 8,192 bytes with
    // the rest; its value form-decoded (none needs it here). The same walk answers §1 for the absent
    // `jaeger-baggage` (14 chars; a key of that length is compared by its first char, at least).
    let lists = 0;
    let bytes = 0;
    for (const key in c) {
      if (key.length === 14 && (key.charCodeAt(0) | 0x20) === 0x6a) lists++;
      if (key.length > 8 && hasPrefixIgnoreCase(key, 'uberctx-')) {
        const value = c[key];
        const name = key.slice(8);
        bytes += name.length + value.length;
        if (entries.size >= 64 || bytes > 8192) break;
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0 && !hasCaseTwin(entries, name)) {
          entries.set(name, { value });
        }
      }
    }
    if (lists === -1) return ROOT_CONTEXT;
    // The context: the span context and the merged baggage (two setValue, as the API's helpers).
    const ctx = trace.setSpanContext(ROOT_CONTEXT, sc);
    return entries.size === 0 ? ctx : propagation.setBaggage(ctx, new MapBaggage(entries));
  },
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
  // sends its entries, X-Ray its Lineage entry; the context has none). The `traceparent` part takes
  // the steps of the W3C inject floor below: the random flag of a trace that arrived random (a
  // context read when the span's flags lack it) and the span's tracestate (a property read).
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
    let flags = sc.traceFlags & 3;
    if ((flags & 2) === 0 && ctx.getValue(RANDOM_TRACE_KEY) === t) flags |= 2;
    setter.set(c, 'traceparent', '00-' + t + '-' + s + FLAGS[flags]);
    if (sc.traceState !== undefined) setter.set(c, 'tracestate', sc.traceState.serialize());
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
  // `traceparent`: the span, the suppression key, the ids (length + hex + not all zero), the flags
  // (§2: two lowercase digits of sampled and random, reserved bits cleared; random comes back for a
  // trace that arrived random — the W3C suite's test_propagates_random_flag, a context read when the
  // span's own flags lack it), one set, and the span's tracestate (§2: sent when not empty; a
  // property read on this row, which has none).
  w3cInject: ((next) => () => {
    const ctx = next();
    const c = {};
    const sc = trace.getSpanContext(ctx);
    if (sc === undefined || ctx.getValue(SUPPRESS) === true) return c;
    const t = sc.traceId;
    const s = sc.spanId;
    if (t.length !== 32 || s.length !== 16) return c;
    if (hexOr(t, 0, 32) <= 0 || hexOr(s, 0, 16) <= 0) return c;
    let flags = sc.traceFlags & 3;
    if ((flags & 2) === 0 && ctx.getValue(RANDOM_TRACE_KEY) === t) flags |= 2;
    setter.set(c, 'traceparent', '00-' + t + '-' + s + FLAGS[flags]);
    if (sc.traceState !== undefined) setter.set(c, 'tracestate', sc.traceState.serialize());
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
      label: 'OT inject: floor vs official',
      baton: floor.otInject,
      official: ((next) => () => {
        const c = {};
        o.ot.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
    },
    {
      // §9 via issue 13's rule for rule-bound rows: at most 1.1× the floor ("official" here is the
      // floor, not an official package).
      label: 'OT inject: Baton vs floor',
      baton: ((next) => () => {
        const c = {};
        batonOT.inject(next(), c, setter);
        return c;
      })(cycle(contexts)),
      official: floor.otInject,
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
      // REQUIREMENTS §9: the composite rows at most 0.5× the newest official. Their floor.
      label: 'composite of five, every format present: floor vs official',
      baton: floor.everyFormatExtract,
      official: () => officialFive212.extract(ROOT_CONTEXT, everyFormat, getter),
      latest: () => officialFive3.extract(ROOT3, everyFormat, getter3),
    },
    {
      // Not judged against the floor by §9 (the row's target is 0.5× the official): where the
      // time over the floor is, for the next change to the composite or its members.
      label: 'composite of five, every format present: Baton vs floor',
      baton: () => batonFive.extract(ROOT_CONTEXT, everyFormat, getter),
      official: floor.everyFormatExtract,
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
      latest: () => officialFive3.extract(ROOT3, everyFormat, getter3),
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
