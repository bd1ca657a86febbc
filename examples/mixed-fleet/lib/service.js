'use strict';
/**
 * One service of the fleet, in its own process (forked by fleet.js with an IPC channel).
 *
 * It runs the real NodeSDK with @opentelemetry/instrumentation-http and is configured only through
 * its environment: OTEL_PROPAGATORS → `propagatorFromEnv()`. Finished spans, propagation warnings and
 * composite conflicts are sent to the orchestrator with `process.send`, so one place can draw the
 * whole trace. Works unchanged on SDK 2.x (sdk-node 0.2xx) and SDK 3.x (sdk-node 0.3xx): it uses only
 * NodeSDK options both lines accept and a span processor of its own (no sdk-trace-base import,
 * which SDK 3 renamed to sdk-trace).
 */
const { diag, DiagLogLevel, context, propagation, trace } = require('@opentelemetry/api');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { propagatorFromEnv, describePropagator } = require('@baton/propagator-env');
const { SERVICES, TRACE_HEADERS, TRACE_HEADER_PREFIXES } = require('./topology');

const NAME = process.env.BATON_DEMO_SERVICE;
const spec = SERVICES.find((s) => s.name === NAME);
if (!spec || typeof process.send !== 'function') {
  console.error('service.js is started by fleet.js (fork with IPC and BATON_DEMO_SERVICE set)');
  process.exit(2);
}
const send = (msg) => {
  if (process.connected) process.send(msg);
};
// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));

// Propagation warnings (unknown names in OTEL_PROPAGATORS, conflicts) go to the orchestrator.
diag.setLogger(
  {
    error: (m) => send({ type: 'diag', level: 'error', message: m }),
    warn: (m) => send({ type: 'diag', level: 'warn', message: m }),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  },
  DiagLogLevel.WARN,
);

/** A span processor that ships each finished span to the orchestrator (SDK 2 and 3 shapes). */
class IpcSpanProcessor {
  onStart() {}
  onEnd(span) {
    const sc = span.spanContext();
    const parent = span.parentSpanContext ?? undefined; // SDK 2.x and 3.x
    send({
      type: 'span',
      span: {
        service: NAME,
        name: span.name,
        kind: span.kind,
        traceId: sc.traceId,
        spanId: sc.spanId,
        sampled: (sc.traceFlags & 1) === 1,
        parentSpanId: parent ? parent.spanId : (span.parentSpanId ?? null),
        start: span.startTime[0] * 1e3 + span.startTime[1] / 1e6, // ms
        end: span.endTime[0] * 1e3 + span.endTime[1] / 1e6,
        peerPort: span.attributes['server.port'] ?? span.attributes['net.peer.port'] ?? null,
        attributes: span.attributes,
      },
    });
  }
  forceFlush() {
    return Promise.resolve();
  }
  shutdown() {
    return Promise.resolve();
  }
}

const propagator = propagatorFromEnv(process.env, {
  // The composite's hook: one line per conflicting request, shipped to the orchestrator.
  composite: { onConflict: (info) => send({ type: 'conflict', service: NAME, info }) },
});

const sdk = new NodeSDK({
  serviceName: NAME,
  autoDetectResources: false,
  textMapPropagator: propagator,
  spanProcessors: [new IpcSpanProcessor()],
  instrumentations: [new HttpInstrumentation()],
});
sdk.start();

// Required after sdk.start(), so the instrumentation has patched it.
const http = require('node:http');

let peers = {};
// Past HTTP (issue 17): a queue hop, a batch job, a worker thread — the gateway, when the fleet asks.
const boundariesReady =
  process.env.BATON_DEMO_BOUNDARIES === '1' && NAME === 'gateway'
    ? require('./boundaries').createBoundaries(send)
    : Promise.resolve(null);
const REQUEST_TIMEOUT_MS = 5000;

/** What arrived with this request, as the service's own context sees it. */
function observe(req) {
  const ctx = context.active();
  const span = trace.getSpan(ctx);
  const sc = span ? span.spanContext() : undefined;
  const baggage = {};
  const bag = propagation.getBaggage(ctx);
  if (bag) for (const [k, v] of bag.getAllEntries()) baggage[k] = v.value;
  // The platform id as this service would pass it on: what its own propagators inject.
  const onward = {};
  propagation.inject(ctx, onward);
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (TRACE_HEADERS.includes(k) || TRACE_HEADER_PREFIXES.some((p) => k.startsWith(p))) {
      headers[k] = v;
    }
  }
  return {
    service: NAME,
    path: req.url,
    traceId: sc ? sc.traceId : null,
    spanId: sc ? sc.spanId : null,
    sampled: sc ? (sc.traceFlags & 1) === 1 : null,
    baggage,
    platformId: typeof onward['platform-id'] === 'string' ? onward['platform-id'] : null,
    headers,
  };
}

/**
 * legacy-zipkin's Zipkin-era B3 layer (a sidecar / the old Zipkin HTTP client): sees the request as
 * it leaves — after the SDK injected its headers — and starts a new B3 trace when there is none.
 */
function legacyB3Sidecar(req) {
  if (req.getHeader('x-b3-traceid') !== undefined) return;
  const hex = (n) => require('node:crypto').randomBytes(n).toString('hex');
  req.setHeader('x-b3-traceid', hex(16));
  req.setHeader('x-b3-spanid', hex(8));
  req.setHeader('x-b3-sampled', '1');
}

function call(target) {
  return new Promise((resolve) => {
    const base = peers[target.service];
    if (!base) return resolve({ service: target.service, error: 'unknown peer' });
    const req = http.request(`${base}${target.path}`, { timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve({ service: target.service, error: `bad response (${res.statusCode})` });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ service: target.service, error: err.message }));
    if (spec.legacyB3Sidecar) legacyB3Sidecar(req);
    req.end();
  });
}

const server = http.createServer(async (req, res) => {
  const path = (req.url || '/').split('?')[0];
  const calls = spec.routes[path];
  const span = trace.getActiveSpan();
  if (span) span.updateName(`${req.method} ${path}`);
  if (!calls) {
    res.writeHead(404).end();
    return;
  }
  const seen = observe(req);
  if (span) {
    if (Object.keys(seen.baggage).length)
      span.setAttribute('demo.baggage', JSON.stringify(seen.baggage));
    if (seen.platformId) span.setAttribute('demo.platform_id', seen.platformId);
  }
  const children = [];
  for (const target of calls) children.push(await call(target)); // sequential: a readable waterfall
  const boundaries = path === '/checkout' ? await boundariesReady : null;
  if (boundaries) await boundaries.run();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...seen, calls: children }));
});

process.on('message', (msg) => {
  if (msg && msg.type === 'peers') {
    peers = msg.peers;
    send({ type: 'peers-ok' });
  } else if (msg && msg.type === 'flush') {
    // Server spans end on the response's 'finish'; let pending I/O callbacks run, then report.
    setImmediate(() => send({ type: 'flushed', id: msg.id }));
  }
});

server.listen(0, '127.0.0.1', async () => {
  const boundaries = await boundariesReady;
  send({
    type: 'ready',
    name: NAME,
    port: server.address().port,
    propagators: process.env.OTEL_PROPAGATORS,
    description: describePropagator(propagator),
    queue: boundaries ? boundaries.queue : null,
  });
});
