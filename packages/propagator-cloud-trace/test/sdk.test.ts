/**
 * With the real SDK: sdk-trace-base samplers and provider, the async-hooks context manager,
 * node:http servers on 127.0.0.1, NodeSDK.
 *
 * README "o=1 and sampling": Cloud Trace's `o=1` means "trace this request" (force), while a missing
 * option or `o=0` leaves the decision to the receiver's sampling rate. With the SDK that behaviour
 * is `ParentBasedSampler({ root: rate, remoteParentNotSampled: rate })`: a remote sampled parent is
 * always followed (the default remoteParentSampled is AlwaysOn), anything else is decided by rate.
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
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';

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
const T = '4bf92f3577b34da6a3ce929d0e0e4736';

/** A service behind Google's load balancer: extracts with `propagator`, records one server span. */
async function serviceSees(sampler: Sampler, header: string | undefined): Promise<boolean> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const gcp = new CloudTracePropagator();
  const service = await listen(async (headers) => {
    const parent = gcp.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    provider.getTracer('gcp').startSpan('service', {}, parent).end();
    return 'ok';
  });
  try {
    await get(service, header === undefined ? {} : { 'X-Cloud-Trace-Context': header });
    return exporter.getFinishedSpans().length === 1;
  } finally {
    await close(service);
    await provider.shutdown();
  }
}

describe('o=1 forces the trace; o=0 / no option is left to the local rate', () => {
  const cloudTraceLike = (ratio: number) =>
    new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(ratio),
      remoteParentNotSampled: new TraceIdRatioBasedSampler(ratio),
    });
  test.each<[string, number, string | undefined, boolean]>([
    ['o=1 at rate 0: traced (forced)', 0, `${T}/1;o=1`, true],
    ['o=0 at rate 0: not traced', 0, `${T}/1;o=0`, false],
    ['no option at rate 0: not traced', 0, `${T}/1`, false],
    ['o=0 at rate 1: traced (the rate decides)', 1, `${T}/1;o=0`, true],
    ['no option at rate 1: traced', 1, `${T}/1`, true],
  ])('%s', async (_n, ratio, header, recorded) => {
    expect(await serviceSees(cloudTraceLike(ratio), header)).toBe(recorded);
  });

  test('the default ParentBased sampler instead follows o=0 as "never"', async () => {
    const defaultLike = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(1) });
    expect(await serviceSees(defaultLike, `${T}/1;o=0`)).toBe(false);
  });
});

test('load balancer → service (oneway-gcp + W3C) → downstream: one trace, only traceparent goes out', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const propagator = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new CloudTraceOneWayPropagator()],
  });
  const downstream = await listen(async (headers) => JSON.stringify(headers));
  const service = await listen(async (headers) => {
    const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = provider.getTracer('gcp').startSpan('service', {}, parent);
    return context.with(trace.setSpan(parent, span), async () => {
      const out: Record<string, string> = {};
      propagator.inject(context.active(), out, defaultTextMapSetter);
      const body = await get(downstream, out);
      span.end();
      return body;
    });
  });
  try {
    const seen = JSON.parse(
      await get(service, { 'X-Cloud-Trace-Context': `${T}/67667974448284343;o=1` }),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe(T);
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(seen.traceparent).toBe(`00-${T}-${span.spanContext().spanId}-01`);
    expect(seen['x-cloud-trace-context']).toBeUndefined();
  } finally {
    await close(service);
    await close(downstream);
    await provider.shutdown();
  }
});

test('NodeSDK({ textMapPropagator: new CloudTracePropagator() }) is the global propagator', async () => {
  const sdk = new NodeSDK({
    textMapPropagator: new CloudTracePropagator(),
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
      'x-cloud-trace-context': `${traceId}/${BigInt('0x' + spanId).toString()};o=1`,
    });
    const back = propagation.extract(ROOT_CONTEXT, carrier);
    expect(trace.getSpanContext(back)).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
    span.end();
  } finally {
    await sdk.shutdown();
  }
});
