/**
 * Issue 20 item 5: the suite's `*_header_name_valid_casing` tests cannot fail for the feature they
 * name over node:http, because Node lowercases every header name before a propagator sees it. Here
 * the carrier keeps the names as sent (`req.rawHeaders`, what a proxy or a message bridge forwards),
 * so R1's case-insensitive lookup is what finds them:
 * R1: "Header names are looked up case-insensitively where the getter allows … try the lowercase
 * name, then fall back to a case-insensitive scan of keys()".
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTextMapGetter, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';

const T = '12345678901234567890123456789012';
const S = '1234567890123456';
let server: Server;
let url = '';
let carrier: Record<string, string> = {};
beforeAll(async () => {
  server = createServer((req, res) => {
    carrier = {};
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      carrier[req.rawHeaders[i]] = req.rawHeaders[i + 1];
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(headers: Record<string, string>): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(carrier));
    });
    req.on('error', reject);
    req.end();
  });
}

it.each([['TraceParent'], ['TrAcEpArEnT'], ['TRACEPARENT']])(
  'traceparent sent as %s is read from a case-keeping carrier',
  async (name) => {
    const got = await send({ [name]: `00-${T}-${S}-01`, TraceState: 'foo=1' });
    expect(Object.keys(got)).toContain(name); // the carrier really kept the case
    const ctx = new W3CTraceContextPropagator().extract(ROOT_CONTEXT, got, defaultTextMapGetter);
    const sc = trace.getSpanContext(ctx);
    expect([sc?.traceId, sc?.traceState?.serialize()]).toEqual([T, 'foo=1']);
  },
);

it('baggage sent as Baggage is read from a case-keeping carrier', async () => {
  const got = await send({ Baggage: 'user=alice' });
  expect(Object.keys(got)).toContain('Baggage');
  const ctx = new W3CBaggagePropagator().extract(ROOT_CONTEXT, got, defaultTextMapGetter);
  expect(propagation.getBaggage(ctx)?.getEntry('user')?.value).toBe('alice');
});
