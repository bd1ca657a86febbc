/** W3C Baggage (`baggage`), explained by @baton/propagator-w3c. */
import { W3CBaggagePropagator, explainBaggage } from '@baton/propagator-w3c';
import { valuesOf } from '../headers';
import { officialPropagator } from '../official';
import { headerReport } from './report';
import type { FormatExplainer } from './types';

export const baggage: FormatExplainer = {
  id: 'baggage',
  title: 'W3C Baggage',
  readBy: ['baggage'],
  carriesTrace: false,
  present: (c) => c['baggage'] !== undefined,
  explain(carrier) {
    const values = valuesOf(carrier, 'baggage');
    const e = explainBaggage(values.length === 1 ? values[0] : values);
    const report = headerReport('baggage', values, e, (f) =>
      f.members.map((m): [string, string] =>
        m.kept
          ? [m.key!, JSON.stringify(m.value) + (m.properties ? ` ;${m.properties}` : '')]
          : [m.raw.slice(0, 24), `dropped: ${m.error?.rule}`],
      ),
    );
    // Baggage is a list: the members kept are extracted even when others are dropped.
    const kept = e.fields?.members.filter((m) => m.kept).length ?? 0;
    if (!e.valid && kept > 0)
      report.notes.push(`${kept} member(s) kept; only the others are dropped`);
    return [report];
  },
  propagator: () => new W3CBaggagePropagator(),
  official: () => officialPropagator('@opentelemetry/core', 'W3CBaggagePropagator'),
};
