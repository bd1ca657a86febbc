/**
 * With the real SDK: sdk-trace-base samplers and provider, node:http servers on 127.0.0.1 (the
 * @baton/testing harness where no sampler is chosen), NodeSDK.
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
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTextMapGetter, ROOT_CONTEXT } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { startServices } from '@baton/testing';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';
import { throughNodeSdk } from '../../../test/support/node-sdk';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * Sends one request with `headers` to a node:http server on 127.0.0.1 that calls `handle`. (The
 * @baton/testing harness serves the other tests here; it has no per-service sampler.)
 */
async function serve(handle: (headers: IncomingHttpHeaders) => void, headers: OutgoingHttpHeaders) {
  const server = createServer((req, res) => {
    handle(req.headers);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A service behind Google's load balancer: extracts with `propagator`, records one server span. */
async function serviceSees(sampler: Sampler, header: string | undefined): Promise<boolean> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const gcp = new CloudTracePropagator();
  try {
    await serve(
      (headers) => {
        const parent = gcp.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
        provider.getTracer('gcp').startSpan('service', {}, parent).end();
      },
      header === undefined ? {} : { 'X-Cloud-Trace-Context': header },
    );
    return exporter.getFinishedSpans().length === 1;
  } finally {
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
  const fleet = await startServices([
    {
      name: 'service',
      propagators: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new CloudTraceOneWayPropagator()],
      }),
    },
    { name: 'downstream', propagators: new W3CTraceContextPropagator() },
  ]);
  try {
    const result = await fleet.request(['service', 'downstream'], {
      headers: { 'X-Cloud-Trace-Context': `${T}/67667974448284343;o=1` },
    });
    // One trace; the downstream's server span is the child of the service's client span.
    result.assertPropagated();
    const [service, downstream] = result.hops;
    const span = result.spans.find((s) => s.spanId === service.serverSpanId);
    expect(span?.traceId).toBe(T);
    expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(downstream.headers.traceparent).toBe(`00-${T}-${service.clientSpanId}-01`);
    expect(downstream.headers['x-cloud-trace-context']).toBeUndefined();
  } finally {
    await fleet.close();
  }
});

test('NodeSDK({ textMapPropagator: new CloudTracePropagator() }) is the global propagator', async () => {
  const { traceId, spanId, carrier, extracted } = await throughNodeSdk(new CloudTracePropagator());
  expect(carrier).toEqual({
    'x-cloud-trace-context': `${traceId}/${BigInt('0x' + spanId).toString()};o=1`,
  });
  expect(extracted).toEqual({ traceId, spanId, traceFlags: 1, isRemote: true });
});
