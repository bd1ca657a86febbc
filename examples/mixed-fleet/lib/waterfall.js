'use strict';
/**
 * The waterfall of the demo: @baton/testing's renderer (one waterfall per trace, a trace that split
 * shows up as two), with the demo's own "arrived" column, and the conflict report.
 */
const { renderWaterfall: render, groupByTrace } = require('@baton/testing');

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

/** What arrived with a span, as service.js records it: baggage and the platform id. */
function arrived(span) {
  const parts = [];
  const bag = span.attributes['demo.baggage'];
  if (bag) {
    const entries = Object.entries(JSON.parse(bag)).map(([k, v]) => `${k}=${v}`);
    parts.push(`baggage ${entries.join(',')}`);
  }
  if (span.attributes['demo.platform_id'])
    parts.push(`platform-id ${span.attributes['demo.platform_id']}`);
  return parts.join(' · ');
}

/**
 * @param spans    spans as shipped by service.js
 * @param services Map name -> { port } (to name the callee of a client span)
 */
function renderWaterfall(spans, services) {
  return render(spans, services, { arrived });
}

function renderConflicts(conflicts) {
  const lines = [];
  for (const c of conflicts) {
    lines.push(
      `conflict at ${c.service}: one request carried ${c.extractions.length} different traces`,
    );
    for (const e of c.extractions) {
      const chosen = e.traceId === c.chosen.traceId && e.propagator === c.chosen.propagator;
      lines.push(
        `    ${pad(e.propagator, 18)} trace ${e.traceId}  span ${e.spanId}${chosen ? `   <- continued (precedence '${c.precedence}')` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

module.exports = { renderWaterfall, renderConflicts, byTrace: groupByTrace };
