#!/usr/bin/env node
/**
 * Do a long-running server's own major GCs deoptimise Baton's code for "weak objects"?
 *
 * V8's optimised code holds the maps (hidden classes) it was specialised for weakly. When a full GC
 * finds no live object of such a map for a few collections in a row (V8 keeps maps used by
 * optimised code for `--retain-maps-for-n-gc`, 2 by default), the map is freed and every function
 * optimised against it is marked for deoptimisation, "reason: weak objects". Objects that exist only
 * during one call — a composite's per-extract overlay nodes and keys getter — are the candidates:
 * between requests none of them is alive.
 *
 * This script measures it: it starts bench/gc/server.js (a loopback server extracting and injecting
 * the five-format composite per request, on a large churning heap) under `--trace-deopt --trace-gc`,
 * drives it with keep-alive requests for a bounded time, and counts, from the server's own trace,
 * major GCs and the functions marked "weak objects" after warm-up.
 *
 *   node bench/gc/soak.js                       Baton then official, 180 s each
 *   node bench/gc/soak.js --side baton --seconds 60 --retained-mb 256 --churn-kb 64 --concurrency 8
 *   node bench/gc/soak.js --side baton --server /tmp/old-build/bench/gc/server.js
 *   node bench/gc/soak.js --old-space-mb 384      cap the old generation: a major GC every few s
 *
 * Only 127.0.0.1; every process it starts is stopped when it ends. Results: bench/gc/README.md.
 */
'use strict';
const http = require('node:http');
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const readline = require('node:readline');

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SECONDS = Math.min(600, Number(arg('--seconds', '180'))); // bounded: at most 10 minutes a side
const WARMUP_SECONDS = Math.min(30, SECONDS / 4);
const RETAINED_MB = arg('--retained-mb', '256');
const CONCURRENCY = Number(arg('--concurrency', '8'));
const CHURN_KB = arg('--churn-kb', '64');
// A ceiling on the old generation, some way above what is retained: V8 then collects it every few
// seconds instead of letting it grow (more major GCs per minute of load). 0: V8's own limit.
const OLD_SPACE_MB = Number(arg('--old-space-mb', '0'));
// Another build's server (e.g. a scratch build of an older commit, to compare): its own path.
const SERVER = arg('--server', join(__dirname, 'server.js'));
const SIDES = arg('--side', 'both') === 'both' ? ['baton', 'official'] : [arg('--side')];

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const hex = (n, w) => (n >>> 0).toString(16).padStart(w, '0');
/** 256 requests' headers, each a new trace in every format (as a fleet writing five formats sends). */
const carriers = Array.from({ length: 256 }, (_, i) => {
  const traceId = hex(0x4bf92f35 + i, 8) + TRACE.slice(8);
  const spanId = hex(0x10000 + i * 7919, 8) + hex(Math.imul(i + 7, 0x85ebca6b), 8);
  return {
    'user-agent': 'soak/1.0',
    accept: 'application/json',
    'x-request-id': `req-${i}`,
    traceparent: `00-${traceId}-${spanId}-01`,
    tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    baggage: 'userId=alice,serverNode=DF%2028,isProduction=false',
    b3: `${traceId}-${spanId}-1`,
    'x-b3-traceid': traceId,
    'x-b3-spanid': spanId,
    'x-b3-sampled': '1',
    'uber-trace-id': `${traceId}:${spanId}:0:1`,
    'uberctx-tenant': 'acme',
  };
});

/** Starts the server under the tracing flags; resolves once it listens. */
function startServer(side, stats) {
  const child = spawn(
    process.execPath,
    [
      '--trace-deopt',
      '--trace-gc',
      ...(OLD_SPACE_MB > 0 ? [`--max-old-space-size=${OLD_SPACE_MB}`] : []),
      SERVER,
      side,
      RETAINED_MB,
      CHURN_KB,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const port = /^listening (\d+)$/.exec(line);
      if (port) return resolve({ child, port: Number(port[1]) });
      const done = /^requests (\d+)$/.exec(line);
      if (done) stats.serverRequests = Number(done[1]);
      classify(line, (Date.now() - started) / 1000, stats);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

/** Counts what one line of the server's trace says. */
function classify(line, t, stats) {
  const steady = t >= WARMUP_SECONDS;
  if (line.includes(': Mark-Compact') || line.includes(': Mark-sweep')) {
    stats.majorGcs[steady ? 'steady' : 'warmup']++;
    return;
  }
  if (line.includes(': Scavenge')) {
    stats.scavenges++;
    return;
  }
  const weak =
    /^\[marking dependent code .*<SharedFunctionInfo ?([^>]*)>.*reason: weak objects\]/.exec(line);
  if (weak) {
    const name = weak[1] || '(anonymous)';
    const bucket = stats.weak[steady ? 'steady' : 'warmup'];
    bucket[name] = (bucket[name] || 0) + 1;
    if (steady) stats.weakTimes.push(Math.round(t));
    return;
  }
  const bailout = /^\[bailout \(kind: ([^,]+), reason: ([^)]*)\).*<JSFunction ?([^ >]*)/.exec(line);
  if (bailout && steady) {
    const key = `${bailout[3] || '(anonymous)'} — ${bailout[1]}: ${bailout[2]}`;
    stats.steadyBailouts[key] = (stats.steadyBailouts[key] || 0) + 1;
  }
}

/** Keep-alive requests from CONCURRENCY loops until `until`; resolves with the number completed. */
function load(port, until) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let done = 0;
  let next = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/', agent, headers: carriers[next++ & 255] },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
  const loop = async () => {
    while (Date.now() < until) {
      await one();
      done++;
    }
  };
  return Promise.all(Array.from({ length: CONCURRENCY }, loop)).then(() => {
    agent.destroy();
    return done;
  });
}

async function soak(side) {
  const stats = {
    side,
    server: SERVER,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    retainedMb: Number(RETAINED_MB),
    churnKbPerRequest: Number(CHURN_KB),
    oldSpaceMb: OLD_SPACE_MB || undefined,
    majorGcs: { warmup: 0, steady: 0 },
    scavenges: 0,
    weak: { warmup: {}, steady: {} },
    weakTimes: [],
    steadyBailouts: {},
    requests: 0,
  };
  const { child, port } = await startServer(side, stats);
  try {
    stats.requests = await load(port, Date.now() + SECONDS * 1000);
  } finally {
    child.removeAllListeners('exit');
    await new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  return stats;
}

async function main() {
  const all = [];
  for (const side of SIDES) {
    process.stderr.write(
      `soak: ${side}, ${SECONDS} s, ${RETAINED_MB} MB retained, ${CHURN_KB} KB replaced per request` +
        (OLD_SPACE_MB ? `, old space capped at ${OLD_SPACE_MB} MB` : '') +
        '\n',
    );
    const s = await soak(side);
    all.push(s);
    const steadyWeak = Object.entries(s.weak.steady).sort((a, b) => b[1] - a[1]);
    console.log(
      `\n## ${side}: ${s.requests} requests in ${s.seconds} s (${Math.round(s.requests / s.seconds)}/s), ` +
        `${s.majorGcs.warmup + s.majorGcs.steady} major GCs (${s.majorGcs.steady} after the ${s.warmupSeconds} s warm-up), ${s.scavenges} scavenges`,
    );
    console.log(
      `"weak objects" marks during warm-up: ${sum(s.weak.warmup)}; after warm-up: ${sum(s.weak.steady)}` +
        (s.weakTimes.length ? ` (at ${summariseTimes(s.weakTimes)} s)` : ''),
    );
    for (const [name, n] of steadyWeak) console.log(`  ${n} × ${name}`);
    const bail = Object.entries(s.steadyBailouts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    if (bail.length) {
      console.log('deoptimisations after warm-up, by function and reason:');
      for (const [reason, n] of bail) console.log(`  ${n} × ${reason}`);
    }
  }
  if (args.includes('--json')) {
    require('node:fs').writeFileSync(arg('--json'), JSON.stringify(all, null, 2));
  }
}

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
function summariseTimes(ts) {
  const uniq = [...new Set(ts)];
  return uniq.length > 12 ? `${uniq.slice(0, 12).join(', ')}, …` : uniq.join(', ');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
