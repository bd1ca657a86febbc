'use strict';
/**
 * The fleet: five services, each configured ONLY by its own OTEL_PROPAGATORS, and the call graph.
 *
 * The graph is chosen so that every hop's sender writes a format its receiver reads, as in a real
 * migration: the gateway speaks every format, so it is the one place where formats meet; each other
 * service speaks its own and talks to the others through the gateway.
 *
 *   client ─▶ gateway GET /checkout
 *               ├─▶ new-service   GET /cart     (gateway writes traceparent + baggage + platform-id)
 *               ├─▶ legacy-jaeger GET /stock    (gateway writes uber-trace-id + uberctx-*)
 *               ├─▶ legacy-zipkin GET /price    (gateway writes x-b3-*)
 *               │     └─▶ gateway GET /fx-rate  (legacy-zipkin writes x-b3-*)
 *               └─▶ aws-lambda    GET /invoke   (gateway writes X-Amzn-Trace-Id)
 */

const SERVICES = [
  {
    name: 'gateway',
    propagators: 'tracecontext,baggage,b3multi,jaeger,platform-id,xray',
    role: 'edge: reads and writes every format',
    routes: {
      '/checkout': [
        { service: 'new-service', path: '/cart' },
        { service: 'legacy-jaeger', path: '/stock' },
        { service: 'legacy-zipkin', path: '/price' },
        { service: 'aws-lambda', path: '/invoke' },
      ],
      '/fx-rate': [],
    },
  },
  {
    name: 'new-service',
    propagators: 'tracecontext,baggage,platform-id',
    role: 'new: W3C only',
    routes: { '/cart': [] },
  },
  {
    name: 'legacy-jaeger',
    propagators: 'jaeger',
    role: 'legacy Jaeger client',
    routes: { '/stock': [] },
  },
  {
    name: 'legacy-zipkin',
    propagators: 'b3multi',
    role: 'legacy Zipkin client, behind a B3 sidecar',
    // Its outgoing calls pass through a Zipkin-era B3 layer (a mesh sidecar / the old Zipkin HTTP
    // client) that stamps fresh x-b3-* ids on any request that leaves without them. Harmless while
    // the service writes B3 itself; see MISCONFIGURATION for when it is not.
    legacyB3Sidecar: true,
    routes: { '/price': [{ service: 'gateway', path: '/fx-rate' }] },
  },
  {
    name: 'aws-lambda',
    propagators: 'xray',
    role: 'an AWS Lambda-style service: X-Ray header only',
    routes: { '/invoke': [] },
  },
];

/**
 * The misconfigured run (`npm run demo -- --misconfigure`): legacy-zipkin's team "moves to W3C" by
 * setting OTEL_PROPAGATORS=tracecontext,baggage and drops b3multi. It still joins the trace (the
 * gateway sends traceparent too), but its calls now leave without x-b3-*, so its B3 sidecar starts a
 * NEW B3 trace. The gateway receives traceparent (trace A) and x-b3-* (trace B) on one request: its
 * composite reports the conflict, and with the default precedence ('last' valid wins, as core) it
 * continues trace B — the trace splits at /fx-rate. The fix: keep b3multi in the list while a B3
 * sidecar sits in the path (OTEL_PROPAGATORS=tracecontext,baggage,b3multi).
 */
const MISCONFIGURATION = {
  service: 'legacy-zipkin',
  propagators: 'tracecontext,baggage',
  story:
    'legacy-zipkin switched to OTEL_PROPAGATORS=tracecontext,baggage (b3multi dropped) while its ' +
    'B3 sidecar still stamps x-b3-* on requests that carry none',
  fix: 'OTEL_PROPAGATORS=tracecontext,baggage,b3multi on legacy-zipkin',
};

/** The tracing headers a service records on arrival (what its caller actually sent). */
const TRACE_HEADERS = [
  'traceparent',
  'tracestate',
  'baggage',
  'platform-id',
  'b3',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-sampled',
  'x-b3-flags',
  'uber-trace-id',
  'x-amzn-trace-id',
];
/** Jaeger baggage arrives as one header per key. */
const TRACE_HEADER_PREFIXES = ['uberctx-'];

/** Every hop of the graph as [caller, callee, path], derived from the routes. */
function hops() {
  const list = [];
  for (const s of SERVICES) {
    for (const calls of Object.values(s.routes)) {
      for (const c of calls) list.push({ caller: s.name, callee: c.service, path: c.path });
    }
  }
  return list;
}

function servicesFor({ misconfigure = false } = {}) {
  return SERVICES.map((s) =>
    misconfigure && s.name === MISCONFIGURATION.service
      ? { ...s, propagators: MISCONFIGURATION.propagators, misconfigured: true }
      : { ...s },
  );
}

module.exports = {
  SERVICES,
  MISCONFIGURATION,
  TRACE_HEADERS,
  TRACE_HEADER_PREFIXES,
  ENTRY: { service: 'gateway', path: '/checkout' },
  hops,
  servicesFor,
};
