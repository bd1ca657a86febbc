/** The human output of `baton decode`. */
import { describeExtracted } from '../extracted';
import type { FormatReport, RequestReport } from '../decode';
import type { HeaderReport } from '../formats';
import type { Style } from './style';
import { WIDTH, fit, pointer, row, visible } from './text';

const LABEL = 15;

function header(h: HeaderReport, s: Style, out: string[]): void {
  out.push(fit(`    ${h.name}: ${visible(h.value)}`, WIDTH));
  if (h.valid) {
    out.push(`      ${s.ok('✓ valid')}`);
    for (const [label, text] of h.meaning) out.push(row(6, label, LABEL, text));
  } else if (h.error !== undefined) {
    const e = h.error;
    out.push(fit(`      ${s.bad('✗ ' + e.rule)}  ${e.message}`, WIDTH));
    if (e.position >= 0) {
      const [value, caret] = pointer(h.errorValue ?? h.value, e.position, WIDTH - 8 - LABEL - 1);
      out.push(row(8, `at ${e.position}`, LABEL, value));
      out.push(row(8, '', LABEL, s.bad(caret)));
    }
    out.push(row(8, 'expected', LABEL, e.expected));
    out.push(row(8, 'spec', LABEL, s.dim(e.spec)));
    // A list format (baggage) still has meaning rows for what it kept.
    for (const [label, text] of h.meaning) out.push(row(6, label, LABEL, text));
  }
  for (const note of h.notes) out.push(fit(`      ${s.dim('note: ' + note)}`, WIDTH));
}

function format(r: FormatReport, s: Style, out: string[]): void {
  const verdict = r.valid ? s.ok('valid') : s.bad('invalid');
  out.push(
    `  ${s.bold(r.title.padEnd(20))} ${verdict}   ${s.dim(`read by OTEL_PROPAGATORS=${r.readBy.join('|')}`)}`,
  );
  for (const h of r.headers) header(h, s, out);
  // One row per part of the context, so nothing is cut at 100 columns.
  const parts = describeExtracted(r.extracted).split(' · ');
  parts.forEach((p, i) => out.push(row(4, i === 0 ? 'Baton extracts' : '', LABEL + 2, p)));
  if (r.official !== null) {
    const { package: pkg, extracted } = r.official;
    if (extracted === null) {
      out.push(row(4, 'official', LABEL + 2, `${pkg} rejects it (extracts nothing)`));
    } else {
      out.push(row(4, 'official', LABEL + 2, `${pkg} extracts:`));
      for (const p of describeExtracted(extracted).split(' · ')) out.push(row(4, '', LABEL + 2, p));
    }
  }
}

export function renderRequest(
  report: RequestReport,
  s: Style,
  index: number,
  total: number,
): string {
  const out: string[] = [];
  const title = total > 1 ? `request ${index + 1} of ${total}: ${report.source}` : report.source;
  out.push(
    s.bold(
      fit(
        `${title} (${report.headers.length} header${report.headers.length === 1 ? '' : 's'})`,
        WIDTH,
      ),
    ),
  );
  if (report.formats.length === 0) {
    out.push(`  ${s.bad('no propagation header of a known format')}`);
    out.push(
      s.dim(
        '  (known: traceparent, tracestate, baggage, b3, x-b3-*, uber-trace-id, uberctx-*, platform-id,',
      ),
    );
    out.push(s.dim('   x-amzn-trace-id, ot-tracer-*, ot-baggage-*, x-cloud-trace-context)'));
  }
  for (const f of report.formats) format(f, s, out);
  if (report.formats.length > 0 && report.traces.length === 0) {
    const rootOnly = report.formats.some((f) => f.extracted?.rootOnly !== undefined);
    out.push(
      rootOnly
        ? `  ${s.warn('no parent span')}: X-Ray Root only; a new root span follows its Sampled (AWSXRaySampler)`
        : `  ${s.warn('no trace context')}: a service receiving this starts a new trace`,
    );
  }
  if (report.conflict !== null) {
    const c = report.conflict;
    const distinct = new Set(c.extractions.map((e) => e.traceId)).size;
    out.push(
      `  ${s.bad(`conflict: ${distinct} different traces on one request`)} (precedence '${c.precedence}')`,
    );
    for (const e of c.extractions) {
      const chosen =
        e === c.chosen || (e.propagator === c.chosen.propagator && e.traceId === c.chosen.traceId);
      const line = `    ${e.propagator.padEnd(16)} trace ${e.traceId} span ${e.spanId}`;
      out.push(fit(line, WIDTH) + (chosen ? s.warn('  <- continued') : ''));
    }
    out.push(s.dim('    the other trace stops here: its spans end at the caller'));
  } else if (report.traces.length === 1) {
    out.push(
      `  ${s.ok('one trace')} ${report.traces[0].traceId} in ${report.traces[0].formats.join(', ')}`,
    );
  }
  return out.join('\n');
}
