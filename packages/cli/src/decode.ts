/**
 * `baton decode`: every format found in a header set, explained by its own package, with what
 * Baton's propagator extracts, where the official package disagrees, and the conflict a composite
 * would report when the headers carry more than one trace.
 */
import { ROOT_CONTEXT, defaultTextMapGetter, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, type ConflictInfo } from '@baton/propagator-composite';
import { FORMATS, type FormatExplainer, type HeaderReport } from './formats';
import { toCarrier, type Carrier, type Header, type HeaderSet } from './headers';
import { summarize, type Extracted } from './extracted';

/** The official package's answer, reported only where it differs from Baton's. */
export interface OfficialDifference {
  package: string;
  /** What the official extract produced (null: nothing, i.e. it rejects the headers). */
  extracted: Extracted | null;
}

export interface FormatReport {
  format: string;
  title: string;
  readBy: string[];
  valid: boolean;
  headers: HeaderReport[];
  /** What Baton's propagator for this format extracts from the whole header set. */
  extracted: Extracted | null;
  /** Set only when the official package is installed and extracts something different. */
  official: OfficialDifference | null;
}

export interface TraceSeen {
  traceId: string;
  formats: string[];
}

export interface RequestReport {
  source: string;
  headers: Header[];
  valid: boolean;
  formats: FormatReport[];
  /** Distinct traces extracted, in format order. */
  traces: TraceSeen[];
  /** What a composite of every trace format (precedence 'last', as core) reports, or null. */
  conflict: ConflictInfo | null;
  /** Why the request is not valid, in one line each (empty when valid). */
  problems: string[];
}

function extractWith(p: TextMapPropagator, carrier: Carrier): Extracted | null {
  try {
    return summarize(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
  } catch {
    return null; // a foreign propagator that throws extracts nothing
  }
}

function sameContext(a: Extracted | null, b: Extracted | null): boolean {
  return (
    a?.traceId === b?.traceId &&
    a?.spanId === b?.spanId &&
    a?.sampled === b?.sampled &&
    JSON.stringify(a?.baggage ?? {}) === JSON.stringify(b?.baggage ?? {})
  );
}

function formatReport(format: FormatExplainer, carrier: Carrier): FormatReport {
  const headers = format.explain(carrier);
  const extracted = extractWith(format.propagator(), carrier);
  const official = format.official();
  let difference: OfficialDifference | null = null;
  if (official !== undefined) {
    const theirs = extractWith(official.propagator, carrier);
    if (!sameContext(extracted, theirs))
      difference = { package: official.package, extracted: theirs };
  }
  return {
    format: format.id,
    title: format.title,
    readBy: format.readBy,
    valid: headers.every((h) => h.valid),
    headers,
    extracted,
    official: difference,
  };
}

/** The conflict a composite of every trace format would report for this carrier, or null. */
function conflictOf(carrier: Carrier, formats: readonly FormatExplainer[]): ConflictInfo | null {
  let conflict: ConflictInfo | null = null;
  const composite = new CompositePropagator({
    propagators: formats.filter((f) => f.carriesTrace).map((f) => f.propagator()),
    onConflict: (info) => (conflict = info),
    conflictWarningIntervalMs: Infinity,
  });
  composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  return conflict;
}

export function decodeHeaderSet(
  set: HeaderSet,
  formats: readonly FormatExplainer[] = FORMATS,
): RequestReport {
  const carrier = toCarrier(set.headers);
  const reports = formats.filter((f) => f.present(carrier)).map((f) => formatReport(f, carrier));
  const traces: TraceSeen[] = [];
  for (const r of reports) {
    const id = r.extracted?.traceId;
    if (id === undefined) continue;
    const seen = traces.find((t) => t.traceId === id);
    if (seen) seen.formats.push(r.format);
    else traces.push({ traceId: id, formats: [r.format] });
  }
  const conflict = conflictOf(carrier, formats);
  const problems: string[] = [];
  if (reports.length === 0) problems.push('no propagation header of a known format');
  for (const r of reports) {
    for (const h of r.headers) if (!h.valid && h.error) problems.push(`${h.name}: ${h.error.rule}`);
  }
  if (traces.length > 1) problems.push(`${traces.length} different traces on one request`);
  return {
    source: set.source,
    headers: set.headers,
    valid: problems.length === 0,
    formats: reports,
    traces,
    conflict,
    problems,
  };
}
