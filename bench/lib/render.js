/**
 * The Markdown tables of a bench run (the JSON `bench/run.js --json` writes), shared by run.js (its
 * console report) and table.js (the README's tables), so both always show the same columns.
 *
 * Columns: each side's median ns/op, the ratios Baton / 3.x and Baton / 2.12 (REQUIREMENTS §9 judges
 * the newest official line: 3.x, or 2.12 for a row with no 3.x package), the range of the judged
 * ratio over processes, and the bytes each side allocates per operation. With a second run made
 * with `--gc` (a full GC forced before every timed batch), two more columns: that run's judged
 * ratio, and its change from the plain run (§9: within 15%).
 */
'use strict';

const ns = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const bytes = (v) => (v === undefined ? '—' : v === 0 ? '0' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const ratio = (v) => (v === undefined ? '—' : `${v.toFixed(2)}×`);

/** Lines of the header sentence and the results table. */
function renderResults(data, gcData) {
  const lines = [];
  const spread = (data.processes || 1) > 1;
  const where = spread ? `median of ${data.processes} processes × ` : '';
  const v = data.versions || {};
  lines.push(
    `Node ${data.node}, ${where}${data.rounds} interleaved rounds, median ns/op of ${data.clock === 'wall' ? 'wall-clock' : 'CPU'} time (lower is better)` +
      (data.quick ? ' — quick mode: numbers not meaningful' : '') +
      '.' +
      (v.latest ? ` 3.x = ${v.latest}; 2.12 = ${v.line212}.` : ''),
    '',
  );
  const gcByKey = new Map();
  if (gcData) for (const r of gcData.results) gcByKey.set(`${r.suite}\u0000${r.label}`, r);
  const head = [
    'suite',
    'operation',
    'Baton',
    '3.x',
    '2.12',
    'Baton / 3.x',
    'Baton / 2.12',
    ...(spread ? ['range (newest)'] : []),
    'Baton B/op',
    'newest B/op',
    ...(gcData ? ['newest, GC forced', 'change'] : []),
  ];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(
    `| --- | --- | ${head
      .slice(2)
      .map(() => '---:')
      .join(' | ')} |`,
  );
  for (const r of data.results) {
    const alloc = r.alloc || {};
    const cells = [
      r.suite,
      r.label,
      ns(r.baton),
      r.latest === undefined ? 'none' : ns(r.latest),
      ns(r.official),
      r.latest === undefined ? '—' : ratio(r.ratio),
      ratio(r.ratio212),
      ...(spread ? [`${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}`] : []),
      bytes(alloc.baton),
      bytes(r.latest === undefined ? alloc.official : alloc.latest),
    ];
    if (gcData) {
      const g = gcByKey.get(`${r.suite}\u0000${r.label}`);
      cells.push(g ? ratio(g.ratio) : '—');
      cells.push(g ? `${((g.ratio / r.ratio - 1) * 100).toFixed(0)}%` : '—');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

/** Lines of the scaling table (Baton only), or none. */
function renderScaling(data) {
  if (!data.scaling || data.scaling.length === 0) return [];
  const sizes = data.scaling[0].points.map((p) =>
    p.bytes >= 1 << 20 ? `${p.bytes >> 20} MB` : `${p.bytes >> 10} KB`,
  );
  const lines = [
    'Scaling, Baton only: one extract of a pathological value, median ms; target < 5 ms at 1 MB, linear growth.',
    '',
    `| suite | input | ${sizes.join(' | ')} | threw |`,
    `| --- | --- | ${sizes.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const s of data.scaling) {
    const threw = s.points.some((p) => p.threw) ? 'YES' : 'no';
    lines.push(
      `| ${s.suite} | ${s.label} | ${s.points.map((p) => p.ms.toFixed(3)).join(' | ')} | ${threw} |`,
    );
  }
  return lines;
}

module.exports = { renderResults, renderScaling };
