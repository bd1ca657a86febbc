/**
 * Draws spans as one waterfall per trace: service, span, a bar on a shared time axis, duration,
 * and what arrived (baggage, custom headers). A trace that split shows up as two waterfalls, and a
 * span whose parent is in no collected span says so: the broken hop is visible at a glance.
 * The mixed-fleet demo's renderer (examples/mixed-fleet/lib/waterfall.js), made a library.
 */
import type { HarnessSpan } from './spans';

// The API's SpanKind numbers (INTERNAL 0 … CONSUMER 4): the demo's queue hop, batch job and worker too.
const KIND: Record<number, string> = {
  0: 'internal',
  1: 'server',
  2: 'client',
  3: 'producer',
  4: 'consumer',
};
const BAR = 36;

function pad(value: unknown, n: number): string {
  const s = String(value);
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

function label(span: HarnessSpan, portToService: Map<number, string>): string {
  if (span.kind !== 2) return span.name;
  const url = String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? '');
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  const to = (span.peerPort !== null && portToService.get(span.peerPort)) || `:${span.peerPort}`;
  return `${span.name} → ${to} ${path}`;
}

/** What arrived with a server span: the harness records the baggage it saw as an attribute. */
function harnessArrived(span: HarnessSpan): string {
  const raw = span.attributes['baton.baggage'];
  if (typeof raw !== 'string') return '';
  const entries = Object.entries(JSON.parse(raw) as Record<string, string>);
  return entries.length ? `baggage ${entries.map(([k, v]) => `${k}=${v}`).join(',')}` : '';
}

/** Groups spans by trace, in order of first start. */
export function groupByTrace(spans: HarnessSpan[]): Map<string, HarnessSpan[]> {
  const traces = new Map<string, HarnessSpan[]>();
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const list = traces.get(s.traceId) ?? [];
    list.push(s);
    traces.set(s.traceId, list);
  }
  return traces;
}

/** Depth-first order: each span followed by its children, by start time. */
function treeOrder(
  spans: HarnessSpan[],
): Array<{ span: HarnessSpan; depth: number; orphan: boolean }> {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, HarnessSpan[]>();
  const roots: HarnessSpan[] = [];
  for (const s of spans) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else roots.push(s);
  }
  const out: Array<{ span: HarnessSpan; depth: number; orphan: boolean }> = [];
  const walk = (s: HarnessSpan, depth: number) => {
    out.push({ span: s, depth, orphan: depth === 0 && Boolean(s.parentSpanId) });
    for (const c of children.get(s.spanId) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

export interface WaterfallOptions {
  /** The last column of a span's line: what arrived with it. Default: the harness's baggage. */
  arrived?: (span: HarnessSpan) => string;
}

/**
 * @param spans    the spans of one request, from every service
 * @param services name → port (to name the callee of a client span)
 */
export function renderWaterfall(
  spans: HarnessSpan[],
  services: Map<string, { port: number }>,
  options: WaterfallOptions = {},
): string {
  const arrived = options.arrived ?? harnessArrived;
  const portToService = new Map(
    [...services].map(([name, s]) => [s.port, name] as [number, string]),
  );
  const lines: string[] = [];
  for (const [traceId, list] of groupByTrace(spans)) {
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
      const bar =
        ' '.repeat(Math.min(from, BAR - 1)) + '█'.repeat(Math.max(0, Math.min(width, BAR - from)));
      const indent = depth === 0 ? '' : '  '.repeat(depth - 1) + '└ ';
      const note = orphan ? `parent ${span.parentSpanId} is in no collected span` : arrived(span);
      const name = `${indent}${label(span, portToService)} (${KIND[span.kind] ?? span.kind})`;
      lines.push(
        `  ${pad(span.service, 14)} ${pad(name, 40)} ${pad(bar, BAR)} ${pad((span.end - span.start).toFixed(1), 6)} ${note}`.trimEnd(),
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
