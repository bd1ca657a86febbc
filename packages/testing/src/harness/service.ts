/**
 * One in-process service: a node:http server on 127.0.0.1 with its own propagator and its own SDK
 * tracer provider. The harness does what HTTP instrumentation does — extract, a server span, a
 * client span per outgoing call, inject — but with this service's propagator instead of the one
 * global propagator, so services configured differently can share one process.
 */
import http from 'node:http';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { propagatorFromEnv } from '@baton/propagator-env';
import { startTracing, type Tracing } from './sdk';
import { CLIENT, SERVER } from './spans';

/** Where the request goes next, and the baggage to start with: the harness's own headers. */
export const ROUTE_HEADER = 'x-baton-harness-route';
export const SEED_HEADER = 'x-baton-harness-baggage';
const REQUEST_TIMEOUT_MS = 5000;

export interface ServiceConfig {
  name: string;
  /** An OTEL_PROPAGATORS value (`'tracecontext,baggage'`) or a propagator object. */
  propagators: string | TextMapPropagator;
}

/** What one service saw when the request arrived. */
export interface Hop {
  service: string;
  /** The request headers, without the harness's own. */
  headers: Record<string, string>;
  /** The trace id extracted from them (null: none, the service started a new trace). */
  traceId: string | null;
  baggage: Record<string, string>;
  /** What this service would send on: its propagator's inject of the context it extracted. */
  forwards: Record<string, string>;
  /** Its server span, and the client span of its call onward (null at the end of the route). */
  serverSpanId: string;
  clientSpanId: string | null;
}

export interface Service {
  name: string;
  port: number;
  propagator: TextMapPropagator;
  tracing: Tracing;
  close(): Promise<void>;
}

export function resolvePropagator(config: ServiceConfig): TextMapPropagator {
  const p = config.propagators;
  if (typeof p === 'string') return propagatorFromEnv({ OTEL_PROPAGATORS: p });
  if (p && typeof p.inject === 'function' && typeof p.extract === 'function') return p;
  throw new TypeError(
    `@baton/testing: service "${config.name}": propagators must be an OTEL_PROPAGATORS string ` +
      `(e.g. 'tracecontext,baggage') or a TextMapPropagator, got ${String(p)}`,
  );
}

function bagOf(ctx: Context): Record<string, string> {
  const bag = propagation.getBaggage(ctx);
  return bag ? Object.fromEntries(bag.getAllEntries().map(([k, e]) => [k, e.value])) : {};
}

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () =>
      req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms: ${url}`)),
    );
    req.on('error', reject);
  });
}

export { get as httpGet };

export function startService(config: ServiceConfig, peers: Map<string, Service>): Promise<Service> {
  const propagator = resolvePropagator(config);
  const tracing = startTracing();
  const { name } = config;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k !== ROUTE_HEADER && k !== SEED_HEADER && typeof v === 'string') headers[k] = v;
    }
    let ctx = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const seed = req.headers[SEED_HEADER];
    if (typeof seed === 'string') {
      const entries = JSON.parse(decodeURIComponent(seed)) as Record<string, string>;
      const record = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }]));
      ctx = propagation.setBaggage(ctx, propagation.createBaggage(record));
    }
    const forwards: Record<string, string> = {};
    propagator.inject(ctx, forwards, defaultTextMapSetter);
    const server = tracing.tracer.startSpan(`GET /${name}`, { kind: SERVER }, ctx);
    const hop: Hop = {
      service: name,
      headers,
      traceId: trace.getSpanContext(ctx)?.traceId ?? null,
      baggage: bagOf(ctx),
      forwards,
      serverSpanId: server.spanContext().spanId,
      clientSpanId: null,
    };
    if (Object.keys(hop.baggage).length) {
      server.setAttribute('baton.baggage', JSON.stringify(hop.baggage));
    }
    const inner = trace.setSpan(ctx, server);
    const [next, ...rest] = String(req.headers[ROUTE_HEADER] ?? '')
      .split(',')
      .filter(Boolean);
    let hops: Hop[] = [hop];
    let status = 200;
    if (next !== undefined) {
      const peer = peers.get(next);
      const url = `http://127.0.0.1:${peer?.port ?? 0}/${next}`;
      const client = tracing.tracer.startSpan(
        'GET', // as HTTP instrumentation names it; the waterfall adds the callee and path
        { kind: CLIENT, attributes: { 'server.port': peer?.port ?? 0, 'url.full': url } },
        inner,
      );
      hop.clientSpanId = client.spanContext().spanId;
      const out: Record<string, string> = { [ROUTE_HEADER]: rest.join(',') };
      propagator.inject(trace.setSpan(inner, client), out, defaultTextMapSetter);
      try {
        if (!peer) throw new Error(`no service named "${next}"`);
        const reply = await get(url, out);
        status = reply.status;
        hops = hops.concat((JSON.parse(reply.body) as { hops: Hop[] }).hops);
      } catch (err) {
        status = 502;
        server.setAttribute('baton.error', String(err));
      }
      client.end();
    }
    server.end(); // before the reply: the caller collects spans once the reply is in
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ hops }));
  }

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => {
      const address = httpServer.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        name,
        port,
        propagator,
        tracing,
        close: async () => {
          const closed = new Promise<void>((done) => httpServer.close(() => done()));
          httpServer.closeAllConnections(); // keep-alive sockets would hold close() open
          await closed;
          await tracing.shutdown();
        },
      });
    });
  });
}
