/**
 * With the real SDK: BasicTracerProvider, the async-hooks context manager, node:http servers on
 * 127.0.0.1, and NodeSDK. A Jaeger-instrumented client (headers exactly as Jaeger clients write
 * them: leading zeros stripped, `%3A` colons, form-encoded baggage) calls a service using Baton,
 * which calls a downstream; the trace, the debug flag and the baggage arrive whole.
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { JaegerPropagator } from '@baton/propagator-jaeger';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('jaeger-test');
const contextManager = new AsyncHooksContextManager();
const jaeger = new JaegerPropagator();

beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
afterAll(() => {
  contextManager.disable();
  context.disable();
});

function listen(handler: (headers: IncomingHttpHeaders) => Promise<string>): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req.headers).then(
      (body) => res.end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function get(server: Server, headers: OutgoingHttpHeaders): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

const close = (s: Server) => new Promise((resolve) => s.close(resolve));

test('Jaeger client → Baton service (real server span) → downstream: one trace, debug and baggage kept', async () => {
  exporter.reset();
  const downstream = await listen(async (headers) => {
    const ctx = jaeger.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    return JSON.stringify({
      header: headers['uber-trace-id'],
      baggage: Object.fromEntries(
        (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
      ),
      rawBaggageHeaders: Object.keys(headers)
        .filter((k) => k.startsWith('uberctx-'))
        .sort(),
    });
  });
  const service = await listen(async (headers) => {
    const parent = jaeger.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = tracer.startSpan('service', {}, parent);
    return context.with(trace.setSpan(parent, span), async () => {
      const out: Record<string, string> = {};
      jaeger.inject(context.active(), out, defaultTextMapSetter);
      const body = await get(downstream, out);
      span.end();
      return body;
    });
  });

  try {
    // As jaeger-client-node / -go write it: ids without leading zeros, URL-encoded colons,
    // flags 3 (sampled + debug), baggage form-encoded, mixed-case header names.
    const body = JSON.parse(
      await get(service, {
        'Uber-Trace-Id': 'a3ce929d0e0e4736%3Af067aa0ba902b7%3A0%3A3',
        'Uberctx-User-Name': 'Jos%C3%A9+Garc%C3%ADa',
        'jaeger-baggage': 'tenant=acme, plan=gold',
      }),
    );
    const [span] = exporter.getFinishedSpans();
    const traceId = '0000000000000000a3ce929d0e0e4736';
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.parentSpanContext?.isRemote).toBe(true);
    // Downstream sees the service's span, still sampled + debug.
    expect(body.header).toBe(`${traceId}:${span.spanContext().spanId}:0:03`);
    expect(body.baggage).toEqual({ 'user-name': 'José García', tenant: 'acme', plan: 'gold' });
    expect(body.rawBaggageHeaders).toEqual(['uberctx-plan', 'uberctx-tenant', 'uberctx-user-name']);
  } finally {
    await close(service);
    await close(downstream);
  }
});

test('a malformed uber-trace-id over HTTP starts a new trace instead of a garbage one', async () => {
  exporter.reset();
  const service = await listen(async (headers) => {
    const parent = jaeger.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    tracer.startSpan('service', {}, parent).end();
    return 'ok';
  });
  try {
    await get(service, { 'uber-trace-id': 'zzzz:yyyy:0:1' });
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toMatch(/z/);
  } finally {
    await close(service);
  }
});

test('NodeSDK({ textMapPropagator: new JaegerPropagator() }) is the global propagator', async () => {
  const sdk = new NodeSDK({
    textMapPropagator: new JaegerPropagator(),
    instrumentations: [],
    traceExporter: new InMemorySpanExporter(),
  });
  sdk.start();
  try {
    const span = trace.getTracer('sdk').startSpan('client');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
    const { traceId, spanId } = span.spanContext();
    expect(carrier).toEqual({ 'uber-trace-id': `${traceId}:${spanId}:0:01` });
    expect(propagation.fields()).toEqual(['uber-trace-id']);
    const back = propagation.extract(ROOT_CONTEXT, carrier);
    expect(trace.getSpanContext(back)).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
    span.end();
  } finally {
    await sdk.shutdown();
  }
});
