/**
 * With the real SDK: BasicTracerProvider, the async-hooks context manager, node:http servers on
 * 127.0.0.1, and NodeSDK. An OpenTracing client (64-bit trace id, mixed-case header names, `1` for
 * sampled) calls a service using Baton, which calls a downstream; the trace and the baggage arrive.
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
import { OTTracePropagator } from '@baton/propagator-ot-trace';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('ot-test');
const contextManager = new AsyncHooksContextManager();
const ot = new OTTracePropagator({ emit64BitTraceIds: true });

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

test('OpenTracing client → Baton service (real server span) → downstream: one trace, baggage kept', async () => {
  exporter.reset();
  const downstream = await listen(async (headers) => {
    const ctx = ot.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    return JSON.stringify({
      traceIdHeader: headers['ot-tracer-traceid'],
      spanId: trace.getSpanContext(ctx)?.spanId,
      sampled: headers['ot-tracer-sampled'],
      baggage: Object.fromEntries(
        (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
      ),
    });
  });
  const service = await listen(async (headers) => {
    const parent = ot.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = tracer.startSpan('service', {}, parent);
    return context.with(trace.setSpan(parent, span), async () => {
      const out: Record<string, string> = {};
      ot.inject(context.active(), out, defaultTextMapSetter);
      const body = await get(downstream, out);
      span.end();
      return body;
    });
  });

  try {
    const body = JSON.parse(
      await get(service, {
        'OT-Tracer-TraceId': 'a3ce929d0e0e4736',
        'OT-Tracer-SpanId': '00f067aa0ba902b7',
        'OT-Tracer-Sampled': '1',
        'OT-Baggage-Tenant': 'acme',
      }),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.parentSpanContext?.isRemote).toBe(true);
    // emit64BitTraceIds: the 64-bit peer downstream gets its 16-char id back.
    expect(body).toEqual({
      traceIdHeader: 'a3ce929d0e0e4736',
      spanId: span.spanContext().spanId,
      sampled: 'true',
      baggage: { tenant: 'acme' },
    });
  } finally {
    await close(service);
    await close(downstream);
  }
});

test('a malformed ot-tracer-traceid over HTTP starts a new trace instead of a garbage one', async () => {
  exporter.reset();
  const service = await listen(async (headers) => {
    const parent = ot.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    tracer.startSpan('service', {}, parent).end();
    return 'ok';
  });
  try {
    await get(service, {
      'ot-tracer-traceid': 'A3CE929D0E0E4736',
      'ot-tracer-spanid': '00f067aa0ba902b7',
    });
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
  } finally {
    await close(service);
  }
});

test('NodeSDK({ textMapPropagator: new OTTracePropagator() }) is the global propagator', async () => {
  const sdk = new NodeSDK({
    textMapPropagator: new OTTracePropagator(),
    instrumentations: [],
    traceExporter: new InMemorySpanExporter(),
  });
  sdk.start();
  try {
    const span = trace.getTracer('sdk').startSpan('client');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
    const { traceId, spanId } = span.spanContext();
    expect(carrier).toEqual({
      'ot-tracer-traceid': traceId,
      'ot-tracer-spanid': spanId,
      'ot-tracer-sampled': 'true',
    });
    expect(propagation.fields()).toEqual([
      'ot-tracer-traceid',
      'ot-tracer-spanid',
      'ot-tracer-sampled',
    ]);
    const back = propagation.extract(ROOT_CONTEXT, carrier);
    expect(trace.getSpanContext(back)).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
    span.end();
  } finally {
    await sdk.shutdown();
  }
});
