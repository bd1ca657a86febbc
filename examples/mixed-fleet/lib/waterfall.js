'use strict';
/**
 * Draws the collected spans as one waterfall per trace: service, span, a bar on a shared time axis,
 * duration, and what arrived (baggage, platform id). A trace that split shows up as two waterfalls.
 */
const KIND = { 0: 'internal', 1: 'server', 2: 'client', 3: 'producer', 4: 'consumer' };
const BAR = 36;

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

function label(span, portToService) {
  if (span.kind === 2) {
    const url = span.attributes['url.full'] || span.attributes['http.url'] || '';
    const p = url.replace(/^https?:\/\/[^/]+/, '');
    const to = portToService.get(Number(span.peerPort)) || `:${span.peerPort}`;
    return `${span.name} → ${to} ${p}`;
  }
  return span.name;
}

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

/** Groups spans by trace, in order of first start. */
function byTrace(spans) {
  const traces = new Map();
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (!traces.has(s.traceId)) traces.set(s.traceId, []);
    traces.get(s.traceId).push(s);
  }
  return traces;
}

/** Depth-first order: each span followed by its children, by start time. */
function treeOrder(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  const roots = [];
  for (const s of spans) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) {
      if (!children.has(s.parentSpanId)) children.set(s.parentSpanId, []);
      children.get(s.parentSpanId).push(s);
    } else roots.push(s);
  }
  const out = [];
  const walk = (s, depth) => {
    out.push({ span: s, depth, orphan: depth === 0 && Boolean(s.parentSpanId) });
    for (const c of children.get(s.spanId) || []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

/**
 * @param spans    spans as shipped by service.js
 * @param services Map name -> { port } (to name the callee of a client span)
 */
function renderWaterfall(spans, services) {
  const portToService = new Map([...services].map(([name, s]) => [s.port, name]));
  const lines = [];
  const traces = byTrace(spans);
  for (const [traceId, list] of traces) {
    const t0 = Math.min(...list.map((s) => s.start));
    const t1 = Math.max(...list.map((s) => s.end));
    const total = Math.max(t1 - t0, 0.001);
    const names = new Set(list.map((s) => s.service));
    lines.push(
      `trace ${traceId}  ·  ${list.length} spans  ·  ${names.size} service${names.size === 1 ? '' : 's'}  ·  ${total.toFixed(1)} ms`,
    );
    lines.push(
      `  ${pad('service', 14)} ${pad('span', 40)} ${pad('', BAR)} ${pad('ms', 6)} arrived`,
    );
    for (const { span, depth, orphan } of treeOrder(list)) {
      const from = Math.floor(((span.start - t0) / total) * BAR);
      const width = Math.max(1, Math.round(((span.end - span.start) / total) * BAR));
      const bar = ' '.repeat(Math.min(from, BAR - 1)) + '█'.repeat(Math.min(width, BAR - from));
      const indent = depth === 0 ? '' : '  '.repeat(depth - 1) + '└ ';
      const note = orphan ? `parent ${span.parentSpanId} is in no collected span` : arrived(span);
      lines.push(
        `  ${pad(span.service, 14)} ${pad(indent + label(span, portToService) + ` (${KIND[span.kind] || span.kind})`, 40)} ${pad(bar, BAR)} ${pad((span.end - span.start).toFixed(1), 6)} ${note}`.trimEnd(),
      );
    }
    lines.push('');
  }
  return lines.join('\n');
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

module.exports = { renderWaterfall, renderConflicts, byTrace };
