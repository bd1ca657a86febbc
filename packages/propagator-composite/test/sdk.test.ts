/**
 * With the real SDK: BasicTracerProvider, the async-hooks context manager, node:http servers on
 * 127.0.0.1, and NodeSDK. The migration of DESIGN "Who uses it" 3 — a service reads B3 and W3C,
 * writes only W3C — keeps one trace across an old B3 client and a W3C-only downstream.
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator } from '@baton/propagator-composite';
import { getter, S1, setter, T1 } from './support';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('composite-test');
const contextManager = new AsyncHooksContextManager();

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

test('an old B3 client → a migrating service (reads B3 + W3C, writes W3C) → a W3C-only service: one trace', async () => {
  exporter.reset();
  const w3cOnly = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  const migrating = new CompositePropagator({
    extract: [
      new B3Propagator(),
      new JaegerPropagator(),
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
    ],
    inject: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });

  // Downstream: W3C only; echoes the headers it received.
  const downstream = await listen(async (headers) => {
    const ctx = w3cOnly.extract(ROOT_CONTEXT, headers, getter);
    return JSON.stringify({
      headers,
      traceId: trace.getSpanContext(ctx)?.traceId,
      user: propagation.getBaggage(ctx)?.getEntry('user')?.value,
    });
  });
  // Middle: the migrating service, with a real server span as the active context.
  const middle = await listen(async (headers) => {
    const parent = migrating.extract(ROOT_CONTEXT, headers, getter);
    const span = tracer.startSpan('middle', {}, parent);
    return context.with(trace.setSpan(parent, span), async () => {
      const out: Record<string, string> = {};
      migrating.inject(context.active(), out, setter);
      const body = await get(downstream, out);
      span.end();
      return body;
    });
  });

  try {
    const body = JSON.parse(await get(middle, { b3: `${T1}-${S1}-1`, 'uberctx-user': 'alice' }));
    expect(body.traceId).toBe(T1);
    expect(body.user).toBe('alice'); // Jaeger baggage in, W3C baggage out
    expect(body.headers.b3).toBeUndefined(); // writes W3C only
    expect(body.headers['uber-trace-id']).toBeUndefined();
    expect(body.headers.traceparent).toMatch(new RegExp(`^00-${T1}-[0-9a-f]{16}-01$`));
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe(T1);
    expect(span.parentSpanContext?.spanId).toBe(S1);
  } finally {
    await close(middle);
    await close(downstream);
  }
});

test('NodeSDK({ textMapPropagator }) installs the composite as the global propagator', async () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new B3Propagator(), new JaegerPropagator()],
  });
  const sdk = new NodeSDK({
    textMapPropagator: composite,
    instrumentations: [],
    traceExporter: new InMemorySpanExporter(),
  });
  sdk.start();
  try {
    const sdkTracer = trace.getTracer('sdk');
    const carrier: Record<string, string> = {};
    const span = sdkTracer.startSpan('client');
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
    const { traceId, spanId } = span.spanContext();
    expect(carrier).toEqual({
      traceparent: `00-${traceId}-${spanId}-01`,
      b3: `${traceId}-${spanId}-1`,
      'uber-trace-id': `${traceId}:${spanId}:0:01`,
    });
    const back: Context = propagation.extract(ROOT_CONTEXT, carrier);
    expect(trace.getSpanContext(back)?.spanId).toBe(spanId);
    span.end();
  } finally {
    await sdk.shutdown();
  }
});
