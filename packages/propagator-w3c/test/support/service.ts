/**
 * A test service shaped like the one the W3C trace-context suite drives (w3c/trace-context `test/`):
 *
 *   POST /test   body: [{ "url": "...", "arguments": [...] }, ...]
 *
 * For each item the service POSTs `arguments` (JSON) to `url` with the propagated headers, from a
 * NEW client span per call, as a child of the server span for the incoming request. Real parts
 * only: node:http, @opentelemetry/sdk-trace-base's BasicTracerProvider, context-async-hooks, and
 * the Baton propagators registered as the global propagator.
 *
 * Run it by hand for the official suite (see README):  npx ts-node … or via `startService({ port })`.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROOT_CONTEXT,
  SpanKind,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator } from '@baton/propagator-composite';
import { propagatorFromEnv } from '@baton/propagator-env';

/** The SDK default pair (tracecontext, baggage), called in sequence as any composite would. */
class DefaultPair implements TextMapPropagator {
  private readonly members = [new W3CTraceContextPropagator(), new W3CBaggagePropagator()];
  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    for (const p of this.members) p.inject(ctx, carrier, setter);
  }
  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    let out = ctx;
    for (const p of this.members) out = p.extract(out, carrier, getter);
    return out;
  }
  fields(): string[] {
    return this.members.flatMap((p) => p.fields());
  }
}

/**
 * The services issue 13 asks the suite to pass for:
 * - `default-pair`: tracecontext then baggage, called in sequence (the SDK default);
 * - `w3c`: the W3C trace-context propagator alone;
 * - `composite`: Baton's CompositePropagator of every format (W3C, baggage, B3 single and multi,
 *   Jaeger), as a mixed fleet configures it;
 * - `env`: what `OTEL_PROPAGATORS=tracecontext,baggage,b3multi,jaeger` resolves to.
 */
export type ServiceKind = 'default-pair' | 'w3c' | 'composite' | 'env';
export const SERVICE_KINDS: ServiceKind[] = ['default-pair', 'w3c', 'composite', 'env'];

function propagatorOf(kind: ServiceKind): TextMapPropagator {
  switch (kind) {
    case 'default-pair':
      return new DefaultPair();
    case 'w3c':
      return new W3CTraceContextPropagator();
    case 'composite':
      return new CompositePropagator({
        propagators: [
          new W3CTraceContextPropagator(),
          new W3CBaggagePropagator(),
          new B3Propagator(),
          new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
          new JaegerPropagator(),
        ],
      });
    case 'env': {
      const before = process.env.OTEL_PROPAGATORS;
      process.env.OTEL_PROPAGATORS = 'tracecontext,baggage,b3multi,jaeger';
      try {
        return propagatorFromEnv();
      } finally {
        if (before === undefined) delete process.env.OTEL_PROPAGATORS;
        else process.env.OTEL_PROPAGATORS = before;
      }
    }
  }
}

interface Call {
  url: string;
  arguments: unknown;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface Service {
  url: string;
  close(): Promise<void>;
}

export async function startService(port = 0, kind: ServiceKind = 'default-pair'): Promise<Service> {
  const contextManager = new AsyncHooksContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(propagatorOf(kind));
  const provider = new BasicTracerProvider();
  const tracer = provider.getTracer('baton-w3c-test-service');

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const calls = JSON.parse((await readBody(req)) || '[]') as Call[];
        const parent = propagation.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
        const serverSpan = tracer.startSpan('POST /test', { kind: SpanKind.SERVER }, parent);
        await context.with(trace.setSpan(parent, serverSpan), async () => {
          for (const call of Array.isArray(calls) ? calls : []) {
            // A new child span per outgoing call: a new parent-id for each callback.
            const span = tracer.startSpan('POST', { kind: SpanKind.CLIENT });
            const headers: Record<string, string> = {};
            propagation.inject(
              trace.setSpan(context.active(), span),
              headers,
              defaultTextMapSetter,
            );
            try {
              await post(call.url, JSON.stringify(call.arguments ?? []), headers);
            } finally {
              span.end();
            }
          }
        });
        serverSpan.end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/test`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider.shutdown();
      contextManager.disable();
      context.disable();
      propagation.disable();
    },
  };
}

// Standalone, for the official suite (README "Running the official W3C test suite"):
//   npm run build
//   PORT=5000 SERVICE=composite npx ts-node-transpile-only packages/propagator-w3c/test/support/service.ts
if (require.main === module) {
  const kind = (process.env.SERVICE ?? 'default-pair') as ServiceKind;
  if (!SERVICE_KINDS.includes(kind))
    throw new Error(`SERVICE must be one of ${SERVICE_KINDS.join(', ')}`);
  void startService(Number(process.env.PORT ?? 5000), kind).then((s) =>
    console.log(`test service (${kind}): ${s.url}`),
  );
}
