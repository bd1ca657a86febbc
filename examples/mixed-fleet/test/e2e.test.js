/* global describe, test, expect, beforeAll, afterAll */
'use strict';
/**
 * End-to-end over real HTTP: the five services of the demo, each its own process with the real
 * NodeSDK + instrumentation-http, configured only by OTEL_PROPAGATORS. Plain JavaScript with no
 * repository paths in the assertions, so scripts/sdk3/run.sh runs these same files against
 * OpenTelemetry SDK 3.x on Node 22.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startFleet } = require('../lib/fleet');
const { hops, MISCONFIGURATION, SERVICES, ENTRY } = require('../lib/topology');

const SERVER = 1; // SpanKind.SERVER
const CLIENT = 2; // SpanKind.CLIENT
const HEX32 = /^[0-9a-f]{32}$/;
const INVALID_TRACE_ID = '0'.repeat(32);

const repo = path.join(__dirname, '..', '..', '..');
/** True when these tests run inside the repository (scripts/sdk3 runs them from a copy). */
const inRepository = fs.existsSync(path.join(repo, 'packages', 'internal', 'src'));

/**
 * The package sources edited after their last build: each package's newest `src/` file against its
 * build's `dist/cjs/.tsbuildinfo` (tsc -b writes it on every build of that package). Issue 20:
 * running these tests alone after a source edit used to exercise the previous `dist`.
 */
function staleSources() {
  const stale = [];
  const packagesDir = path.join(repo, 'packages');
  for (const dir of fs.readdirSync(packagesDir)) {
    const src = path.join(packagesDir, dir, 'src');
    const info = path.join(packagesDir, dir, 'dist', 'cjs', '.tsbuildinfo');
    if (!fs.existsSync(src)) continue;
    const built = fs.existsSync(info) ? fs.statSync(info).mtimeMs : -Infinity;
    for (const file of fs.readdirSync(src, { recursive: true })) {
      const full = path.join(src, String(file));
      if (fs.statSync(full).isFile() && fs.statSync(full).mtimeMs > built) stale.push(full);
    }
  }
  return stale;
}

/**
 * In the repository the services load the built packages: build when any source is newer than its
 * build (tsc -b is incremental). After CI's own build nothing is stale, so nothing is rebuilt
 * while other suites read dist.
 */
function ensureBuilt() {
  if (!inRepository) return; // a copy of the example (scripts/sdk3): its packages are installed
  if (staleSources().length === 0) return;
  execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
}

/** The response tree → one observation per hop (what each service saw on arrival). */
function observations(body) {
  const out = [];
  const walk = (node, caller) => {
    out.push({ ...node, caller });
    for (const c of node.calls || []) walk(c, node.service);
  };
  walk(body, 'client');
  return out;
}

const at = (obs, service, p) => obs.find((o) => o.service === service && o.path === p);
const hex = (n) =>
  Array.from({ length: n }, (_, i) => 'abcdef0123456789'[(i * 7 + n) % 16]).join('');

let fleet;
let misconfigured;

beforeAll(async () => {
  ensureBuilt();
  [fleet, misconfigured] = await Promise.all([startFleet(), startFleet({ misconfigure: true })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([fleet && fleet.stop(), misconfigured && misconfigured.stop()]);
});

(inRepository ? describe : describe.skip)('the services run the current sources', () => {
  test('no package source is newer than its build (a stale dist is rebuilt first)', () => {
    expect(staleSources()).toEqual([]);
  });
});

describe('each service is configured only by its OTEL_PROPAGATORS', () => {
  // Task brief, DESCRIPTION CONVENTION: "Composite[A, B, C]", "B3(multi)", "Jaeger", "PlatformId".
  test.each([
    ['gateway', 'Composite[W3CTraceContext, W3CBaggage, B3(multi), Jaeger, PlatformId, AWSXRay]'],
    ['new-service', 'Composite[W3CTraceContext, W3CBaggage, PlatformId]'],
    ['legacy-jaeger', 'Jaeger'],
    ['legacy-zipkin', 'B3(multi)'],
    ['aws-lambda', 'AWSXRay'],
  ])('%s resolves to %s', (name, description) => {
    expect(fleet.services.get(name).description).toBe(description);
  });
});

describe('one request, no incoming trace: one trace across every hop', () => {
  let result;
  let obs;
  beforeAll(async () => {
    result = await fleet.trace({ baggage: 'user.tier=gold', 'platform-id': 'plat-7f3a' });
    obs = observations(result.response.body);
  }, 30_000);

  test('the gateway answers 200 and every hop of the graph was reached', () => {
    expect(result.response.status).toBe(200);
    // The response nests each call under its caller: the routes walked depth first.
    const expected = [`client->${ENTRY.service}${ENTRY.path}`];
    const walk = (service, p) => {
      for (const c of SERVICES.find((s) => s.name === service).routes[p]) {
        expected.push(`${service}->${c.service}${c.path}`);
        walk(c.service, c.path);
      }
    };
    walk(ENTRY.service, ENTRY.path);
    expect(expected).toHaveLength(hops().length + 1);
    expect(obs.map((o) => `${o.caller}->${o.service}${o.path}`)).toEqual(expected);
  });

  test('every service sees the same, valid trace id', () => {
    const ids = new Set(obs.map((o) => o.traceId));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(id).toMatch(HEX32);
    expect(id).not.toBe(INVALID_TRACE_ID);
  });

  test('every span from every process carries that trace id', () => {
    const services = new Set(result.spans.map((s) => s.service));
    expect([...services].sort()).toEqual([
      'aws-lambda',
      'gateway',
      'legacy-jaeger',
      'legacy-zipkin',
      'new-service',
    ]);
    // a server span per hop plus the entry, a client span per hop
    expect(result.spans.filter((s) => s.kind === SERVER)).toHaveLength(hops().length + 1);
    expect(result.spans.filter((s) => s.kind === CLIENT)).toHaveLength(hops().length);
    expect(new Set(result.spans.map((s) => s.traceId))).toEqual(new Set([obs[0].traceId]));
    expect(result.conflicts).toEqual([]);
  });

  test('the entry span is a root: the client sent no trace', () => {
    const entry = result.spans.find((s) => s.kind === SERVER && s.name === 'GET /checkout');
    expect(entry.parentSpanId ?? null).toBeNull();
  });

  test.each(hops())(
    "$callee $path: its server span is the child of $caller's client span",
    ({ caller, callee, path: p }) => {
      const server = result.spans.find(
        (s) => s.kind === SERVER && s.service === callee && s.name === `GET ${p}`,
      );
      expect(server).toBeDefined();
      const parent = result.spans.find((s) => s.spanId === server.parentSpanId);
      expect(parent).toBeDefined();
      expect(parent.kind).toBe(CLIENT);
      expect(parent.service).toBe(caller);
      expect(parent.peerPort).toBe(fleet.services.get(callee).port);
      // and that is the span id the callee saw on arrival
      expect(at(observations(result.response.body), callee, p).spanId).toBe(server.spanId);
    },
  );
});

describe('an incoming trace is continued, and its sampling decision honoured', () => {
  test('sampled traceparent: every hop continues it; the gateway span is the child of the sender', async () => {
    const traceId = hex(32);
    const spanId = hex(16);
    const r = await fleet.trace({ traceparent: `00-${traceId}-${spanId}-01` });
    const obs = observations(r.response.body);
    expect(obs.map((o) => [o.traceId, o.sampled])).toEqual(obs.map(() => [traceId, true]));
    const entry = r.spans.find((s) => s.kind === SERVER && s.name === 'GET /checkout');
    expect(entry.parentSpanId).toBe(spanId);
    expect(r.spans).toHaveLength(2 * hops().length + 1);
  });

  test('X-Ray at the edge (issue 16: `Root=1-{8}-{24};Parent={16};Sampled=1`): every hop continues it', async () => {
    const traceId = hex(32).replace(/^./, '3');
    const parent = hex(16);
    const r = await fleet.trace({
      'x-amzn-trace-id': `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${parent};Sampled=1`,
    });
    const obs = observations(r.response.body);
    expect(obs.map((o) => [o.traceId, o.sampled])).toEqual(obs.map(() => [traceId, true]));
    const entry = r.spans.find((s) => s.kind === SERVER && s.name === 'GET /checkout');
    expect(entry.parentSpanId).toBe(parent);
  });

  describe('not sampled (traceparent flags 00): propagated as not sampled in every format, nothing recorded', () => {
    const traceId = hex(32).replace(/^./, '1');
    let r;
    let obs;
    beforeAll(async () => {
      r = await fleet.trace({ traceparent: `00-${traceId}-${hex(16)}-00` });
      obs = observations(r.response.body);
    }, 30_000);

    test('every hop sees the same trace, not sampled, and no span is exported', () => {
      expect(obs.map((o) => [o.traceId, o.sampled])).toEqual(obs.map(() => [traceId, false]));
      expect(r.spans.filter((s) => s.traceId === traceId)).toEqual([]);
    });

    test.each([
      // W3C-TC: the sampled flag is bit 0 of trace-flags
      ['new-service', '/cart', 'traceparent', (v) => v.endsWith('-00')],
      // REQUIREMENTS §4: "multi: `x-b3-traceid`, `x-b3-spanid`, then `x-b3-flags: 1` or `x-b3-sampled: 1|0`"
      ['legacy-zipkin', '/price', 'x-b3-sampled', (v) => v === '0'],
      // REQUIREMENTS §5: "Inject `{32}:{16}:0:{1|0|3}`", written as two digits (Jaeger README: drop-in)
      [
        'legacy-jaeger',
        '/stock',
        'uber-trace-id',
        (v) => v === `${traceId}:${v.split(':')[1]}:0:00`,
      ],
      // the legacy B3 service passes the decision on
      ['gateway', '/fx-rate', 'x-b3-sampled', (v) => v === '0'],
      // issue 16: "Inject: `Root=1-{8}-{24};Parent={16};Sampled={0|1}`"
      [
        'aws-lambda',
        '/invoke',
        'x-amzn-trace-id',
        (v) =>
          v.startsWith(`Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=`) &&
          v.endsWith(';Sampled=0'),
      ],
    ])('%s %s received %s saying "not sampled"', (service, p, header, check) => {
      const value = at(obs, service, p).headers[header];
      expect(typeof value).toBe('string');
      expect(check(value)).toBe(true);
    });
  });

  describe('B3 debug (x-b3-flags: 1) at the edge: sampled everywhere, debug kept across formats', () => {
    const traceId = hex(32).replace(/^./, '2');
    let r;
    let obs;
    beforeAll(async () => {
      r = await fleet.trace({ 'x-b3-traceid': traceId, 'x-b3-spanid': hex(16), 'x-b3-flags': '1' });
      obs = observations(r.response.body);
    }, 30_000);

    test('every hop continues the trace as sampled, and spans are recorded', () => {
      expect(obs.map((o) => [o.traceId, o.sampled])).toEqual(obs.map(() => [traceId, true]));
      expect(r.spans.filter((s) => s.traceId === traceId)).toHaveLength(2 * hops().length + 1);
    });

    test.each([
      // §4: "Debug survives re-encoding ... `x-b3-flags: 1` (and no `x-b3-sampled`)"
      [
        'legacy-zipkin',
        '/price',
        (h) => h['x-b3-flags'] === '1' && h['x-b3-sampled'] === undefined,
      ],
      // §5: "Inject `{32}:{16}:0:{1|0|3}`" — 3 = sampled + debug
      ['legacy-jaeger', '/stock', (h) => h['uber-trace-id'].endsWith(':0:03')],
      // through the legacy B3 service and back: still debug
      ['gateway', '/fx-rate', (h) => h['x-b3-flags'] === '1'],
      // W3C has no debug flag: sampled only
      ['new-service', '/cart', (h) => h.traceparent.endsWith('-01')],
      // X-Ray has none either: Sampled=1
      ['aws-lambda', '/invoke', (h) => h['x-amzn-trace-id'].endsWith(';Sampled=1')],
    ])('%s %s received the debug decision', (service, p, check) => {
      expect(check(at(obs, service, p).headers)).toBe(true);
    });
  });
});

describe('baggage and platform id arrive where their format is spoken', () => {
  let obs;
  beforeAll(async () => {
    const r = await fleet.trace({
      baggage: 'user.tier=gold,note=caf%C3%A9%20au%20lait',
      'platform-id': 'plat-7f3a',
    });
    obs = observations(r.response.body);
  }, 30_000);

  const both = { baggage: { 'user.tier': 'gold', note: 'café au lait' }, platformId: 'plat-7f3a' };
  test.each([
    // the edge reads W3C baggage and platform-id
    ['gateway', '/checkout', both],
    // W3C baggage + platform-id, written by the gateway
    ['new-service', '/cart', both],
    // §5: "`uberctx-{key}` → Baggage, value percent-decoded"; Jaeger has no platform id
    ['legacy-jaeger', '/stock', { baggage: both.baggage, platformId: null }],
    // B3 carries neither: a legacy B3 hop drops them (a fact of the format, not a bug)
    ['legacy-zipkin', '/price', { baggage: {}, platformId: null }],
    ['gateway', '/fx-rate', { baggage: {}, platformId: null }],
    // X-Ray carries only Lineage (none here): nothing else crosses
    ['aws-lambda', '/invoke', { baggage: {}, platformId: null }],
  ])('%s %s', (service, p, expected) => {
    const o = at(obs, service, p);
    expect({ baggage: o.baggage, platformId: o.platformId }).toEqual(expected);
  });
});

describe('garbage at the edge: a fresh trace, never an error', () => {
  const junkId = 'abcdefabcdefabcdefabcdefabcdefab';
  // §2 "reject uppercase, all-zero ids, version `ff`, wrong lengths"; §4 "Reject other lengths,
  // uppercase, non-hex, all-zero"; §5 "reject ... not exactly four fields"
  test.each([
    ['uppercase traceparent', { traceparent: `00-${junkId.toUpperCase()}-ABCDEFABCDEFABCD-01` }],
    ['all-zero trace id', { traceparent: `00-${INVALID_TRACE_ID}-abcdefabcdefabcd-01` }],
    ['version ff', { traceparent: `ff-${junkId}-abcdefabcdefabcd-01` }],
    ['truncated traceparent', { traceparent: `00-${junkId}-abcdef` }],
    ['b3 with a bad sampling field', { b3: `${junkId}-abcdefabcdefabcd-x` }],
    [
      'non-hex x-b3-traceid',
      { 'x-b3-traceid': 'zz'.repeat(16), 'x-b3-spanid': 'abcdefabcdefabcd' },
    ],
    ['uber-trace-id with three fields', { 'uber-trace-id': `${junkId}:abcdefabcdefabcd:1` }],
    [
      '4 KB of junk in every header',
      { traceparent: 'x'.repeat(4096), b3: '-'.repeat(4096), 'uber-trace-id': ':'.repeat(4096) },
    ],
  ])('%s', async (_name, headers) => {
    const r = await fleet.trace(headers);
    expect(r.response.status).toBe(200);
    const obs = observations(r.response.body);
    const ids = new Set(obs.map((o) => o.traceId));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(id).toMatch(HEX32);
    expect([junkId, INVALID_TRACE_ID]).not.toContain(id);
    const entry = r.spans.find((s) => s.kind === SERVER && s.name === 'GET /checkout');
    expect(entry.traceId).toBe(id);
    expect(entry.parentSpanId ?? null).toBeNull();
  });
});

describe(`misconfigured: ${MISCONFIGURATION.service} with OTEL_PROPAGATORS=${MISCONFIGURATION.propagators}`, () => {
  let r;
  let obs;
  beforeAll(async () => {
    r = await misconfigured.trace({ baggage: 'user.tier=gold' });
    obs = observations(r.response.body);
  }, 30_000);

  test('the trace splits at the hop after the misconfigured service', () => {
    const main = at(obs, 'gateway', '/checkout').traceId;
    // it still joins: the gateway sends traceparent too
    expect(at(obs, MISCONFIGURATION.service, '/price').traceId).toBe(main);
    const split = at(obs, 'gateway', '/fx-rate').traceId;
    expect(split).toMatch(HEX32);
    expect(split).not.toBe(main);
    expect(new Set(r.spans.map((s) => s.traceId))).toEqual(new Set([main, split]));
  });

  // §7: "a conflict hook called when two members extract different trace ids from one carrier"
  test("the gateway's composite reports the conflict through onConflict", () => {
    const main = at(obs, 'gateway', '/checkout').traceId;
    const split = at(obs, 'gateway', '/fx-rate').traceId;
    expect(r.conflicts).toHaveLength(1);
    const [c] = r.conflicts;
    expect(c.service).toBe('gateway');
    expect(c.extractions.map((e) => [e.propagator, e.traceId])).toEqual([
      ['W3CTraceContext', main],
      ['B3(multi)', split],
    ]);
    // §7: "Default precedence as core (`last valid wins`)"
    expect(c.precedence).toBe('last');
    expect(c.chosen.traceId).toBe(split);
  });

  test('the correctly configured fleet reports no conflict for the same request', async () => {
    const ok = await fleet.trace({ baggage: 'user.tier=gold' });
    expect(ok.conflicts).toEqual([]);
    expect(new Set(ok.spans.map((s) => s.traceId)).size).toBe(1);
  });
});
