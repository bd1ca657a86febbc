/**
 * The harness side of the W3C suite, in TypeScript: it sends one request with exactly the raw
 * headers given (duplicates and casing kept) to the service, asks for `count` callbacks to itself,
 * and returns the headers of each callback as received (raw, in order).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RawHeaders = [name: string, value: string][];

export interface Harness {
  /** Sends `headers` to the service and returns the raw headers of each of `count` callbacks. */
  send(headers: RawHeaders, count?: number): Promise<RawHeaders[]>;
  close(): Promise<void>;
}

function pairs(raw: string[]): RawHeaders {
  const out: RawHeaders = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

export async function startHarness(serviceUrl: string): Promise<Harness> {
  const received = new Map<string, RawHeaders>();
  const server: Server = createServer((req, res) => {
    received.set(req.url ?? '', pairs(req.rawHeaders));
    req.resume();
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let scope = 0;

  return {
    async send(headers, count = 1) {
      const id = ++scope;
      const calls = Array.from({ length: count }, (_, i) => ({
        url: `${base}/${id}/${i}`,
        arguments: [],
      }));
      const body = JSON.stringify(calls);
      // Raw headers as a flat array keep duplicates and casing exactly; Node then adds none of its
      // own, so host and content-length are given here.
      const flat: string[] = [
        'host',
        new URL(serviceUrl).host,
        'content-type',
        'application/json',
        'content-length',
        String(Buffer.byteLength(body)),
      ];
      for (const [k, v] of headers) flat.push(k, v);
      await new Promise<void>((resolve, reject) => {
        const req = request(serviceUrl, { method: 'POST', headers: flat }, (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`service: ${res.statusCode}`)),
          );
        });
        req.on('error', reject);
        req.end(body);
      });
      return calls.map((_, i) => {
        const got = received.get(`/${id}/${i}`);
        if (got === undefined) throw new Error(`the service made no callback ${i}`);
        return got;
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
