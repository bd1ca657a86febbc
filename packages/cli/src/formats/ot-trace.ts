/** OT Trace (`ot-tracer-*`, `ot-baggage-*`), explained by @baton/propagator-ot-trace. */
import {
  OTTracePropagator,
  explainOTBaggage,
  explainOTTrace,
  type OTTraceFields,
} from '@baton/propagator-ot-trace';
import { valuesOf, type Carrier } from '../headers';
import { officialPropagator } from '../official';
import { headerReport, yes } from './report';
import type { FormatExplainer, HeaderReport } from './types';

const NAMES = ['ot-tracer-traceid', 'ot-tracer-spanid', 'ot-tracer-sampled'];
const PREFIX = 'ot-baggage-';

function meaning(f: OTTraceFields): [string, string][] {
  return [
    ['trace-id', f.traceId + (f.traceId64 ? ' (64-bit id, left-padded)' : '')],
    ['span-id', f.spanId],
    [
      'sampled',
      f.sampledSent === undefined
        ? 'no (ot-tracer-sampled absent: not sampled)'
        : `${yes(f.sampled)} (${f.sampledSent})`,
    ],
  ];
}

/** The value as a getter hands it to extract (an array stays an array: extract reads its first). */
function raw(carrier: Carrier, name: string): unknown {
  return carrier[name];
}

export const otTrace: FormatExplainer = {
  id: 'ottrace',
  title: 'OT Trace',
  readBy: ['ottrace'],
  carriesTrace: true,
  present: (c) =>
    NAMES.some((n) => c[n] !== undefined) ||
    Object.keys(c).some((k) => k.startsWith(PREFIX) && k.length > PREFIX.length),
  explain(carrier) {
    const out: HeaderReport[] = [];
    const present = NAMES.filter((n) => carrier[n] !== undefined);
    let traceValid = false;
    if (present.length > 0) {
      const e = explainOTTrace({
        traceId: raw(carrier, 'ot-tracer-traceid'),
        spanId: raw(carrier, 'ot-tracer-spanid'),
        sampled: raw(carrier, 'ot-tracer-sampled'),
      });
      traceValid = e.valid;
      // One report for the group (they are one context), its value `traceid=… spanid=… …`.
      const value = present.map((n) => `${n.slice(10)}=${valuesOf(carrier, n)[0]}`).join(' ');
      const report = headerReport('ot-tracer-*', [value], e, meaning);
      const at = e.error?.rule.split('/')[0];
      if (at !== undefined && carrier[at] !== undefined)
        report.errorValue = valuesOf(carrier, at)[0];
      out.push(report);
    }
    for (const name of Object.keys(carrier)) {
      if (!name.startsWith(PREFIX) || name.length === PREFIX.length) continue;
      const values = valuesOf(carrier, name);
      const notes = traceValid
        ? []
        : ['not read: ot-baggage-* travels with a valid trace context only'];
      out.push(
        headerReport(
          name,
          values,
          explainOTBaggage(name, values[0]),
          (f) => [[`baggage ${f.key}`, JSON.stringify(f.value)]],
          notes,
        ),
      );
    }
    return out;
  },
  propagator: () => new OTTracePropagator(),
  official: () => officialPropagator('@opentelemetry/propagator-ot-trace', 'OTTracePropagator'),
};
