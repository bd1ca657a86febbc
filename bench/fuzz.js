#!/usr/bin/env node
/**
 * REQUIREMENTS §9: "1,000,000 fuzzed carriers per propagator: no throw, every extracted id valid,
 * inject∘extract round-trips". See bench/fuzz.md.
 *
 * Loads the BUILT packages (`npm run build` first). Each iteration builds one hostile carrier by
 * mutating valid headers of every format, and runs it through every propagator:
 *
 *   extract (must not throw) → check the result (ids valid, isRemote, baggage strings, platform id)
 *   → inject into a fresh carrier (must not throw; names tokens; values HTTP-safe strings)
 *   → extract that again → same trace id / span id / sampled flag (and tracestate, debug,
 *   baggage values, platform id where the propagator carries them).
 *
 *   node bench/fuzz.js                  1,000,000 carriers, random seed (printed)
 *   node bench/fuzz.js --quick          20,000 carriers
 *   node bench/fuzz.js --seed 42 --runs 50000
 *   node bench/fuzz.js --only b3        only propagators whose name contains "b3"
 *   node bench/fuzz.js --seed 42 --at 1234   replay iteration 1234 of seed 42 and print its carrier
 *
 * Every iteration reseeds the PRNG from (seed, iteration), so any failure is replayed with --at.
 * Exit code 1 on any failure.
 */
'use strict';
const { performance } = require('node:perf_hooks');
const api = require('@opentelemetry/api');
const { W3CTraceContextPropagator, W3CBaggagePropagator } = require('@baton/propagator-w3c');
const { B3Propagator, B3InjectEncoding, isB3Debug } = require('@baton/propagator-b3');
const { JaegerPropagator } = require('@baton/propagator-jaeger');
const {
  PlatformIdPropagator,
  getPlatformId,
  setPlatformId,
} = require('@baton/propagator-platform-id');
const { CompositePropagator } = require('@baton/propagator-composite');
const { AWSXRayPropagator, AWSXRayLambdaPropagator } = require('@baton/propagator-aws-xray');
const { OTTracePropagator } = require('@baton/propagator-ot-trace');
const {
  CloudTracePropagator,
  CloudTraceOneWayPropagator,
} = require('@baton/propagator-cloud-trace');

const { ROOT_CONTEXT, trace, propagation, defaultTextMapGetter } = api;

// ---------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}
const QUICK = args.includes('--quick');
const RUNS = Number(option('--runs') ?? (QUICK ? 20_000 : 1_000_000));
const SEED = (Number(option('--seed') ?? Math.floor(Math.random() * 0x7fffffff)) >>> 0) | 0;
const ONLY = option('--only');
const AT = option('--at') === undefined ? undefined : Number(option('--at'));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs: a positive integer');
if (AT !== undefined && !Number.isInteger(AT)) throw new Error('--at: an iteration number');

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32, reseeded per iteration from (seed, iteration) so any iteration replays alone.

let state = 0;
function rnd() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (t ^ (t >>> 14)) >>> 0;
}
function reseed(iteration) {
  state = SEED ^ Math.imul(iteration + 1, 0x9e3779b1);
  rnd();
}
/** An integer in [0, n). */
const int = (n) => rnd() % n;
/** True with probability p. */
const chance = (p) => rnd() < p * 4294967296;
const pick = (xs) => xs[rnd() % xs.length];

// ---------------------------------------------------------------------------------------------
// Valid values of every format

function hex(n) {
  let s = '';
  while (s.length < n) s += rnd().toString(16).padStart(8, '0');
  return s.length === n ? s : s.slice(0, n);
}
const ZEROS = '00000000000000000000000000000000';
const traceId = () => (chance(0.03) ? ZEROS : hex(32));
const spanId = () => (chance(0.03) ? ZEROS.slice(0, 16) : hex(16));

const VISIBLE = [];
for (let c = 0x21; c <= 0x7e; c++) VISIBLE.push(String.fromCharCode(c));
function visible(n, exclude) {
  let s = '';
  for (let i = 0; i < n; i++) {
    const ch = pick(VISIBLE);
    s += exclude !== undefined && exclude.includes(ch) ? 'x' : ch;
  }
  return s;
}
const TS_KEYS = ['rojo', 'congo', 'foo@bar', '1foo', 'tenant@sys', 'a_b-c*d/e', 'x', 'vendor@t'];
const BAG_KEYS = ['userId', 'tenant', 'serverNode', 'is-prod', 'k', 'a.b', 'x_y', '!#$%&'];
const BAG_VALUES = ['alice', 'DF%2028', '%E2%82%AC', '%ZZ', '%E2', 'a+b', 'true', '', '%25', 'x%2'];
const UBER_KEYS = ['tenant', 'user-id', 'Key', 'a.b', 'x_y', 'tenant', 'ünï', ''];

/** Ids one carrier's formats share (most carriers agree on one trace; some do not). */
let tid = '';
let sid = '';
function ids() {
  if (chance(0.25)) return [traceId(), spanId()];
  return [tid, sid];
}

const TEMPLATES = {
  traceparent() {
    const [t, s] = ids();
    const version = chance(0.85) ? '00' : pick(['01', 'cc', 'ff', '0f', 'fe']);
    const flags = chance(0.7) ? pick(['00', '01', '02', '03']) : hex(2);
    const tail = version !== '00' && chance(0.5) ? '-' + visible(int(8)) : '';
    return `${version}-${t}-${s}-${flags}${tail}`;
  },
  tracestate() {
    const n = chance(0.02) ? 33 : 1 + int(5);
    let out = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) out += chance(0.8) ? ',' : ' , ';
      out += `${pick(TS_KEYS)}${chance(0.1) ? int(99) : ''}=${visible(1 + int(12), ',= ')}`;
    }
    return out;
  },
  baggage() {
    const n = chance(0.01) ? 70 : 1 + int(6);
    let out = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) out += chance(0.8) ? ',' : ' , ';
      out += `${pick(BAG_KEYS)}${i}${chance(0.2) ? ' ' : ''}=${pick(BAG_VALUES)}`;
      if (chance(0.2)) out += `;prop${int(3)}${chance(0.5) ? '=1' : ''}`;
    }
    return out;
  },
  b3() {
    if (chance(0.05)) return pick(['0', '1', 'd']);
    const [t, s] = ids();
    let out = `${chance(0.2) ? t.slice(16) : t}-${s}`;
    const r = int(4);
    if (r >= 1) out += '-' + pick(['1', '0', 'd']);
    if (r >= 2) out += '-' + spanId();
    if (r === 3 && chance(0.3)) out = `${t}-${s}-${spanId()}`; // no sampling field: deferred
    return out;
  },
  'x-b3-traceid'() {
    const [t] = ids();
    return chance(0.2) ? t.slice(16) : t;
  },
  'x-b3-spanid'() {
    return ids()[1];
  },
  'x-b3-sampled'() {
    return pick(['1', '0', 'true', 'false', 'TRUE', 'False', 'd', '2']);
  },
  'x-b3-flags'() {
    return pick(['1', '0', '3']);
  },
  'x-b3-parentspanid'() {
    return spanId();
  },
  'uber-trace-id'() {
    const [t, s] = ids();
    const tt = chance(0.8) ? t : t.slice(int(32));
    const ss = chance(0.8) ? s : s.slice(int(16));
    const flags = pick(['1', '0', '3', '2', '8', '09', '01', 'ff', 'x']);
    const v = `${tt}:${ss}:${chance(0.5) ? '0' : spanId()}:${flags}`;
    return chance(0.1) ? v.replaceAll(':', '%3A') : v;
  },
  uberctx() {
    return pick(['acme', 'a+b', 'DF%2028', '%E2%82%AC', '%ZZ', 'plain value', '']);
  },
  'jaeger-baggage'() {
    return `${pick(BAG_KEYS)}=${pick(BAG_VALUES)}, ${pick(UBER_KEYS)}=v${int(9)}`;
  },
  'platform-id'() {
    return chance(0.05) ? visible(257) : visible(1 + int(chance(0.9) ? 40 : 256), ',');
  },
  'x-amzn-trace-id'() {
    const [t, s] = ids();
    const fields = [`Root=1-${t.slice(0, 8)}-${t.slice(8)}`];
    if (chance(0.9)) fields.push(`Parent=${s}`);
    if (chance(0.9)) fields.push(`Sampled=${pick(['1', '0', '?', '2', ''])}`);
    if (chance(0.3)) fields.push(`Lineage=${int(40000)}:${hex(8)}:${int(300)}`);
    if (chance(0.2)) fields.push(pick(['Self=1-67891234-12456789abcdef012345678', 'Foo=bar', 'x']));
    // Any order: fields are matched by key.
    if (chance(0.3)) fields.reverse();
    return fields.join(chance(0.9) ? ';' : '; ');
  },
  'ot-tracer-traceid'() {
    const [t] = ids();
    return chance(0.2) ? t.slice(16) : t; // 64-bit OpenTracing ids: 16 chars
  },
  'ot-tracer-spanid'() {
    return ids()[1];
  },
  'ot-tracer-sampled'() {
    return pick(['true', 'false', '1', '0', 'TRUE', 'False', 'yes', '']);
  },
  'ot-baggage'() {
    return pick(['acme', 'plain value', 'a+b', '%E2%82%AC', 'DF%2028', '']);
  },
  'x-cloud-trace-context'() {
    const [t, s] = ids();
    // The span id in decimal (exact, through BigInt), now and then with leading zeros; the
    // option as Cloud Trace sends it, missing, or wrong.
    const span = (chance(0.1) ? '00' : '') + BigInt('0x' + s).toString();
    return `${t}/${span}${pick(['', ';o=1', ';o=0', ';o=1', ';o=2', ';o=1;o=1'])}`;
  },
};
const FAMILIES = Object.keys(TEMPLATES);

// ---------------------------------------------------------------------------------------------
// Mutations

const HOSTILE = [
  'A', 'F', 'G', 'Z', 'x', ' ', '\t', '\r', '\n', '\0', '-', ':', ',', ';', '=', '%', '+', '@',
  '*', '/', '"', '\\', '\x7f', '\x80', 'é', 'ÿ', 'Ā', '\ud800', '\udfff', '😀', '\u2028', '0',
  '1', 'f', 'd', '.', '%3A', '%20', '%E2',
]; // prettier-ignore
const FILLER = ['0', 'a', 'f', '-', ',', 'a=b,', '00-', ':', '%', ' '];
const HUGE = [
  'f'.repeat(1 << 20),
  `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`.repeat(1 << 14),
  'a=b,'.repeat(1 << 18),
  '%'.repeat(1 << 20),
];
const hostileChar = () => pick(HOSTILE);

function mutate(v, donor) {
  const ops = 1 + int(3);
  for (let k = 0; k < ops; k++) {
    const at = int(v.length + 1);
    switch (int(13)) {
      case 0:
      case 1:
        v = v.slice(0, at) + hostileChar() + v.slice(at + 1);
        break;
      case 2:
        v = v.slice(0, at) + hostileChar() + v.slice(at);
        break;
      case 3:
        v = v.slice(0, at) + v.slice(at + 1 + int(3));
        break;
      case 4:
        v = v.slice(0, at);
        break;
      case 5:
        v = v + pick([',', '', ' ', '-', ':', ', ']) + v;
        break;
      case 6:
        v = chance(0.5)
          ? v.toUpperCase()
          : v.slice(0, at) + v.charAt(at).toUpperCase() + v.slice(at + 1);
        break;
      case 7:
        v = pick([' ', '\t', '  ', '']) + v + pick([' ', '\t', '  ', '', ',']);
        break;
      case 8:
        if (chance(0.002)) return pick(HUGE);
        v = v + pick(FILLER).repeat(1 + int(chance(0.1) ? 9000 : 300));
        break;
      case 9: {
        const c = v.charCodeAt(at);
        if (c === c) v = v.slice(0, at) + '%' + c.toString(16).padStart(2, '0') + v.slice(at + 1);
        break;
      }
      case 10:
        v = v.slice(0, at) + donor.slice(int(donor.length + 1));
        break;
      case 11:
        v = v.replaceAll(
          pick(['-', ':', ',', '=', ';']),
          pick(['-', ':', ',', '=', ';', '', '--']),
        );
        break;
      default:
        v = v.slice(0, at) + pick(['\ud800', '\udc00', '😀', '\u0000', '\r\n']) + v.slice(at);
    }
  }
  return v;
}

/** An object whose toString throws: a propagator must never stringify a non-string value. */
const TRAP = {
  toString() {
    throw new Error('fuzz: toString trap');
  },
  valueOf() {
    throw new Error('fuzz: valueOf trap');
  },
};

/** The header value as the carrier holds it: usually the string, sometimes anything else. */
function wrap(v) {
  if (chance(0.85)) return v;
  switch (int(14)) {
    case 0:
      return [v];
    case 1:
      return [v, chance(0.5) ? v : mutate(v, v)];
    case 2:
      return [];
    case 3:
      return [undefined, v];
    case 4:
      return Buffer.from(v, 'utf8');
    case 5:
      return Buffer.from(v, 'latin1');
    case 6:
      return new Uint8Array(Buffer.from(v, 'utf8'));
    case 7:
      return pick([0, 1, 42, NaN, -1, 1e21]);
    case 8:
      return pick([{}, TRAP, { length: 2, 0: v }, new String(v)]);
    case 9:
      return undefined;
    case 10:
      return null;
    case 11:
      return pick([true, false, Symbol('fuzz'), () => v, 10n]);
    case 12:
      return [TRAP, v];
    default:
      return [Buffer.from(v, 'latin1'), v];
  }
}

function flipCase(name) {
  if (chance(0.3)) return name.toUpperCase();
  let out = '';
  for (let i = 0; i < name.length; i++) out += chance(0.5) ? name[i].toUpperCase() : name[i];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Carriers and getters

const MANY_KEYS = Array.from({ length: 1500 }, (_, i) => `x-filler-${i}`);

/** The carrier's headers as [name, value] pairs. */
function headers() {
  tid = traceId();
  sid = spanId();
  const out = [];
  let donor = '';
  for (const family of FAMILIES) {
    if (!chance(0.45)) continue;
    let name = family;
    if (family === 'uberctx') name = 'uberctx-' + pick(UBER_KEYS);
    if (family === 'ot-baggage') name = 'ot-baggage-' + pick(UBER_KEYS);
    let v = TEMPLATES[family]();
    if (chance(0.45)) v = mutate(v, donor);
    donor = v;
    if (chance(0.1)) name = flipCase(name);
    out.push([name, wrap(v)]);
    if (chance(0.04)) out.push([flipCase(name), wrap(mutate(v, v))]); // same header, other case
  }
  const junk = int(4);
  for (let i = 0; i < junk; i++) {
    out.push([
      pick(['content-type', 'x-junk', 'Ünï', 'constructor', 'toString', '', 'uberctx-']),
      'v',
    ]);
  }
  if (chance(0.001)) for (const k of MANY_KEYS) out.push([k, '1']);
  return out;
}

/** A getter whose get throws on its nth call (n >= 1) and whose keys() misbehaves by `keysMode`. */
function hostileGetter(throwOnCall, keysMode, lowerCaseGet) {
  return {
    calls: 0,
    describe: `hostile(get throws on call ${throwOnCall || 'never'}, keys ${keysMode}${lowerCaseGet ? ', get case-insensitive' : ''})`,
    get(carrier, key) {
      this.calls++;
      if (this.calls === throwOnCall) throw new Error('fuzz: getter throws');
      if (carrier === null || carrier === undefined) return undefined;
      if (lowerCaseGet && typeof key === 'string') {
        for (const k of Object.keys(carrier))
          if (k.toLowerCase() === key.toLowerCase()) return carrier[k];
        return undefined;
      }
      return carrier[key];
    },
    keys(carrier) {
      switch (keysMode) {
        case 'throws':
          throw new Error('fuzz: keys throws');
        case 'string':
          return 'b3';
        case 'null':
          return null;
        case 'array-like':
          return { length: 3, 0: 'b3', 1: 'traceparent', 2: 'uberctx-x' };
        case 'phantom':
          return [
            1,
            null,
            'B3',
            {},
            'UBERCTX-ghost',
            'uberctx-ghost',
            ...Object.keys(carrier ?? {}),
          ];
        default:
          return Object.keys(carrier);
      }
    },
  };
}

const mapGetter = {
  calls: 0,
  describe: 'Map getter',
  get: (m, k) => m.get(k),
  keys: (m) => Array.from(m.keys()),
};
const defaultGetter = { calls: 0, describe: 'defaultTextMapGetter', ...defaultTextMapGetter };

/** One fuzzed case: { carrier, getter, describe() }. */
function makeCase() {
  const pairs = headers();
  let carrier;
  let getter = defaultGetter;
  const shape = int(100);
  if (shape < 88) {
    carrier = {};
    for (const [k, v] of pairs) carrier[k] = v;
  } else if (shape < 92) {
    carrier = Object.create(null);
    for (const [k, v] of pairs) carrier[k] = v;
  } else if (shape < 96) {
    carrier = new Map(pairs);
    getter = mapGetter;
  } else {
    carrier = pick([undefined, null, 'b3', 42, [], [pairs], Buffer.from('b3'), true]);
  }
  // The API's own getter object, not a copy: Baton's plain-carrier fast paths (for…in instead of
  // keys(), the absent-header walks) run only for it.
  if (getter === defaultGetter && chance(0.25)) getter = defaultTextMapGetter;
  else if (getter === defaultGetter && chance(0.3)) {
    getter = hostileGetter(
      chance(0.5) ? 1 + int(8) : 0,
      pick(['ok', 'ok', 'throws', 'string', 'null', 'array-like', 'phantom']),
      chance(0.2),
    );
  }
  return { carrier, getter, pairs };
}

// ---------------------------------------------------------------------------------------------
// Checks

function isIdOf(s, n) {
  if (typeof s !== 'string' || s.length !== n) return false;
  let nonZero = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
    if (c !== 0x30) nonZero = true;
  }
  return nonZero;
}

const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  TCHAR[c.charCodeAt(0)] = 1;
function isToken(s) {
  if (typeof s !== 'string' || s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TCHAR[c] === 0) return false;
  }
  return true;
}
function isFieldValue(s) {
  if (typeof s !== 'string') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c > 0x7e) return false;
  }
  return true;
}

const stateOf = (sc) => (sc.traceState === undefined ? '' : sc.traceState.serialize());

function bagMap(ctx) {
  const bag = propagation.getBaggage(ctx);
  return bag === undefined ? undefined : bag.getAllEntries();
}

// A preset input context: extract of a bad carrier must leave it as it is.
const PRESET = setPlatformId(
  propagation.setBaggage(
    trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '5e1e9a0b0c0d0e0f1011121314151617',
      spanId: '1a2b3c4d5e6f7081',
      traceFlags: 1,
      isRemote: false,
    }),
    propagation.createBaggage({ preset: { value: 'kept' } }),
  ),
  'preset-platform',
);

const describeGetter = (g) =>
  g === defaultTextMapGetter ? "defaultTextMapGetter (the API's own object)" : g.describe;

/** Throws a message string on the first broken rule. */
function checkExtracted(input, out, p) {
  if (!out || typeof out.getValue !== 'function') throw 'extract returned a non-Context';
  const sc = trace.getSpanContext(out);
  const inSc = trace.getSpanContext(input);
  let newSpan = false;
  if (sc !== inSc && sc !== undefined) {
    const sameIds = inSc !== undefined && sc.traceId === inSc.traceId && sc.spanId === inSc.spanId;
    if (!isIdOf(sc.traceId, 32)) throw `extracted invalid trace id ${JSON.stringify(sc.traceId)}`;
    if (!isIdOf(sc.spanId, 16)) throw `extracted invalid span id ${JSON.stringify(sc.spanId)}`;
    if (!Number.isInteger(sc.traceFlags) || sc.traceFlags < 0 || sc.traceFlags > 0xff)
      throw `extracted invalid traceFlags ${sc.traceFlags}`;
    if (!sameIds) {
      if (sc.isRemote !== true) throw 'extracted span context is not isRemote: true';
      newSpan = true;
    }
  } else if (sc === undefined && inSc !== undefined) {
    throw 'extract dropped the span context of the input context';
  }
  const bag = propagation.getBaggage(out);
  const newBag = bag !== propagation.getBaggage(input);
  if (bag !== undefined && newBag) {
    for (const [key, entry] of bag.getAllEntries()) {
      if (typeof key !== 'string') throw `baggage key is a ${typeof key}`;
      if (!entry || typeof entry.value !== 'string')
        throw `baggage value of ${key} is not a string`;
    }
  }
  let newPid = false;
  if (p.pid) {
    const id = getPlatformId(out);
    newPid = id !== getPlatformId(input);
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length < 1 || id.length > 256 || id.includes(','))
        throw `extracted invalid platform id ${JSON.stringify(id)}`;
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        if (c < 0x21 || c > 0x7e) throw `extracted platform id with char 0x${c.toString(16)}`;
      }
    }
  }
  return { newSpan, newBag, newPid };
}

/** A setter that records every write, so a value later overwritten is still checked. */
function recorder() {
  const writes = [];
  return {
    writes,
    set(carrier, key, value) {
      writes.push([key, value]);
      carrier[key] = value;
    },
  };
}

function checkRoundTrip(p, out) {
  const setter = recorder();
  const written = {};
  try {
    p.propagator.inject(out, written, setter);
  } catch (err) {
    throw `inject threw: ${err && err.stack ? err.stack : err}`;
  }
  for (const [key, value] of setter.writes) {
    if (!isToken(key)) throw `inject wrote a non-token header name ${JSON.stringify(key)}`;
    if (!isFieldValue(value))
      throw `inject wrote ${key}: ${JSON.stringify(value)}, not a legal HTTP field value`;
  }
  let again;
  try {
    again = p.propagator.extract(ROOT_CONTEXT, written, defaultTextMapGetter);
  } catch (err) {
    throw `extract of the injected carrier threw: ${err && err.stack ? err.stack : err}`;
  }
  const w = () => ` (injected ${JSON.stringify(written)})`;
  // A one-way propagator (oneway-gcp) reads its header and writes nothing of its own.
  if (p.oneWay) {
    if (setter.writes.length > 0) throw `one-way propagator wrote${w()}`;
    return;
  }
  if (p.trace) {
    const a = trace.getSpanContext(out);
    const b = trace.getSpanContext(again);
    if (a !== undefined && b === undefined) throw `round trip lost the span context${w()}`;
    if (a === undefined && b !== undefined) throw `round trip invented a span context${w()}`;
    if (a !== undefined) {
      // REQUIREMENTS §4: every span of a debug trace carries debug on inject, "sampled locally or
      // not", and debug means sampled to the next hop: a debug trace comes back sampled.
      const flags = isB3Debug(out) ? a.traceFlags | 1 : a.traceFlags;
      if (a.traceId !== b.traceId || a.spanId !== b.spanId || (flags & 1) !== (b.traceFlags & 1))
        throw `round trip changed ${a.traceId}/${a.spanId}/${a.traceFlags} to ${b.traceId}/${b.spanId}/${b.traceFlags}${w()}`;
      if (p.traceState && stateOf(a) !== stateOf(b))
        throw `round trip changed tracestate ${JSON.stringify(stateOf(a))} to ${JSON.stringify(stateOf(b))}${w()}`;
      if (p.w3cFlags && (flags & 3) !== (b.traceFlags & 3))
        throw `round trip changed traceFlags ${a.traceFlags} to ${b.traceFlags}${w()}`;
      if (p.debug && isB3Debug(out) !== isB3Debug(again))
        throw `round trip changed debug ${isB3Debug(out)} to ${isB3Debug(again)}${w()}`;
    }
  }
  if (p.baggage) {
    const before = bagMap(out);
    const after = bagMap(again);
    if (after !== undefined && after.length > 0) {
      // Keys compare ignoring case: Jaeger reads `uberctx-{key}` lowercase (header names are
      // case-insensitive), so `userId` comes back as `userid`, with the same value.
      const values = new Map();
      for (const [key, entry] of before ?? []) {
        const k = key.toLowerCase();
        values.set(k, (values.get(k) ?? []).concat(entry.value));
      }
      for (const [key, entry] of after) {
        const orig = values.get(key.toLowerCase());
        if (orig === undefined)
          throw `round trip invented baggage key ${JSON.stringify(key)}${w()}`;
        if (!orig.includes(entry.value))
          throw `round trip changed baggage ${key}=${JSON.stringify(orig)} to ${JSON.stringify(entry.value)}${w()}`;
      }
    }
  }
  if (p.pid && getPlatformId(out) !== getPlatformId(again))
    throw `round trip changed platform id ${JSON.stringify(getPlatformId(out))} to ${JSON.stringify(getPlatformId(again))}${w()}`;
}

// ---------------------------------------------------------------------------------------------
// Describing a failing carrier as JSON

function describeValue(v, depth = 0) {
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 120)}…(${v.length} chars)` : v;
  if (v === undefined) return '<undefined>';
  if (v === null || typeof v === 'number' || typeof v === 'boolean')
    return Number.isNaN(v) ? '<NaN>' : v;
  if (typeof v === 'bigint') return `<bigint ${v}>`;
  if (typeof v === 'symbol') return `<${String(v)}>`;
  if (typeof v === 'function') return '<function>';
  if (v === TRAP) return '<object whose toString throws>';
  if (v instanceof Uint8Array)
    return {
      [`<${Buffer.isBuffer(v) ? 'Buffer' : 'Uint8Array'} latin1>`]: describeValue(
        Buffer.from(v).toString('latin1'),
      ),
    };
  if (v instanceof String) return `<String object ${JSON.stringify(String(v))}>`;
  if (depth > 3) return '<…>';
  if (Array.isArray(v)) return v.map((x) => describeValue(x, depth + 1));
  if (v instanceof Map) return { '<Map>': describeValue(Object.fromEntries(v), depth + 1) };
  const out = {};
  for (const k of Object.keys(v)) out[k] = describeValue(v[k], depth + 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Propagators

const members = () => [
  new W3CTraceContextPropagator(),
  new W3CBaggagePropagator(),
  new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  new JaegerPropagator(),
  new PlatformIdPropagator(),
];
const [w3c, bag, b3s, b3m, jaeger, pid] = members();
const ot = new OTTracePropagator();
const gcp = new CloudTracePropagator();
const REAL = [
  {
    name: 'W3CTraceContextPropagator',
    propagator: w3c,
    trace: true,
    traceState: true,
    w3cFlags: true,
  },
  { name: 'W3CBaggagePropagator', propagator: bag, baggage: true },
  { name: 'B3Propagator (single)', propagator: b3s, trace: true, debug: true },
  { name: 'B3Propagator (multi)', propagator: b3m, trace: true, debug: true },
  { name: 'JaegerPropagator', propagator: jaeger, trace: true, debug: true, baggage: true },
  { name: 'PlatformIdPropagator', propagator: pid, pid: true },
  // Baggage: Lineage only, so the check that nothing is invented or changed applies.
  { name: 'AWSXRayPropagator', propagator: new AWSXRayPropagator(), trace: true, baggage: true },
  {
    name: 'AWSXRayLambdaPropagator',
    propagator: new AWSXRayLambdaPropagator(),
    trace: true,
    baggage: true,
  },
  {
    name: 'OTTracePropagator',
    propagator: new OTTracePropagator(),
    trace: true,
    baggage: true,
  },
  { name: 'CloudTracePropagator', propagator: gcp, trace: true },
  {
    name: 'CloudTraceOneWayPropagator',
    propagator: new CloudTraceOneWayPropagator(),
    trace: true,
    oneWay: true,
  },
  {
    name: 'CompositePropagator (all six)',
    propagator: new CompositePropagator({ propagators: members() }),
    trace: true,
    baggage: true,
    pid: true,
  },
];

/**
 * --self-test: deliberately broken propagators, each of which the checks must catch (a fuzzer that
 * cannot fail proves nothing). Exit 0 only when every one of them has failures.
 */
const SELF_TEST = args.includes('--self-test');
const retrace = (ctx, change) => {
  const sc = trace.getSpanContext(ctx);
  return sc === undefined ? ctx : trace.setSpanContext(ctx, { ...sc, ...change(sc) });
};
const BROKEN = [
  {
    name: 'broken: extract throws on b3',
    propagator: {
      extract: (ctx, c, g) => {
        if (c && typeof c === 'object' && 'b3' in c) throw new Error('boom');
        return b3s.extract(ctx, c, g);
      },
      inject: (ctx, c, s) => b3s.inject(ctx, c, s),
      fields: () => b3s.fields(),
    },
    trace: true,
  },
  {
    name: 'broken: uppercase trace id',
    propagator: {
      extract: (ctx, c, g) =>
        retrace(w3c.extract(ctx, c, g), (sc) => ({ traceId: sc.traceId.toUpperCase() })),
      inject: (ctx, c, s) => w3c.inject(ctx, c, s),
      fields: () => w3c.fields(),
    },
    trace: true,
  },
  {
    name: 'broken: isRemote false',
    propagator: {
      extract: (ctx, c, g) => retrace(jaeger.extract(ctx, c, g), () => ({ isRemote: false })),
      inject: (ctx, c, s) => jaeger.inject(ctx, c, s),
      fields: () => jaeger.fields(),
    },
    trace: true,
  },
  {
    name: 'broken: inject writes CR LF',
    propagator: {
      extract: (ctx, c, g) => pid.extract(ctx, c, g),
      inject: (ctx, c, s) =>
        getPlatformId(ctx) === undefined ? undefined : s.set(c, 'platform-id', 'a\r\nb'),
      fields: () => pid.fields(),
    },
    pid: true,
  },
  {
    name: 'broken: round trip drops sampled',
    propagator: {
      extract: (ctx, c, g) => b3m.extract(ctx, c, g),
      inject: (ctx, c, s) =>
        b3m.inject(
          retrace(ctx, () => ({ traceFlags: 0 })),
          c,
          s,
        ),
      fields: () => b3m.fields(),
    },
    trace: true,
  },
  {
    // A 64-bit OpenTracing trace id kept at 16 chars instead of padded to 32.
    name: 'broken: ottrace 64-bit trace id not padded',
    propagator: {
      extract: (ctx, c, g) =>
        retrace(ot.extract(ctx, c, g), (sc) => ({
          traceId: sc.traceId.startsWith('0000000000000000') ? sc.traceId.slice(16) : sc.traceId,
        })),
      inject: (ctx, c, s) => ot.inject(ctx, c, s),
      fields: () => ot.fields(),
    },
    trace: true,
  },
  {
    // The span id printed through a double: ids above 2^53 come back rounded.
    name: 'broken: gcp span id through a float',
    propagator: {
      extract: (ctx, c, g) => gcp.extract(ctx, c, g),
      inject: (ctx, c, s) => {
        const sc = trace.getSpanContext(ctx);
        if (sc === undefined) return;
        const span = String(Number(BigInt('0x' + sc.spanId)));
        s.set(c, 'x-cloud-trace-context', `${sc.traceId}/${span};o=${sc.traceFlags & 1}`);
      },
      fields: () => gcp.fields(),
    },
    trace: true,
  },
  {
    name: 'broken: oneway-gcp writes its header',
    propagator: {
      extract: (ctx, c, g) => gcp.extract(ctx, c, g),
      inject: (ctx, c, s) => gcp.inject(ctx, c, s),
      fields: () => [],
    },
    trace: true,
    oneWay: true,
  },
  {
    name: 'broken: baggage value changed',
    propagator: {
      extract: (ctx, c, g) => bag.extract(ctx, c, g),
      inject: (ctx, c, s) => {
        const b = propagation.getBaggage(ctx);
        if (b === undefined) return;
        const [k] = b.getAllEntries()[0] ?? [];
        bag.inject(
          k === undefined ? ctx : propagation.setBaggage(ctx, b.setEntry(k, { value: 'x!' })),
          c,
          s,
        );
      },
      fields: () => bag.fields(),
    },
    baggage: true,
  },
];

const PROPAGATORS = (SELF_TEST ? BROKEN : REAL).filter(
  (p) => ONLY === undefined || p.name.toLowerCase().includes(ONLY.toLowerCase()),
);
if (PROPAGATORS.length === 0) throw new Error(`--only ${ONLY}: no propagator matches`);

// A composite member that throws is caught and reported once through diag: catch that report.
const diagReports = [];
api.diag.setLogger(
  {
    error: (m) => diagReports.push(`diag.error: ${m}`),
    warn: (m) => {
      if (/threw|non-Context/.test(m)) diagReports.push(`diag.warn: ${m}`);
    },
    info() {},
    debug() {},
    verbose() {},
  },
  { logLevel: api.DiagLogLevel.WARN, suppressOverrideMessage: true },
);

// ---------------------------------------------------------------------------------------------
// Run

const stats = PROPAGATORS.map(() => ({
  ms: 0,
  spans: 0,
  bags: 0,
  pids: 0,
  failures: 0,
  shown: [],
  slowest: 0,
  slowestAt: -1,
}));

function runOne(iteration, verbose) {
  reseed(iteration);
  const c = makeCase();
  const input = chance(0.25) ? PRESET : ROOT_CONTEXT;
  if (verbose) {
    console.log(
      `iteration ${iteration} of seed ${SEED}: getter ${describeGetter(c.getter)}, input ${input === PRESET ? 'PRESET' : 'ROOT_CONTEXT'}`,
    );
    console.log(JSON.stringify(describeValue(c.carrier), null, 2));
  }
  for (let i = 0; i < PROPAGATORS.length; i++) {
    const p = PROPAGATORS[i];
    const s = stats[i];
    const t0 = performance.now();
    if (c.getter !== defaultTextMapGetter) c.getter.calls = 0; // never write on the API's object
    let problem;
    try {
      let out;
      try {
        out = p.propagator.extract(input, c.carrier, c.getter);
      } catch (err) {
        throw `extract threw: ${err && err.stack ? err.stack : err}`;
      }
      const found = checkExtracted(input, out, p);
      if (found.newSpan) s.spans++;
      if (found.newBag) s.bags++;
      if (found.newPid) s.pids++;
      checkRoundTrip(p, out);
      if (diagReports.length > 0) throw diagReports.splice(0).join('; ');
    } catch (err) {
      problem = typeof err === 'string' ? err : `harness error: ${err && err.stack}`;
    }
    const ms = performance.now() - t0;
    s.ms += ms;
    if (ms > s.slowest) {
      s.slowest = ms;
      s.slowestAt = iteration;
    }
    if (verbose) console.log(`${p.name}: ${problem ?? 'ok'}`);
    if (problem !== undefined) {
      s.failures++;
      if (s.shown.length < 3) {
        s.shown.push({
          replay: `node bench/fuzz.js --seed ${SEED} --at ${iteration}`,
          problem: problem.length > 2000 ? problem.slice(0, 2000) + '…' : problem,
          input: input === PRESET ? 'PRESET' : 'ROOT_CONTEXT',
          getter: describeGetter(c.getter),
          carrier: describeValue(c.carrier),
        });
      }
    }
  }
}

if (AT !== undefined) {
  runOne(AT, true);
  process.exit(stats.some((s) => s.failures > 0) ? 1 : 0);
}

console.log(
  `fuzz: seed ${SEED}, ${RUNS.toLocaleString('en')} carriers × ${PROPAGATORS.length} propagators ` +
    `(replay with --seed ${SEED} --runs ${RUNS})`,
);
const t0 = performance.now();
for (let it = 0; it < RUNS; it++) runOne(it, false);
const wall = (performance.now() - t0) / 1000;

const pad = (s, n) => String(s).padEnd(n);
const num = (n) => n.toLocaleString('en').padStart(10);
console.log(
  `\n${pad('propagator', 32)}${'runs'.padStart(10)}${'spans'.padStart(10)}${'baggage'.padStart(10)}` +
    `${'pid'.padStart(10)}${'failures'.padStart(10)}${'time s'.padStart(9)}${'µs/case'.padStart(9)}` +
    `  slowest case`,
);
PROPAGATORS.forEach((p, i) => {
  const s = stats[i];
  console.log(
    `${pad(p.name, 32)}${num(RUNS)}${num(s.spans)}${num(s.bags)}${num(s.pids)}${num(s.failures)}` +
      `${(s.ms / 1000).toFixed(1).padStart(9)}${((s.ms * 1000) / RUNS).toFixed(2).padStart(9)}` +
      `  ${s.slowest.toFixed(2)} ms (--at ${s.slowestAt})`,
  );
});
console.log(
  '\n(spans / baggage / pid: carriers whose extract produced a new valid span context, new baggage,\n' +
    ' a new platform id. time: extract + checks + inject + re-extract; the slowest case includes GC\n' +
    ' pauses and JIT, so it is a lead to replay with --at, not a verdict)',
);
let failed = 0;
PROPAGATORS.forEach((p, i) => {
  const s = stats[i];
  if (s.failures === 0) return;
  failed++;
  console.log(
    `\n${p.name}: ${s.failures.toLocaleString('en')} failure(s); first ${s.shown.length}:`,
  );
  if (!SELF_TEST) for (const f of s.shown) console.log(JSON.stringify(f, null, 2));
  else console.log(`  e.g. ${s.shown[0].problem.slice(0, 160)}`);
});
const cases = `${(RUNS * PROPAGATORS.length).toLocaleString('en')} cases, ${wall.toFixed(1)} s wall (seed ${SEED})`;
if (SELF_TEST) {
  const missed = PROPAGATORS.filter((_, i) => stats[i].failures === 0).map((p) => p.name);
  console.log(
    missed.length === 0
      ? `\nfuzz self-test: every broken propagator was caught in ${cases}`
      : `\nfuzz self-test FAILED: not caught: ${missed.join(', ')} (${cases})`,
  );
  process.exit(missed.length === 0 ? 0 : 1);
}
console.log(
  `\nfuzz: ${failed === 0 ? 'no failures' : `${failed} propagator(s) FAILED`} in ${cases}`,
);
process.exit(failed === 0 ? 0 : 1);
