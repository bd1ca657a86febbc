/**
 * End to end over real node:http servers (127.0.0.1, port 0) with the real SDK: a Zipkin-era client
 * sends B3 single, service A (Baton B3, B3Sampler) starts a span and calls service B with B3 multi.
 * DESIGN: "integration tests over real HTTP with the real SDK".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  context,
  defaultTextMapGetter,
  propagation,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { B3InjectEncoding, B3Propagator, B3Sampler } from '@baton/propagator-b3';
import { S, T16, T16_PADDED, T32 } from './helpers';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  sampler: new B3Sampler(new AlwaysOnSampler()),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('b3-http-test');
const contextManager = new AsyncHooksContextManager();
const servers: http.Server[] = [];
let seenByB: http.IncomingHttpHeaders[] = [];

function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function get(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      })
      .on('error', reject);
  });
}

let urlA = '';
beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(
    new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  );
  const urlB = await listen((req, res) => {
    seenByB.push(req.headers);
    res.end('b');
  });
  urlA = await listen((req, res) => {
    // Service A: extract, start a server span, call B inside it (inject through the global propagator).
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan('A', {}, parent);
    context.with(trace.setSpan(parent, span), async () => {
      const headers: Record<string, string> = {};
      propagation.inject(context.active(), headers);
      await get(urlB, headers);
      span.end();
      res.end('a');
    });
  });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  propagation.disable();
  context.disable();
  await provider.shutdown();
});

beforeEach(() => {
  seenByB = [];
  exporter.reset();
});

test('b3 single in, one trace across A and B, B3 multi out', async () => {
  await get(urlA, { b3: `${T32}-${S}-1` });
  const [spanA] = exporter.getFinishedSpans();
  expect(spanA.spanContext().traceId).toBe(T32);
  expect(spanA.parentSpanContext?.spanId).toBe(S);
  expect(seenByB[0]['x-b3-traceid']).toBe(T32);
  expect(seenByB[0]['x-b3-spanid']).toBe(spanA.spanContext().spanId);
  expect(seenByB[0]['x-b3-sampled']).toBe('1');
  expect(seenByB[0].b3).toBeUndefined();
  expect(seenByB[0]['x-b3-parentspanid']).toBeUndefined();
});

test('debug single in → x-b3-flags: 1 out, no x-b3-sampled', async () => {
  await get(urlA, { b3: `${T16}-${S}-d` });
  expect(exporter.getFinishedSpans()[0].spanContext().traceId).toBe(T16_PADDED);
  expect(seenByB[0]['x-b3-flags']).toBe('1');
  expect(seenByB[0]['x-b3-sampled']).toBeUndefined();
});

test('deny-only b3: 0 → no span recorded, B told "not sampled"', async () => {
  await get(urlA, { b3: '0' });
  expect(exporter.getFinishedSpans()).toHaveLength(0);
  expect(seenByB[0]['x-b3-sampled']).toBe('0');
});

test('mixed-case header names from a raw client: Node lowercases them, the lowercase lookup reads them', async () => {
  await get(urlA, { 'X-B3-TraceId': T32, 'X-B3-SpanId': S, 'X-B3-Sampled': 'True' });
  expect(exporter.getFinishedSpans()[0].spanContext().traceId).toBe(T32);
});

// Issue 20 item 5: over node:http the case-insensitive path only runs with a carrier that keeps
// the names as sent. `req.rawHeaders` is such a carrier (what a proxy or a message bridge forwards).
test('R1: "Header names are looked up case-insensitively" — a case-keeping carrier over real HTTP', async () => {
  let carrier: Record<string, string> = {};
  const url = await listen((req, res) => {
    carrier = {};
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
      carrier[req.rawHeaders[i]] = req.rawHeaders[i + 1];
    res.end();
  });
  const sent: Record<string, string>[] = [
    { 'X-B3-TraceId': T32, 'X-B3-SpanId': S, 'X-B3-Sampled': '1' },
    { B3: `${T32}-${S}-1` },
  ];
  for (const headers of sent) {
    await get(url, headers);
    expect(Object.keys(carrier)).toEqual(expect.arrayContaining(Object.keys(headers)));
    const ctx = new B3Propagator().extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    expect(trace.getSpanContext(ctx)?.traceId).toBe(T32);
  }
});

test('garbage in → a new trace, nothing breaks', async () => {
  await get(urlA, {
    b3: `${T32.toUpperCase()}-${S}-1`,
    'x-b3-traceid': 'zz',
    'x-b3-sampled': 'maybe',
  });
  const [spanA] = exporter.getFinishedSpans();
  expect(spanA.spanContext().traceId).not.toBe(T32);
  expect(spanA.parentSpanContext).toBeUndefined();
  expect(seenByB[0]['x-b3-traceid']).toBe(spanA.spanContext().traceId);
});
