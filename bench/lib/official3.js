/**
 * The newest official line (3.x), installed in the workspace tools/official-3x beside the 2.12 line.
 *
 * REQUIREMENTS §9 anchors the targets on it: `@opentelemetry/core` 3.1.x for W3C and the composite,
 * `propagator-b3` 3.1.x. There is no 3.x Jaeger: `propagator-jaeger` 2.12.0 is the last, so the
 * Jaeger rows' newest official is the 2.12 package itself.
 *
 * Each side runs on its own API instance. The 3.x packages resolve `@opentelemetry/api` 1.10 from
 * tools/official-3x, Baton and the 2.12 line resolve 1.9 from the root. So the 3.x side gets its own
 * ROOT_CONTEXT, default getter and setter, and span contexts built by its own `trace` — what an SDK 3
 * service runs. Mixing would also be correct (context keys are `Symbol.for`, and both APIs' contexts
 * and getters are the same code: `checkMixing` below proves it at load), but it would hand each side
 * objects of the other's classes and make its call sites see two shapes: that is a cost no service
 * pays, so the bench does not impose it.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const HOME = join(__dirname, '..', '..', 'tools', 'official-3x');
const load = (name) => require(require.resolve(name, { paths: [HOME] }));

const api = load('@opentelemetry/api');
const core = load('@opentelemetry/core');
const b3 = load('@opentelemetry/propagator-b3');

/**
 * The version of package `name` as `require` resolves it from `from` (read from its package.json by
 * path: packages with an `exports` map do not export './package.json').
 */
function packageVersion(name, from) {
  const main = require.resolve(name, { paths: [from] });
  const root = main.slice(0, main.lastIndexOf('/node_modules/') + '/node_modules/'.length);
  return JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')).version;
}
const versions = {
  api: packageVersion('@opentelemetry/api', HOME),
  core: packageVersion('@opentelemetry/core', HOME),
  'propagator-b3': packageVersion('@opentelemetry/propagator-b3', HOME),
};

/**
 * The two API instances agree on everything a propagator touches: same context keys, and a 3.x
 * propagator extracting into a 1.9 context gives what it gives into its own. Fails loudly if a
 * future API release changes that (the bench's "own API per side" would then need a second look).
 */
function checkMixing() {
  const old = require('@opentelemetry/api');
  const carrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
  const w3c = new core.W3CTraceContextPropagator();
  const own = api.trace.getSpanContext(
    w3c.extract(api.ROOT_CONTEXT, carrier, api.defaultTextMapGetter),
  );
  const mixed = old.trace.getSpanContext(
    w3c.extract(old.ROOT_CONTEXT, carrier, old.defaultTextMapGetter),
  );
  if (!own || !mixed || own.traceId !== mixed.traceId || own.spanId !== mixed.spanId) {
    throw new Error('bench: @opentelemetry/api 1.9 and 1.10 contexts disagree');
  }
}
checkMixing();

module.exports = { api, core, b3, versions, packageVersion };
