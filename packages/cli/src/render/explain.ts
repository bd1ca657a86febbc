/** The human output of `baton explain` and `baton explain --compare`. */
import { describeExtracted } from '../extracted';
import type { ChainReport, CompareReport, ExplainReport } from '../explain';
import type { Style } from './style';
import { fit, row, visible, WIDTH, wrap } from './text';

function chain(c: ChainReport, s: Style, out: string[], title: string): void {
  const list = c.propagators === '' ? '(unset: tracecontext,baggage)' : c.propagators;
  out.push(
    s.bold(fit(title === c.source ? `${title}: ${list}` : `${title}: ${c.source}=${list}`, WIDTH)),
  );
  out.push(row(2, 'resolves to', 12, c.description));
  if (c.precedence !== 'last' || c.config !== null)
    out.push(row(2, 'precedence', 12, `${c.precedence} valid wins`));
  if (c.config !== null) {
    out.push(row(2, 'config', 12, `${c.config.file} (${c.config.source})`));
    if (c.config.hooks.length > 0)
      out.push(row(2, 'hooks', 12, `${c.config.hooks.join(', ')} (named, not called)`));
  }
  if (c.required.length > 0) out.push(row(2, 'required', 12, c.required.join(', ')));
  for (const w of c.warnings) {
    const [first, ...rest] = wrap(`  warning ${w}`, WIDTH, 10);
    out.push(first.replace('warning', s.warn('warning')), ...rest);
  }
  for (const m of c.members) {
    const reads =
      m.reads === null
        ? '(not declared)'
        : [...m.reads.names, ...m.reads.prefixes.map((p) => `${p}*`)].join(', ');
    out.push(row(2, m.name, 12, `${m.description}`));
    out.push(row(4, 'reads', 10, reads || '(nothing)'));
    out.push(row(4, 'writes', 10, m.writes.join(', ') || '(nothing)'));
  }
}

export function renderExplain(r: ExplainReport, s: Style): string {
  const out: string[] = [];
  chain(r.chain, s, out, 'service');
  const q = r.request;
  if (q !== null) {
    out.push('');
    out.push(s.bold(fit(`given ${q.source}:`, WIDTH)));
    for (const f of q.formats) {
      const tag =
        f.outcome === 'read'
          ? s.ok('read    ')
          : f.outcome === 'rejected'
            ? s.bad('rejected')
            : s.bad('ignored ');
      const names = f.headers.map((h) => h.name).join(', ');
      out.push(fit(`  ${tag} ${f.title.padEnd(18)} ${names}`, WIDTH + 12));
      if (f.outcome === 'ignored')
        out.push(fit(`           no configured member reads it: ${f.hint}`, WIDTH));
      for (const h of f.headers) {
        if (h.error !== undefined && f.outcome !== 'ignored') {
          out.push(fit(`           ${h.name}: ${h.error.rule}: ${h.error.message}`, WIDTH));
          out.push(fit(`           ${s.dim(`value ${visible(h.value)}`)}`, WIDTH + 9));
        }
      }
    }
    if (q.diagnostics !== null) {
      out.push(s.bold('  the service would log:'));
      if (q.diagnostics.length === 0) out.push(s.dim('    (nothing)'));
      for (const line of q.diagnostics) out.push(...wrap(`    ${line}`, WIDTH, 6));
    }
    if (q.conflict !== null) {
      out.push(
        `  ${s.bad('conflict')} ${q.conflict.extractions.map((e) => `${e.propagator} trace ${e.traceId}`).join(' vs ')}`,
      );
    }
    out.push(
      q.continues?.traceId !== undefined
        ? fit(`  ${s.ok('continues')} ${describeExtracted(q.continues)}`, WIDTH + 9)
        : fit(
            `  ${s.bad('starts a new trace')}${q.continues ? ` (keeps ${describeExtracted(q.continues)})` : ''}`,
            WIDTH + 9,
          ),
    );
  }
  return out.join('\n');
}

export function renderCompare(r: CompareReport, s: Style): string {
  const out: string[] = [];
  chain(r.a, s, out, 'A');
  chain(r.b, s, out, 'B');
  out.push('');
  out.push(s.bold('A sends:'));
  for (const [name, value] of Object.entries(r.headers))
    out.push(fit(`  ${name}: ${value}`, WIDTH));
  if (r.unread.length > 0) out.push(`  ${s.warn('B reads none of')} ${r.unread.join(', ')}`);
  out.push(s.bold('B receives:'));
  for (const i of r.items) {
    const tag = i.survives
      ? s.ok('survives')
      : s.bad(i.received === null ? 'lost    ' : 'changed ');
    out.push(
      fit(
        `  ${tag} ${i.item.padEnd(20)} ${i.survives ? i.sent : `${i.sent} -> ${i.received ?? 'nothing'}`}`,
        WIDTH + 9,
      ),
    );
  }
  if (r.items.length === 0) out.push(`  ${s.bad('A sends nothing')}: ${describeExtracted(r.sent)}`);
  out.push(
    r.valid
      ? s.ok('the context survives from A to B')
      : s.bad('the context does not survive from A to B'),
  );
  return out.join('\n');
}
