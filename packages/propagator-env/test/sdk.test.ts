/**
 * The real NodeSDK, configured the way a user would: `new NodeSDK({ textMapPropagator:
 * propagatorFromEnv(env) })`, then the global `propagation.inject` / `propagation.extract`.
 *
 * REQUIREMENTS §8: "Usable as `new NodeSDK({ textMapPropagator: propagatorFromEnv() })`". The header
 * values expected below are written from each format's spec (quoted in the table), never taken from
 * a run of the code.
 */
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROOT_CONTEXT,
  context,
  propagation,
  trace,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import type { Context, SpanContext } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describePropagator, propagatorFromEnv } from '@baton/propagator-env';
import { getPlatformId, setPlatformId } from '@baton/propagator-platform-id';
import { collectWarnings } from './helpers';

const savedEnv = { ...process.env };
beforeAll(() => {
  // Nothing in these tests may reach the network.
  process.env.OTEL_TRACES_EXPORTER = 'none';
  process.env.OTEL_METRICS_EXPORTER = 'none';
  process.env.OTEL_LOGS_EXPORTER = 'none';
  delete process.env.OTEL_PROPAGATORS; // only propagatorFromEnv(env) decides
});
afterAll(() => {
  process.env = savedEnv;
});

let sdk: NodeSDK | undefined;
async function startSdk(env: Record<string, string | undefined>) {
  const { warnings, logger } = collectWarnings();
  const textMapPropagator = propagatorFromEnv(env, { logger });
  sdk = new NodeSDK({
    textMapPropagator,
    traceExporter: new InMemorySpanExporter(),
    instrumentations: [],
    resourceDetectors: [],
    autoDetectResources: false,
  });
  sdk.start();
  return { warnings, description: describePropagator(textMapPropagator) };
}
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
  propagation.disable();
  trace.disable();
  context.disable();
});

// ---- Incoming headers: every format at once, each with its own trace id, so the extracted trace id
// tells which propagator produced the span context.
const W3C_TRACE = '11111111111111111111111111111111';
const B3_TRACE = '22222222222222222222222222222222';
const JAEGER_TRACE = '44444444444444444444444444444444';
const XRAY_TRACE = '55555555555555555555555555555555';
const incoming: Record<string, string> = {
  // W3C-TC: traceparent = version "-" trace-id "-" parent-id "-" trace-flags
  traceparent: `00-${W3C_TRACE}-aaaaaaaaaaaaaaaa-01`,
  // W3C-BAG: baggage = list-member 0*179( OWS "," OWS list-member )
  baggage: 'from=w3c',
  // B3: b3={TraceId}-{SpanId}-{SamplingState}
  b3: `${B3_TRACE}-bbbbbbbbbbbbbbbb-1`,
  // B3 multi: X-B3-TraceId, X-B3-SpanId, X-B3-Sampled
  'x-b3-traceid': '33333333333333333333333333333333',
  'x-b3-spanid': 'cccccccccccccccc',
  'x-b3-sampled': '1',
  // JAEGER: uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}
  'uber-trace-id': `${JAEGER_TRACE}:dddddddddddddddd:0:1`,
  'uberctx-from': 'jaeger',
  // REQUIREMENTS §6: platform-id carries an opaque identifier
  'platform-id': 'tenant-42',
  // REQUIREMENTS §12: X-Amzn-Trace-Id: Root=1-{8hex}-{24hex};Parent={16hex};Sampled={0|1|?}
  'x-amzn-trace-id': 'Root=1-55555555-555555555555555555555555;Parent=eeeeeeeeeeeeeeee;Sampled=1',
};

// ---- Outgoing: a span of the SDK's, with baggage and a platform id.
const headersFor: Record<string, (sc: SpanContext) => Record<string, string>> = {
  // W3C-TC: version 00, flags two lowercase hex digits (01 = sampled)
  tracecontext: (sc) => ({ traceparent: `00-${sc.traceId}-${sc.spanId}-01` }),
  // W3C-BAG: key "=" value
  baggage: () => ({ baggage: 'k=v' }),
  // REQUIREMENTS §4 "Inject single: `b3: {32}-{16}-{1|0|d}`"
  b3: (sc) => ({ b3: `${sc.traceId}-${sc.spanId}-1` }),
  // REQUIREMENTS §4 "multi: `x-b3-traceid`, `x-b3-spanid`, then … `x-b3-sampled: 1|0`"
  b3multi: (sc) => ({ 'x-b3-traceid': sc.traceId, 'x-b3-spanid': sc.spanId, 'x-b3-sampled': '1' }),
  // REQUIREMENTS §5 "Inject `{32}:{16}:0:{1|0|3}`" and "Inject `uberctx-{key}`"
  jaeger: (sc) => ({ 'uber-trace-id': `${sc.traceId}:${sc.spanId}:0:01`, 'uberctx-k': 'v' }),
  // REQUIREMENTS §6 "inject writes it back when present"
  'platform-id': () => ({ 'platform-id': 'tenant-42' }),
  // REQUIREMENTS §12 / issue 16 "Inject: `Root=1-{8}-{24};Parent={16};Sampled={0|1}`"
  xray: (sc) => ({
    'x-amzn-trace-id': `Root=1-${sc.traceId.slice(0, 8)}-${sc.traceId.slice(8)};Parent=${sc.spanId};Sampled=1`,
  }),
};

function injectFromSpan(): { carrier: Record<string, string>; spanContext: SpanContext } {
  const carrier: Record<string, string> = {};
  let spanContext: SpanContext | undefined;
  const tracer = trace.getTracer('propagator-env-test');
  let ctx: Context = propagation.setBaggage(
    ROOT_CONTEXT,
    propagation.createBaggage({ k: { value: 'v' } }),
  );
  ctx = setPlatformId(ctx, 'tenant-42');
  tracer.startActiveSpan('outgoing', {}, ctx, (span) => {
    spanContext = span.spanContext();
    propagation.inject(context.active(), carrier);
    span.end();
  });
  return { carrier, spanContext: spanContext as SpanContext };
}

interface Row {
  rule: string;
  env: string | undefined;
  description: string;
  /** The names whose headers inject writes (none: nothing). */
  writes: string[];
  /** The trace id extract keeps from `incoming`, or undefined for no span context. */
  traceId: string | undefined;
  baggage: string | undefined;
  platformId: string | undefined;
  warnings: number;
}

const rows: Row[] = [
  {
    rule: 'OTEL-ENV "Default value for OTEL_PROPAGATORS is `tracecontext,baggage`" (unset)',
    env: undefined,
    description: 'Composite[W3CTraceContext, W3CBaggage]',
    writes: ['tracecontext', 'baggage'],
    traceId: W3C_TRACE,
    baggage: 'w3c',
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "tracecontext": W3C Trace Context',
    env: 'tracecontext',
    description: 'W3CTraceContext',
    writes: ['tracecontext'],
    traceId: W3C_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "baggage": W3C Baggage',
    env: 'baggage',
    description: 'W3CBaggage',
    writes: ['baggage'],
    traceId: undefined,
    baggage: 'w3c',
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "b3": B3 Single (REQUIREMENTS §4: a valid `b3` wins over `x-b3-*`)',
    env: 'b3',
    description: 'B3(single)',
    writes: ['b3'],
    traceId: B3_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "b3multi": B3 Multi',
    env: 'b3multi',
    description: 'B3(multi)',
    writes: ['b3multi'],
    traceId: B3_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "jaeger": Jaeger (REQUIREMENTS §5 "`uberctx-{key}` → Baggage")',
    env: 'jaeger',
    description: 'Jaeger',
    writes: ['jaeger'],
    traceId: JAEGER_TRACE,
    baggage: 'jaeger',
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'REQUIREMENTS §8 known: `platform-id`',
    env: 'platform-id',
    description: 'PlatformId',
    writes: ['platform-id'],
    traceId: undefined,
    baggage: undefined,
    platformId: 'tenant-42',
    warnings: 0,
  },
  {
    rule: 'OTEL-ENV "none": No automatically configured propagator',
    env: 'none',
    description: 'Noop',
    writes: [],
    traceId: undefined,
    baggage: undefined,
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'mixed, DESIGN use 1: "tracecontext,baggage,b3multi,jaeger" + platform-id (last valid wins)',
    env: 'tracecontext,baggage,b3multi,jaeger,platform-id',
    description: 'Composite[W3CTraceContext, W3CBaggage, B3(multi), Jaeger, PlatformId]',
    writes: ['tracecontext', 'baggage', 'b3multi', 'jaeger', 'platform-id'],
    traceId: JAEGER_TRACE,
    baggage: 'jaeger', // REQUIREMENTS §3 Decision: "header wins per key" — the later member's header
    platformId: 'tenant-42',
    warnings: 0,
  },
  {
    rule: 'mixed, other order and case: " Jaeger , B3 ,TraceContext"',
    env: ' Jaeger , B3 ,TraceContext',
    description: 'Composite[Jaeger, B3(single), W3CTraceContext]',
    writes: ['jaeger', 'b3', 'tracecontext'],
    traceId: W3C_TRACE,
    baggage: 'jaeger',
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'REQUIREMENTS §12 "AWS X-Ray (`xray`, `xray-lambda`)": X-Amzn-Trace-Id',
    env: 'xray',
    description: 'AWSXRay',
    writes: ['xray'],
    traceId: XRAY_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 0,
  },
  {
    rule: 'issue 16 "Listing both `xray` and `xray-lambda` in `OTEL_PROPAGATORS` warns and keeps `xray-lambda`"',
    env: 'tracecontext,xray,xray-lambda',
    description: 'Composite[W3CTraceContext, AWSXRayLambda]',
    writes: ['tracecontext', 'xray'],
    traceId: XRAY_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 1,
  },
  {
    rule: 'REQUIREMENTS §8 "Unknown name → `diag.warn` naming the value, skipped"',
    env: 'zipkin,b3multi,bogus',
    description: 'B3(multi)',
    writes: ['b3multi'],
    traceId: B3_TRACE,
    baggage: undefined,
    platformId: undefined,
    warnings: 2,
  },
  {
    rule: 'REQUIREMENTS §8 "every name unknown → warn and fall back to the default"',
    env: 'zipkin,bogus',
    description: 'Composite[W3CTraceContext, W3CBaggage]',
    writes: ['tracecontext', 'baggage'],
    traceId: W3C_TRACE,
    baggage: 'w3c',
    platformId: undefined,
    warnings: 3,
  },
  {
    rule: 'REQUIREMENTS §8 "`none` with others → warn, no-op"',
    env: 'b3,none',
    description: 'Noop',
    writes: [],
    traceId: undefined,
    baggage: undefined,
    platformId: undefined,
    warnings: 1,
  },
];

describe.each(rows)('NodeSDK with OTEL_PROPAGATORS=$env', (row) => {
  test(`${row.rule}: resolves to ${row.description}`, async () => {
    const { warnings, description } = await startSdk({ OTEL_PROPAGATORS: row.env });
    expect(description).toBe(row.description);
    expect(warnings).toHaveLength(row.warnings);
  });

  test('propagation.inject writes exactly the headers of the listed formats', async () => {
    await startSdk({ OTEL_PROPAGATORS: row.env });
    const { carrier, spanContext } = injectFromSpan();
    expect(spanContext.traceFlags & 1).toBe(1); // a sampled, recording span of the real SDK
    const expected = Object.assign({}, ...row.writes.map((name) => headersFor[name](spanContext)));
    expect(carrier).toEqual(expected);
  });

  test('propagation.extract reads the listed formats', async () => {
    await startSdk({ OTEL_PROPAGATORS: row.env });
    const ctx = propagation.extract(ROOT_CONTEXT, incoming);
    const sc = trace.getSpanContext(ctx);
    expect(sc?.traceId).toBe(row.traceId);
    if (sc) expect(sc.isRemote).toBe(true);
    expect(propagation.getBaggage(ctx)?.getEntry('from')?.value).toBe(row.baggage);
    expect(getPlatformId(ctx)).toBe(row.platformId);
  });
});

test('over real HTTP: a client and a server, both configured from the environment, keep one trace', async () => {
  await startSdk({ OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi,jaeger,platform-id' });
  const server = createServer((req, res) => {
    const ctx = propagation.extract(context.active(), req.headers, defaultTextMapGetter);
    res.end(
      JSON.stringify({
        traceId: trace.getSpanContext(ctx)?.traceId,
        spanId: trace.getSpanContext(ctx)?.spanId,
        k: propagation.getBaggage(ctx)?.getEntry('k')?.value,
        platformId: getPlatformId(ctx),
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { carrier, spanContext } = injectFromSpan();
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: (server.address() as AddressInfo).port, headers: carrier },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (data += chunk));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual({
      traceId: spanContext.traceId,
      spanId: spanContext.spanId,
      k: 'v',
      platformId: 'tenant-42',
    });
  } finally {
    server.close();
  }
});

test('the defaultTextMapSetter/Getter path works on a plain object as well', async () => {
  await startSdk({ OTEL_PROPAGATORS: 'b3' });
  const carrier: Record<string, string> = {};
  propagation.inject(
    trace.setSpanContext(ROOT_CONTEXT, {
      traceId: B3_TRACE,
      spanId: 'bbbbbbbbbbbbbbbb',
      traceFlags: 0,
    }),
    carrier,
    defaultTextMapSetter,
  );
  // REQUIREMENTS §4 "Inject single: `b3: {32}-{16}-{1|0|d}`" — 0: not sampled
  expect(carrier).toEqual({ b3: `${B3_TRACE}-bbbbbbbbbbbbbbbb-0` });
});
