/**
 * REQUIREMENTS §7: "A context the composite injects, extracted by the same composite, gives back
 * exactly the same span context, flags, tracestate and baggage (keys in any case)."
 *
 * Over both kinds of carrier: a plain object that keeps the case of every name (what a message
 * broker hands over), and a real node:http request, where Node lowercases every header name.
 * Issue 13 found two losses here: the W3C random flag (0x02) dropped when B3 or Jaeger re-extract
 * the same ids, and baggage keys multiplied by Jaeger (`baggage: A=x` came back as `A` and `a`).
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTraceState,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { CompositePropagator } from '@baton/propagator-composite';
import { getter, setter, S1, T1 } from './support';

const tc = () => new W3CTraceContextPropagator();
const bag = () => new W3CBaggagePropagator();
const b3 = () => new B3Propagator();
const b3multi = () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
const jaeger = () => new JaegerPropagator();

/** Member lists in the orders a fleet configures them (W3C first, W3C last, baggage in between). */
const CHAINS: Array<[string, () => TextMapPropagator[]]> = [
  ['tracecontext,baggage,b3,b3multi,jaeger', () => [tc(), bag(), b3(), b3multi(), jaeger()]],
  ['jaeger,b3multi,b3,baggage,tracecontext', () => [jaeger(), b3multi(), b3(), bag(), tc()]],
  ['jaeger,baggage,tracecontext,b3', () => [jaeger(), bag(), tc(), b3()]],
  ['tracecontext,jaeger,baggage', () => [tc(), jaeger(), bag()]],
];

/** Baggage keys in any case, two of them differing only in case. */
const BAGGAGE: Record<string, string> = {
  A: 'upper',
  a: 'lower',
  'Tenant-ID': 'acme',
  user: 'José',
  MixedCase: 'v 1',
};

function sent(traceFlags: number): Context {
  let ctx = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: T1,
    spanId: S1,
    traceFlags,
    isRemote: true,
    traceState: createTraceState('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'),
  });
  const entries: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(BAGGAGE)) entries[k] = { value: v };
  ctx = propagation.setBaggage(ctx, propagation.createBaggage(entries));
  return ctx;
}

/** What the round trip must keep, in one comparable shape. */
function view(ctx: Context) {
  const sc = trace.getSpanContext(ctx);
  const entries = propagation.getBaggage(ctx)?.getAllEntries() ?? [];
  return {
    traceId: sc?.traceId,
    spanId: sc?.spanId,
    traceFlags: sc?.traceFlags,
    traceState: sc?.traceState?.serialize(),
    baggage: Object.fromEntries(entries.map(([k, e]) => [k, e.value])),
    baggageKeys: entries.length,
  };
}

let server: Server;
let url: string;
let received: IncomingHttpHeaders | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    received = req.headers;
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `headers` over a real HTTP request; returns what Node's server handed the handler. */
async function overHttp(headers: Record<string, string>): Promise<IncomingHttpHeaders> {
  received = undefined;
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  return received!;
}

// 0x03: sampled + random; 0x02: random, not sampled; 0x01 / 0x00: no random bit.
const FLAGS = [0x03, 0x02, 0x01, 0x00];

describe.each(CHAINS)('composite %s', (_name, members) => {
  const composite = new CompositePropagator({ propagators: members() });

  it.each(FLAGS)('flags %i: a case-keeping carrier gives back exactly what was injected', (f) => {
    const carrier: Record<string, string> = {};
    composite.inject(sent(f), carrier, setter);
    expect(view(composite.extract(ROOT_CONTEXT, carrier, getter))).toEqual(view(sent(f)));
  });

  it.each(FLAGS)('flags %i: over node:http (names lowercased) gives back the same', async (f) => {
    const carrier: Record<string, string> = {};
    composite.inject(sent(f), carrier, setter);
    const headers = await overHttp(carrier);
    expect(view(composite.extract(ROOT_CONTEXT, headers, getter))).toEqual(view(sent(f)));
  });
});

describe('the parts on their own', () => {
  it('"keep that context\'s traceState and flag bits": B3 after W3C keeps the random bit', () => {
    const composite = new CompositePropagator({ propagators: [tc(), b3multi()] });
    const carrier = {
      traceparent: `00-${T1}-${S1}-03`,
      'x-b3-traceid': T1,
      'x-b3-spanid': S1,
      'x-b3-sampled': '1',
    };
    const sc = trace.getSpanContext(composite.extract(ROOT_CONTEXT, carrier, getter));
    expect(sc?.traceFlags).toBe(0x03);
    const out: Record<string, string> = {};
    composite.inject(composite.extract(ROOT_CONTEXT, carrier, getter), out, setter);
    expect(out.traceparent).toBe(`00-${T1}-${S1}-03`);
  });

  it('Jaeger after W3C keeps the random bit, and does not write it as debug', () => {
    const composite = new CompositePropagator({ propagators: [tc(), jaeger()] });
    const carrier = { traceparent: `00-${T1}-${S1}-03`, 'uber-trace-id': `${T1}:${S1}:0:1` };
    const ctx = composite.extract(ROOT_CONTEXT, carrier, getter);
    expect(trace.getSpanContext(ctx)?.traceFlags).toBe(0x03);
    const out: Record<string, string> = {};
    composite.inject(ctx, out, setter);
    expect(out['uber-trace-id']).toBe(`${T1}:${S1}:0:01`);
  });

  it('a B3 sampling decision still wins for the sampled bit (random kept, sampled cleared)', () => {
    const composite = new CompositePropagator({ propagators: [tc(), b3()] });
    const carrier = { traceparent: `00-${T1}-${S1}-03`, b3: `${T1}-${S1}-0` };
    const sc = trace.getSpanContext(composite.extract(ROOT_CONTEXT, carrier, getter));
    expect(sc?.traceFlags).toBe(0x02);
  });

  it('another span id is another context: its flags are not carried', () => {
    const composite = new CompositePropagator({ propagators: [tc(), b3()] });
    const carrier = { traceparent: `00-${T1}-${S1}-03`, b3: `${T1}-${'1'.repeat(16)}-1` };
    const sc = trace.getSpanContext(composite.extract(ROOT_CONTEXT, carrier, getter));
    expect([sc?.spanId, sc?.traceFlags]).toEqual(['1'.repeat(16), 0x01]);
  });

  it.each([
    ['W3C baggage first', () => [bag(), jaeger()]],
    ['Jaeger first', () => [jaeger(), bag()]],
  ])('%s: `baggage: A=x` and `uberctx-a: x` are one entry, `A`', (_n, members) => {
    const composite = new CompositePropagator({ propagators: members() });
    const ctx = composite.extract(ROOT_CONTEXT, { baggage: 'A=x', 'uberctx-a': 'x' }, getter);
    expect(propagation.getBaggage(ctx)?.getAllEntries()).toEqual([['A', { value: 'x' }]]);
  });

  it('Jaeger alone reads `uberctx-A` as `A` on a case-keeping carrier (as the official package)', () => {
    const ctx = jaeger().extract(ROOT_CONTEXT, { 'uberctx-A': 'x' }, getter);
    expect(propagation.getBaggage(ctx)?.getAllEntries()).toEqual([['A', { value: 'x' }]]);
  });

  it('a key equal as it is: the later header wins, whatever the kind (REQUIREMENTS §3)', () => {
    const composite = new CompositePropagator({ propagators: [bag(), jaeger()] });
    const ctx = composite.extract(ROOT_CONTEXT, { baggage: 'a=1', 'uberctx-a': '2' }, getter);
    expect(view(ctx).baggage).toEqual({ a: '2' });
  });

  it('a Jaeger key with no W3C twin is kept next to the W3C entries', () => {
    const composite = new CompositePropagator({ propagators: [bag(), jaeger()] });
    const ctx = composite.extract(ROOT_CONTEXT, { baggage: 'A=x', 'uberctx-b': 'y' }, getter);
    expect(view(ctx).baggage).toEqual({ A: 'x', b: 'y' });
  });
});
