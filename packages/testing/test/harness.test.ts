/**
 * The cross-service harness over real node:http on 127.0.0.1 with the real SDK
 * (@opentelemetry/sdk-trace-base): one trace through services that share a format, the broken hop
 * named (with the waterfall) when they do not, and the matrix of every caller/callee pair.
 */
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { startServices, propagationMatrix, type Services } from '@baton/testing';

jest.setTimeout(60_000);

describe('three services that share W3C trace context', () => {
  let fleet: Services;
  beforeAll(async () => {
    fleet = await startServices([
      { name: 'a', propagators: 'tracecontext,baggage,platform-id' },
      { name: 'b', propagators: 'tracecontext,baggage,b3multi,platform-id' },
      { name: 'c', propagators: new W3CTraceContextPropagator() },
    ]);
  });
  afterAll(() => fleet.close());

  test("a → b → c is one trace, each server span the child of its caller's client span", async () => {
    const result = await fleet.request(['a', 'b', 'c']);
    expect(result.problems()).toEqual([]);
    expect(new Set(result.spans.map((s) => s.traceId)).size).toBe(1);
    expect(result.spans).toHaveLength(5); // three server spans, two client spans
    const [a, b, c] = result.hops;
    expect(a.traceId).toBeNull(); // the test sent no trace: a started it
    expect(b.traceId).toBe(result.spans[0].traceId);
    expect(b.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(c.headers['x-b3-traceid']).toBe(b.traceId); // b writes B3 too
  });

  test('baggage and a custom header arrive where the configurations carry them', async () => {
    const result = await fleet.request(['a', 'b', 'c'], {
      baggage: { 'user.tier': 'gold' },
      headers: { 'platform-id': 'plat-7f3a' },
    });
    expect(result.hops.map((h) => h.baggage['user.tier'])).toEqual(['gold', 'gold', undefined]);
    expect(result.hops.map((h) => h.headers['platform-id'])).toEqual([
      'plat-7f3a',
      'plat-7f3a',
      'plat-7f3a',
    ]);
    expect(result.problems({ baggage: { 'user.tier': 'gold' } })).toEqual([
      'baggage user.tier=gold did not arrive at c (from b); it has {}',
    ]);
    expect(result.problems({ headers: { 'platform-id': 'plat-7f3a' } })).toEqual([]);
  });
});

describe('a hop without a common format', () => {
  let fleet: Services;
  beforeAll(async () => {
    fleet = await startServices([
      { name: 'gateway', propagators: 'tracecontext,baggage' },
      { name: 'legacy', propagators: 'b3multi' },
    ]);
  });
  afterAll(() => fleet.close());

  test('is named with what was sent and what the callee reads', async () => {
    const result = await fleet.request(['gateway', 'legacy']);
    const problems = result.problems();
    expect(problems[0]).toBe('expected one trace, found 2');
    expect(problems[1]).toMatch(
      /^gateway → legacy: legacy's server span is a root: a new trace, not the child of gateway's client span [0-9a-f]{16} \(gateway sent traceparent; legacy reads x-b3-traceid, x-b3-spanid, x-b3-flags, x-b3-sampled: no format in common\)$/,
    );
  });

  test('assertPropagated throws with the problems and the waterfall of both traces', async () => {
    const result = await fleet.request(['gateway', 'legacy']);
    let message = '';
    try {
      result.assertPropagated();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(
      /^propagation along gateway → legacy broke:\n {2}- expected one trace, found 2\n/,
    );
    expect(message.match(/^trace [0-9a-f]{32} {2}· {2}\d spans?/gm)).toHaveLength(2);
    expect(message).toContain('└ GET → legacy /legacy (client)');
  });
});

test('the matrix finds which caller/callee pairs break, with the reason', async () => {
  const report = await propagationMatrix(
    [
      { name: 'w3c', propagators: 'tracecontext,baggage' },
      { name: 'zipkin', propagators: 'b3multi' },
      { name: 'both', propagators: 'tracecontext,baggage,b3multi' },
    ],
    { baggage: { k: 'v' } },
  );
  expect(report.pairs.map((p) => `${p.caller}→${p.callee} ${p.ok ? 'ok' : 'broken'}`)).toEqual([
    'w3c→zipkin broken',
    'w3c→both ok',
    'zipkin→w3c broken',
    'zipkin→both ok',
    'both→w3c ok',
    'both→zipkin ok',
  ]);
  expect(report.broken[0].problems[1]).toContain(
    'w3c sent traceparent, baggage; zipkin reads x-b3-traceid',
  );
  expect(report.table.split('\n').slice(0, 4)).toEqual([
    'caller ↓ callee →  w3c  zipkin  both',
    'w3c                ·    ✗       ✓',
    'zipkin             ✗    ·       ✓',
    'both               ✓    ✓       ·',
  ]);
});

test('bad configuration fails at start-up, saying what to change', async () => {
  await expect(startServices([{ name: 'a', propagators: 42 as never }])).rejects.toThrow(
    /service "a": propagators must be an OTEL_PROPAGATORS string \(e\.g\. 'tracecontext,baggage'\) or a TextMapPropagator, got 42/,
  );
  await expect(
    startServices([
      { name: 'a', propagators: 'tracecontext' },
      { name: 'a', propagators: 'b3' },
    ]),
  ).rejects.toThrow('two services are named "a"; names must be unique');
});
