/**
 * I16: "Interop with a real AWS client library: the X-Ray SDK for Node (`aws-xray-sdk-core`) parses
 * what Baton injects, and Baton extracts what it formats, both ways, as a test."
 *
 * Over real node:http on 127.0.0.1, with the SDK's own code on its side of the wire: its server
 * middleware (traceRequestResponseCycle) reads Baton's header into a Segment, and its HTTP client
 * patch (captureHTTPs) writes the header Baton's extract reads. (Closed segments go to the X-Ray
 * daemon address, UDP 127.0.0.1:2000; nothing listens there and nothing else leaves the host.)
 */
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { LINEAGE } from './helpers';

process.env.AWS_XRAY_DAEMON_ADDRESS = '127.0.0.1:2000';
const AWSXRay = require('aws-xray-sdk-core');
const silent = { error() {}, warn() {}, info() {}, debug() {} };
AWSXRay.setLogger(silent);
AWSXRay.enableManualMode();
AWSXRay.middleware.disableCentralizedSampling();
AWSXRay.middleware.setDefaultName('orders'); // the segment name, as an X-Ray service configures it

const xray = new AWSXRayPropagator();

let server: http.Server;
let port: number;
/** What the server saw for the last request: the raw header and the SDK's segment. */
let seen: {
  header: string | undefined;
  segment: {
    trace_id: string;
    parent_id?: string;
    notTraced?: boolean;
    additionalTraceData?: unknown;
  };
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    try {
      const segment = AWSXRay.middleware.traceRequestResponseCycle(req, res);
      seen = { header: req.headers['x-amzn-trace-id'] as string | undefined, segment };
    } finally {
      res.end('ok'); // whatever the SDK did, the client gets its answer (a failure, not a hang)
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(
  client: typeof http,
  options: http.RequestOptions & { XRaySegment?: unknown },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = client.request({ host: '127.0.0.1', port, path: '/', ...options }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}

const TRACE_ID = '5759e988bd862e3fe1be46a994272793';
const SPAN_ID = '53995c3f42cd8ad8';

describe('Baton injects, the X-Ray SDK reads', () => {
  test.each([
    [1, undefined],
    [0, true],
  ])(
    "traceFlags %p → a segment of that trace, with Baton's span as parent (notTraced: %p)",
    async (traceFlags, notTraced) => {
      const ctx = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        traceFlags,
        isRemote: false,
      });
      const headers: Record<string, string> = {};
      xray.inject(ctx, headers, defaultTextMapSetter);
      await get(http, { headers });
      expect(seen.segment.trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
      expect(seen.segment.parent_id).toBe(SPAN_ID);
      expect(seen.segment.notTraced).toBe(notTraced);
    },
  );

  test('Lineage is a field the SDK keeps as additional trace data', async () => {
    let ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: 1,
      isRemote: false,
    });
    ctx = propagation.setBaggage(ctx, propagation.createBaggage({ Lineage: { value: LINEAGE } }));
    const headers: Record<string, string> = {};
    xray.inject(ctx, headers, defaultTextMapSetter);
    await get(http, { headers });
    expect(AWSXRay.utils.processTraceData(seen.header)).toMatchObject({
      root: '1-5759e988-bd862e3fe1be46a994272793',
      parent: SPAN_ID,
      sampled: '1',
      data: { Lineage: LINEAGE },
    });
  });
});

describe('the X-Ray SDK formats, Baton extracts', () => {
  // The SDK's HTTP client patch writes Root=…;Parent={subsegment id};Sampled=… on outgoing requests.
  const patched = AWSXRay.captureHTTPs(http) as typeof http;

  test.each([
    [false, 1],
    [true, 0],
  ])(
    'a segment (notTraced: %p) → its trace, the subsegment as parent, traceFlags %p',
    async (notTraced, traceFlags) => {
      const segment = new AWSXRay.Segment('client');
      if (notTraced) segment.notTraced = true;
      await get(patched, { XRaySegment: segment });
      const sent = seen.header!;
      const out = xray.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': sent }, defaultTextMapGetter);
      const parent = /Parent=([0-9a-f]{16})/.exec(sent)![1];
      expect(trace.getSpanContext(out)).toEqual({
        traceId: segment.trace_id.replace(/^1-/, '').replace('-', ''),
        spanId: parent,
        traceFlags,
        isRemote: true,
      });
    },
  );

  test('a segment the SDK continues from a header: same trace, and Baton reads what the SDK sends on', async () => {
    const segment = new AWSXRay.Segment(
      'continued',
      '1-5759e988-bd862e3fe1be46a994272793',
      SPAN_ID,
    );
    await get(patched, { XRaySegment: segment });
    const out = xray.extract(
      ROOT_CONTEXT,
      { 'x-amzn-trace-id': seen.header },
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(out)?.traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(out)?.spanId).not.toBe(SPAN_ID); // the SDK's subsegment
  });
});
