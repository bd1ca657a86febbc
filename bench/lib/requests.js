'use strict';
/**
 * The request the composite rows send (bench/suites/composite.js, diagnostics.js and the composite
 * floor in floors/floors.js): one definition, so a floor and the row it bounds time the same carrier.
 * Plain objects; each suite passes them through wire.js's `headers` (flat strings, as Node's parser
 * delivers them).
 */
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

/**
 * The headers a service typically receives next to the tracing ones: every member that finds no
 * header of its own pays for them (REQUIREMENTS §1's case-insensitive keys() fallback), so a carrier
 * with nothing else would flatter the members that scan.
 */
const ORDINARY = {
  host: 'api.internal:8080',
  'user-agent': 'node-fetch/1.0',
  'accept-encoding': 'gzip, deflate',
  'accept-language': 'en',
  'content-length': '42',
  connection: 'keep-alive',
  'x-forwarded-for': '10.0.0.1',
  'x-forwarded-proto': 'https',
  'x-request-id': 'a1b2c3',
  'cache-control': 'no-cache',
};

/** What a service that writes every format sends: W3C, B3 single and multi, Jaeger, baggage. */
const EVERY_FORMAT = {
  ...ORDINARY,
  traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
  tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  baggage: 'userId=alice,serverNode=DF%2028,isProduction=false',
  b3: `${TRACE_ID}-${SPAN_ID}-1`,
  'x-b3-traceid': TRACE_ID,
  'x-b3-spanid': SPAN_ID,
  'x-b3-sampled': '1',
  'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`,
  'uberctx-tenant': 'acme',
  'content-type': 'application/json',
  accept: '*/*',
};

module.exports = { TRACE_ID, SPAN_ID, ORDINARY, EVERY_FORMAT };

/**
 * The official composite of the five formats the composite rows compare with, built from one
 * official line: `core` (`@opentelemetry/core`), `b3` (`@opentelemetry/propagator-b3`) and the
 * Jaeger class (2.12.0 for both lines: there is no 3.x Jaeger).
 */
function officialFive(core, b3, Jaeger) {
  return new core.CompositePropagator({
    propagators: [
      new core.W3CTraceContextPropagator(),
      new core.W3CBaggagePropagator(),
      new b3.B3Propagator({ injectEncoding: b3.B3InjectEncoding.SINGLE_HEADER }),
      new b3.B3Propagator({ injectEncoding: b3.B3InjectEncoding.MULTI_HEADER }),
      new Jaeger(),
    ],
  });
}

module.exports.officialFive = officialFive;

/**
 * Baton's composite of the same five, in the same order (b3 and b3multi both: the composite runs B3's
 * extract once). The packages are required here, not at the top, so a script timing only the
 * official side does not load them.
 */
function batonFive() {
  const { W3CTraceContextPropagator, W3CBaggagePropagator } = require('@baton/propagator-w3c');
  const { B3Propagator, B3InjectEncoding } = require('@baton/propagator-b3');
  const { JaegerPropagator } = require('@baton/propagator-jaeger');
  const { CompositePropagator } = require('@baton/propagator-composite');
  return new CompositePropagator({
    propagators: [
      new W3CTraceContextPropagator(),
      new W3CBaggagePropagator(),
      new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
      new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
      new JaegerPropagator(),
    ],
  });
}

module.exports.batonFive = batonFive;
