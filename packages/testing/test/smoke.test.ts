import { W3CTraceContextPropagator, W3CBaggagePropagator } from '@baton/propagator-w3c';
import { B3Propagator, B3InjectEncoding } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';
import * as core from '@opentelemetry/core';
import * as ob3 from '@opentelemetry/propagator-b3';
import * as oj from '@opentelemetry/propagator-jaeger';
import { checkConformance } from '@baton/testing';
jest.setTimeout(300000);
test('smoke', () => {
  const ps: Array<[string, any, any?]> = [
    ['w3c', new W3CTraceContextPropagator()],
    ['bag', new W3CBaggagePropagator()],
    ['b3', new B3Propagator()],
    ['b3m', new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })],
    ['jaeger', new JaegerPropagator(), { headerPrefixes: ['uberctx-'] }],
    ['pid', new PlatformIdPropagator()],
    ['core-w3c', new core.W3CTraceContextPropagator()],
    ['core-bag', new core.W3CBaggagePropagator()],
    ['ob3', new ob3.B3Propagator()],
    ['ob3m', new ob3.B3Propagator({ injectEncoding: ob3.B3InjectEncoding.MULTI_HEADER })],
    ['oj', new oj.JaegerPropagator(), { headerPrefixes: ['uberctx-'] }],
  ];
  for (const [n, p, o] of ps.filter(
    ([n]) => !process.env.ONLY || process.env.ONLY.split(',').includes(n),
  )) {
    const t0 = Date.now();
    const r = checkConformance(p, { name: n, ...(o ?? {}) });
    console.log(`${n} ${Date.now() - t0}ms\n${r.summary}`);
  }
});
