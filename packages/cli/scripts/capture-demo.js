'use strict';
/**
 * Runs the mixed-fleet demo (examples/mixed-fleet) once and writes, as a HAR file, the tracing
 * headers each service received on every hop — the header set `baton decode --har` reads.
 *
 *   node packages/cli/scripts/capture-demo.js out.har                  # the demo
 *   node packages/cli/scripts/capture-demo.js out.har --misconfigure   # its misconfigured run
 *
 * Needs the packages built (npm run build). The test fixtures in test/fixtures/demo*.har were made
 * with it; the CLI tests decode those, and one test decodes a fresh capture.
 */
const fs = require('node:fs');
const path = require('node:path');

const fleetDir = path.join(__dirname, '../../../examples/mixed-fleet/lib');
const { startFleet } = require(path.join(fleetDir, 'fleet.js'));
const { ENTRY } = require(path.join(fleetDir, 'topology.js'));

/** The demo's own client request (demo.js REQUEST). */
const REQUEST = { baggage: 'user.tier=gold,cart.id=c-42', 'platform-id': 'plat-7f3a' };

/** Every hop in the gateway's answer, depth first: each service echoes what it received. */
function hops(answer, out = []) {
  if (!answer || typeof answer !== 'object' || !answer.service) return out;
  out.push({ service: answer.service, path: answer.path, headers: answer.headers || {} });
  for (const child of answer.calls || []) hops(child, out);
  return out;
}

async function capture(misconfigure) {
  const fleet = await startFleet({ misconfigure });
  try {
    await fleet.trace(REQUEST); // warm-up, as the demo does
    const { response } = await fleet.trace(REQUEST);
    const entries = hops(response.body).map((hop, i) => ({
      startedDateTime: new Date(0).toISOString(),
      time: 0,
      comment: i === 0 ? `client -> ${ENTRY.service}` : `hop ${i}`,
      request: {
        method: 'GET',
        url: `http://${hop.service}${hop.path}`,
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(hop.headers).flatMap(([name, v]) =>
          (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })),
        ),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [],
        cookies: [],
        content: { size: 0, mimeType: 'application/json' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    }));
    return {
      log: { version: '1.2', creator: { name: 'baton capture-demo', version: '0.1.0' }, entries },
    };
  } finally {
    await fleet.stop();
  }
}

const [out, flag] = process.argv.slice(2);
if (!out) {
  console.error('usage: node capture-demo.js OUT.har [--misconfigure]');
  process.exit(2);
}
capture(flag === '--misconfigure').then(
  (har) => fs.writeFileSync(out, JSON.stringify(har, null, 2) + '\n'),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
