'use strict';
/**
 * npm run demo                      five services, five header formats, one trace
 * npm run demo -- --misconfigure    the same fleet with one wrong OTEL_PROPAGATORS: the trace splits
 *                                   and the gateway's composite reports the conflict
 */
const fs = require('node:fs');
const path = require('node:path');
const { startFleet } = require('./lib/fleet');
const { renderWaterfall, renderConflicts, byTrace } = require('./lib/waterfall');
const { MISCONFIGURATION, hops } = require('./lib/topology');

// `npm run demo -- --misconfigure` at the root reaches this script through a nested `npm run`, which
// takes the flag as an npm setting and exports it as npm_config_misconfigure: accept both forms.
const misconfigure =
  process.argv.includes('--misconfigure') || process.env.npm_config_misconfigure === 'true';
const REQUEST = { baggage: 'user.tier=gold,cart.id=c-42', 'platform-id': 'plat-7f3a' };

/** The installed version of a package (its package.json is not always in its "exports"). */
function version(name) {
  try {
    let dir = path.dirname(require.resolve(name));
    for (let i = 0; i < 6; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (pkg.name === name) return pkg.version;
      }
    }
  } catch {
    // not installed: reported as '?'
  }
  return '?';
}

async function main() {
  const started = Date.now();
  const fleet = await startFleet({ misconfigure });
  try {
    console.log(
      `Baton mixed-fleet demo${misconfigure ? ' — MISCONFIGURED run' : ''} (Node ${process.versions.node}, ` +
        `@opentelemetry/api ${version('@opentelemetry/api')}, sdk-node ${version('@opentelemetry/sdk-node')})\n`,
    );
    // The column fits the longest list (the gateway's).
    const width = Math.max(...[...fleet.services.values()].map((s) => s.spec.propagators.length));
    console.log(`  ${'service'.padEnd(14)} ${'OTEL_PROPAGATORS'.padEnd(width)} resolved to`);
    for (const [name, s] of fleet.services) {
      const mark = s.spec.misconfigured ? '   <- misconfigured' : '';
      console.log(
        `  ${name.padEnd(14)} ${s.spec.propagators.padEnd(width)} ${s.description}${mark}`,
      );
    }
    const headerText = Object.entries(REQUEST)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    console.log(`\nclient -> gateway GET /checkout  (${headerText})\n`);

    // One unprinted request first, so the printed durations are not those of cold code paths.
    await fleet.trace(REQUEST);
    const { response, spans, conflicts, warnings } = await fleet.trace(REQUEST);
    if (response.status !== 200) throw new Error(`gateway answered ${response.status}`);
    console.log(renderWaterfall(spans, fleet.services));

    const traces = byTrace(spans);
    const services = new Set(spans.map((s) => s.service));
    if (traces.size === 1) {
      console.log(
        `one trace across ${services.size} services and ${hops().length + 1} hops; ` +
          `baggage and platform-id arrived where their format is spoken.`,
      );
    } else {
      console.log(`the request split into ${traces.size} traces.`);
    }
    if (conflicts.length) console.log(`\n${renderConflicts(conflicts)}`);
    // A conflict is also logged through diag.warn (rate-limited); the hook's report above says it.
    for (const w of warnings.filter((w) => !/different traces/.test(w.message))) {
      console.log(`\n${w.level} from ${w.service}: ${w.message}`);
    }
    if (misconfigure) {
      console.log(`\nwhat happened: ${MISCONFIGURATION.story}.`);
      console.log(`the fix: ${MISCONFIGURATION.fix}.`);
    } else {
      console.log(`\nnow try: npm run demo -- --misconfigure`);
    }
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await fleet.stop();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
