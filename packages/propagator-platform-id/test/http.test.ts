/**
 * Issue 5: "It composes: in a composite with the W3C and B3 propagators the platform id travels
 * alongside the trace, and an HTTP test with two real `node:http` services shows it arriving."
 *
 * Real parts only: two node:http servers on 127.0.0.1 (port 0) in this process, the real
 * BasicTracerProvider (sdk-trace-base) and AsyncLocalStorageContextManager (context-async-hooks),
 * and Baton's CompositePropagator over W3C trace context, B3 (multi) and platform-id.
 *
 *   client ──► service A (extract, span "a", call B with inject) ──► service B (extract, report)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROOT_CONTEXT,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { CompositePropagator } from '@baton/propagator-composite';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3Propagator, B3InjectEncoding } from '@baton/propagator-b3';
import { PlatformIdPropagator, getPlatformId, setPlatformId } from '@baton/propagator-platform-id';

/** What service B saw, sent back to the test as JSON. */
interface Report {
  headers: http.IncomingHttpHeaders;
  platformId: string | undefined;
  traceId: string | undefined;
  parentSpanId: string | undefined;
}
interface Reply {
  a: { traceId: string; spanId: string; platformId: string | undefined };
  b: Report;
}

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('platform-id-http-test');
const contextManager = new AsyncLocalStorageContextManager();

const propagator: TextMapPropagator = new CompositePropagator({
  propagators: [
    new W3CTraceContextPropagator(),
    new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
    new PlatformIdPropagator(),
  ],
});

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

function get(port: number, headers: http.OutgoingHttpHeaders): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/', headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let serviceA: http.Server;
let serviceB: http.Server;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());

  serviceB = await listen((req, res) => {
    const extracted = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    context.with(extracted, () => {
      const report: Report = {
        headers: req.headers,
        platformId: getPlatformId(context.active()),
        traceId: trace.getSpanContext(context.active())?.traceId,
        parentSpanId: trace.getSpanContext(context.active())?.spanId,
      };
      res.end(JSON.stringify(report));
    });
  });

  serviceA = await listen((req, res) => {
    let ctx = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    // The test asks A to set a platform id by code when the request carried none.
    const setByCode = req.headers['x-test-set-platform-id'];
    if (typeof setByCode === 'string' && getPlatformId(ctx) === undefined) {
      ctx = setPlatformId(ctx, setByCode);
    }
    context.with(ctx, () => {
      tracer.startActiveSpan('a', (span) => {
        // An await between receiving and calling B: the context must survive it (ALS).
        setImmediate(async () => {
          const headers: Record<string, string> = {};
          propagator.inject(context.active(), headers, defaultTextMapSetter);
          const b = JSON.parse(await get(portOf(serviceB), headers)) as Report;
          const reply: Reply = {
            a: {
              traceId: span.spanContext().traceId,
              spanId: span.spanContext().spanId,
              platformId: getPlatformId(context.active()),
            },
            b,
          };
          span.end();
          res.end(JSON.stringify(reply));
        });
      });
    });
  });
});

afterAll(async () => {
  for (const server of [serviceA, serviceB]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  context.disable();
  await provider.shutdown();
});

async function callA(headers: http.OutgoingHttpHeaders): Promise<Reply> {
  return JSON.parse(await get(portOf(serviceA), headers)) as Reply;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('platform-id travels alongside the trace through two node:http services', () => {
  test('W3C traceparent + platform-id in: B sees the same trace, A as parent, and the platform id', async () => {
    const { a, b } = await callA({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      'platform-id': 'tenant-7',
    });
    expect(a.traceId).toBe(TRACE_ID);
    expect(a.platformId).toBe('tenant-7');
    expect(b.headers['platform-id']).toBe('tenant-7');
    expect(b.platformId).toBe('tenant-7');
    expect(b.traceId).toBe(TRACE_ID);
    expect(b.parentSpanId).toBe(a.spanId);
    // The other members wrote their headers too: one trace in every format.
    expect(b.headers['traceparent']).toBe(`00-${TRACE_ID}-${a.spanId}-01`);
    expect(b.headers['x-b3-traceid']).toBe(TRACE_ID);
    expect(b.headers['x-b3-spanid']).toBe(a.spanId);
  });

  test('B3 single header + platform-id in: the platform id still arrives', async () => {
    const { a, b } = await callA({
      b3: `${TRACE_ID}-${SPAN_ID}-1`,
      'platform-id': 'urn:acme:eu-1',
    });
    expect(b.traceId).toBe(TRACE_ID);
    expect(b.parentSpanId).toBe(a.spanId);
    expect(b.platformId).toBe('urn:acme:eu-1');
  });

  test('platform-id without any trace header travels on its own (it is not a span context)', async () => {
    const { a, b } = await callA({ 'platform-id': 'solo' });
    expect(b.platformId).toBe('solo');
    // A started a new root trace; B continues A's.
    expect(b.traceId).toBe(a.traceId);
  });

  test('the header sent twice reaches node:http as "first, second": the first value travels', async () => {
    const { b } = await callA({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      'platform-id': ['first', 'second'],
    });
    expect(b.headers['platform-id']).toBe('first');
    expect(b.platformId).toBe('first');
  });

  test.each<[string, string]>([
    ['an inner space', 'two words'],
    ['257 characters', 'a'.repeat(257)],
    ['non-ASCII (latin1 on the wire)', 'caf\u00e9'],
  ])(
    'an invalid platform-id (%s) is dropped, and the trace still propagates',
    async (_n, value) => {
      const { a, b } = await callA({
        traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
        'platform-id': value,
      });
      expect(a.platformId).toBeUndefined();
      expect(b.headers['platform-id']).toBeUndefined();
      expect(b.traceId).toBe(TRACE_ID);
    },
  );

  test('a platform id set by code in service A arrives at service B', async () => {
    const { b } = await callA({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      'x-test-set-platform-id': 'set-in-a',
    });
    expect(b.headers['platform-id']).toBe('set-in-a');
    expect(b.platformId).toBe('set-in-a');
  });

  test('A recorded a real span for each request', () => {
    const names = exporter.getFinishedSpans().map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(new Set(names)).toEqual(new Set(['a']));
  });
});
